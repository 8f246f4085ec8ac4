import type { AuditProgress } from '../core/audit/audit';

const STAGE_LABELS: Record<AuditProgress['stage'], string> = {
  split: 'splitting',
  'fit-generic': 'training the generic model h0',
  'fit-personalized': 'training the personalized model',
  bootstrap: 'bootstrap',
  report: 'writing the report',
  interventions: 'testing the interventions',
};

export interface ProgressSettings {
  /** B, the resamples per group: the engine counts resamples over all tested groups, the line says n/B. */
  readonly resamples: number;
  /** The personalized model is a file, scored rather than trained. */
  readonly modelFile?: boolean;
}

/**
 * The progress line for an engine event, as the editor's notification words it: "bootstrap 250/1000" is 250 of
 * the B resamples of every tested group, not of their sum.
 *
 * @example progressText({ stage: 'bootstrap', done: 1000, total: 4000 }, { resamples: 1000 }) // => 'bootstrap 250/1000'
 */
export function progressText(p: AuditProgress, settings: ProgressSettings): string {
  if (p.stage === 'bootstrap' && p.total) return `${STAGE_LABELS.bootstrap} ${Math.floor(((p.done ?? 0) / p.total) * settings.resamples)}/${settings.resamples}`;
  if (p.stage === 'fit-personalized' && settings.modelFile) return 'scoring the model file as every group';
  return STAGE_LABELS[p.stage];
}

/** A one-line progress display on stderr, only when stderr is a terminal (never in CI logs). */
export function stderrProgress(settings: ProgressSettings): { update: (p: AuditProgress) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = '';
  return {
    update(p) {
      const text = progressText(p, settings);
      if (text !== last) process.stderr.write(`\r\x1b[K${text}…`);
      last = text;
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}
