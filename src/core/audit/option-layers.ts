/**
 * The one place where an audit's options meet: the editor's settings, a model file's training settings, the
 * audit spec and the command line, each a layer over the defaults (options.ts). Every value remembers the layer
 * it came from, so a report can say "alpha 0.05 (spec)" and a user can see why an option is what it is.
 */
import { METRICS } from './metrics';
import type { AuditOptions } from './options';
import type { Task } from '../data/task';
import type { AuditReport, OptionSource } from '../report/report';

export type { OptionSource };

/** The order in which layers apply: a later source overrides an earlier one. */
export const OPTION_SOURCES: readonly OptionSource[] = ['settings', 'model file', 'spec', 'command line'];

export interface OptionLayer {
  readonly source: OptionSource;
  readonly options: Partial<AuditOptions>;
}

/** The options the layers set (defaults not yet filled in), and for each of them the layer it came from. */
export interface LayeredOptions {
  readonly options: Partial<AuditOptions>;
  readonly sources: Readonly<Partial<Record<keyof AuditOptions, OptionSource>>>;
}

/**
 * Stacks the layers in the order of OPTION_SOURCES (whatever order they are given in): for each option the
 * strongest layer that sets it (not undefined) wins.
 *
 * The editor's settings are preferences, not demands: with the label's task known, a settings metric of the
 * other task (the error rate for a regression) and a settings ε for a regression (whose unit is the label's) are
 * left out, so the task's own default applies instead of an error. The same value in a spec or on the command
 * line is the user's explicit choice and is kept, for options.ts to refuse with a message.
 */
export function layerOptions(layers: readonly OptionLayer[], task?: Task): LayeredOptions {
  const options: Record<string, unknown> = {};
  const sources: Partial<Record<keyof AuditOptions, OptionSource>> = {};
  const ordered = [...layers].sort((a, b) => OPTION_SOURCES.indexOf(a.source) - OPTION_SOURCES.indexOf(b.source));
  for (const layer of ordered) {
    for (const [key, value] of Object.entries(layer.options) as Array<[keyof AuditOptions, unknown]>) {
      if (value === undefined) continue;
      if (layer.source === 'settings' && !fitsTask(key, value, task)) continue;
      options[key] = value;
      sources[key] = layer.source;
    }
  }
  return { options: options as Partial<AuditOptions>, sources };
}

/** Whether a settings value applies to a label of this task (an unknown task keeps every value). */
function fitsTask(key: keyof AuditOptions, value: unknown, task: Task | undefined): boolean {
  if (task === undefined) return true;
  if (key === 'metric') {
    const metric = METRICS[value as AuditOptions['metric']];
    return metric !== undefined && (metric.task === task || metric.task === 'any');
  }
  if (key === 'epsilon') return task === 'classification';
  return true;
}

/**
 * Adds layers to options already layered (e.g. the command line over a spec's, the settings under them). An option
 * with no recorded source counts as the spec's: a run's options are what its spec says unless told otherwise.
 */
export function addLayers(layered: Pick<LayeredOptions, 'options'> & { readonly sources?: LayeredOptions['sources'] }, layers: readonly OptionLayer[], task?: Task): LayeredOptions {
  return layerOptions([...layersOf(layered.options, layered.sources ?? {}), ...layers], task);
}

/** Layered options back as one layer per source, so that they can be stacked with more. */
function layersOf(options: Partial<AuditOptions>, sources: LayeredOptions['sources']): OptionLayer[] {
  const bySource = new Map<OptionSource, Record<string, unknown>>();
  for (const [key, value] of Object.entries(options) as Array<[keyof AuditOptions, unknown]>) {
    const source = sources[key] ?? 'spec';
    const layer = bySource.get(source) ?? {};
    layer[key] = value;
    bySource.set(source, layer);
  }
  return [...bySource].map(([source, layer]) => ({ source, options: layer as Partial<AuditOptions> }));
}

/**
 * Where each setting of a report came from, by the names of the report's `settings` (the model class is
 * `model` there); a setting the layers left out is the default and is not listed.
 */
export function reportedSources(sources: LayeredOptions['sources']): Record<string, OptionSource> {
  return Object.fromEntries(Object.entries(sources).map(([key, source]) => [key === 'modelClass' ? 'model' : key, source]));
}

/** The report with `settings.sources` filled in from the layers (left out when every setting is a default). */
export function withOptionSources(report: AuditReport, sources: LayeredOptions['sources'] | undefined): AuditReport {
  const named = reportedSources(sources ?? {});
  if (Object.keys(named).length === 0) return report;
  return { ...report, settings: { ...report.settings, sources: named } };
}
