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

/**
 * The progress on stderr: on a terminal one line rewritten in place; elsewhere (a CI log) nothing, unless asked
 * (`--progress`), and then a line for each stage and each tenth of the bootstrap, so a log stays short.
 */
export function stderrProgress(settings: ProgressSettings, asked = false): { update: (p: AuditProgress) => void; done: () => void } {
  if (!process.stderr.isTTY) return asked ? progressLines(settings, (line) => process.stderr.write(line)) : { update: () => {}, done: () => {} };
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

/**
 * Progress as whole lines, for a log: each new stage, and the bootstrap at each tenth of B.
 *
 * @example // a bootstrap of B = 1000 over 4 groups writes 'bootstrap 0/1000…', 'bootstrap 100/1000…', …, 'bootstrap 1000/1000…'
 */
export function progressLines(settings: ProgressSettings, write: (line: string) => void): { update: (p: AuditProgress) => void; done: () => void } {
  let lastStage = '';
  let lastTenth = -1;
  return {
    update(p) {
      const stage = `${p.stage} ${p.technique ?? ''}`;
      const tenth = p.stage === 'bootstrap' && p.total ? Math.floor(((p.done ?? 0) / p.total) * 10) : -1;
      if (stage === lastStage && tenth === lastTenth) return;
      lastStage = stage;
      lastTenth = tenth;
      write(`${progressText(p, settings)}…\n`);
    },
    done() {},
  };
}
