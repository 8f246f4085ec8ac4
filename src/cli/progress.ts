import type { AuditProgress } from '../core/audit';

const STAGE_LABELS: Record<AuditProgress['stage'], string> = {
  split: 'splitting',
  'fit-generic': 'training the generic model h0',
  'fit-personalized': 'training the personalized model',
  bootstrap: 'bootstrap',
  report: 'writing the report',
  interventions: 'testing the interventions',
};

/** A one-line progress display on stderr, only when stderr is a terminal (never in CI logs). */
export function stderrProgress(): { update: (p: AuditProgress) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = '';
  return {
    update(p) {
      const text = p.stage === 'bootstrap' && p.total ? `${STAGE_LABELS[p.stage]} ${p.done}/${p.total}` : STAGE_LABELS[p.stage];
      if (text !== last) process.stderr.write(`\r\x1b[K${text}…`);
      last = text;
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}
