/** The `fairUse.*` settings: defaults for what a spec leaves out, and how results are shown. */
import * as vscode from 'vscode';
import type { MetricId } from '../core/audit/metrics/metric';
import type { AuditOptions } from '../core/audit/options';

export interface FairUseSettings {
  /** Fill the options an audit spec does not set. */
  readonly defaults: Partial<AuditOptions>;
  /**
   * Metric and ε depend on the label's task, known only once the data is read: the worker applies these where
   * the spec is silent and they fit (protocol/worker-protocol.ts), so the error rate never overrides a regression's MSE.
   */
  readonly preferences: { readonly metric?: MetricId; readonly epsilon?: number };
  /** Also list negative gains that are not significant, as warnings. */
  readonly showWarnings: boolean;
  /** Re-run a spec's audit when the spec is saved (never in an untrusted workspace). */
  readonly runOnSave: boolean;
  /** Open the report panel when an audit finishes. */
  readonly openReport: boolean;
  /** Heap limit of the audit worker, in MB. */
  readonly workerMemoryMB: number;
  /** Model files larger than this many MB are refused before they are read. */
  readonly maxModelMB: number;
}

export function readSettings(scope?: vscode.Uri): FairUseSettings {
  const config = vscode.workspace.getConfiguration('fairUse', scope);
  // Only what the user set: a setting left at its default leaves the engine's default in place, so the report
  // does not credit "settings" with it. Interventions are the exception: the editor runs them unless turned off.
  const chosen = <T>(key: string): T | undefined => {
    const i = config.inspect<T>(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
  return {
    defaults: {
      alpha: chosen<number>('alpha'),
      bootstrap: chosen<number>('bootstrap'),
      seed: chosen<number>('seed'),
      technique: chosen<AuditOptions['technique']>('technique'),
      correction: chosen<AuditOptions['correction']>('correction'),
      interventions: config.get<boolean>('interventions'),
    },
    preferences: { metric: chosen<MetricId>('metric'), epsilon: chosen<number>('epsilon') },
    showWarnings: config.get<boolean>('showWarnings', false),
    runOnSave: config.get<boolean>('runOnSave', true),
    openReport: config.get<boolean>('openReport', true),
    workerMemoryMB: config.get<number>('workerMemoryMB', 4096),
    maxModelMB: config.get<number>('maxModelMB', 100),
  };
}

