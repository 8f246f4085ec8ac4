// `npm run calibration:cli`: issue 11's acceptance check, through the command line a user runs. On N fresh
// datasets (default 80) of the exact shared-shift null (4 groups × 400 test rows, p ~ U(0.15, 0.85),
// y ~ Bernoulli(p), h(·, g′) = p ± 0.1 by the sign of g′, h0 = p ∓ 0.1 by the row's group: every gain is 0), it writes the data and a
// predictions file, runs `fairuse audit --model-file p.csv --model-kind predictions --json`, and prints the share
// of audits that report any rationality or envy violation, per metric. Goal: at most 16% at α = 0.1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 as generator } from '../lib/mulberry32.mjs';

const N = Number(process.env.CALIBRATION_DATASETS ?? 80);
const ROWS = 400;
const GROUPS = ['a', 'b', 'c', 'd'];
const cli = join(import.meta.dirname, '../../bin/fairuse.js');

/** The shared-shift direction of a group: + for a and c, − for b and d. */
const sign = (g) => (GROUPS.indexOf(g) % 2 === 0 ? 1 : -1);

const folder = mkdtempSync(join(tmpdir(), 'fairuse-null-'));
const violations = {};
try {
  for (let k = 0; k < N; k++) {
    const random = generator(1_000_003 * (k + 1));
    const data = ['y,g,x'];
    const predictions = [['pred@generic', ...GROUPS.map((g) => `"pred@g=${g}"`)].join(',')];
    for (const g of GROUPS) {
      for (let i = 0; i < ROWS; i++) {
        const p = 0.15 + 0.7 * random();
        const y = random() < p ? 1 : 0;
        data.push(`${y},${g},${p.toFixed(6)}`);
        // h(·, g′) = p + 0.1·s(g′), and h0 = p − 0.1·s(g) on group g's rows (s = +1, −1, +1, −1): as in
        // scripts/calibration/scenarios.ts, so the envy comparisons between opposite signs are exact nulls too.
        predictions.push([(p - 0.1 * sign(g)).toFixed(6), ...GROUPS.map((h) => (p + 0.1 * sign(h)).toFixed(6))].join(','));
      }
    }
    writeFileSync(join(folder, 'data.csv'), `${data.join('\n')}\n`);
    writeFileSync(join(folder, 'p.csv'), `${predictions.join('\n')}\n`);
    const out = join(folder, `report-${k}.json`);
    try {
      execFileSync(process.execPath, [cli, 'audit', join(folder, 'data.csv'), '--model-file', join(folder, 'p.csv'), '--model-kind', 'predictions', '--label', 'y', '--groups', 'g', '--json', out, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (error) {
      if (error.status !== 1 && error.status !== 3) throw error; // 1 = a violation, 3 = inconclusive: the report is written; anything else is a failure
    }
    const report = JSON.parse(readFileSync(out, 'utf8'));
    for (const [id, section] of Object.entries(report.metrics)) {
      violations[id] ??= { rationality: 0, envy: 0, any: 0 };
      const r = section.rationality.some((row) => row.verdict === 'violation');
      const e = section.envy.some((row) => row.verdict === 'violation');
      violations[id].rationality += r ? 1 : 0;
      violations[id].envy += e ? 1 : 0;
      violations[id].any += r || e ? 1 : 0;
    }
    process.stderr.write(`\r${k + 1}/${N}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
process.stderr.write('\n');
let ok = true;
console.log(`${N} datasets of the shared-shift exact null through fairuse audit --model-kind predictions (α = 0.1):`);
for (const [id, v] of Object.entries(violations)) {
  const share = v.any / N;
  ok &&= share <= 0.16;
  console.log(`  ${id.padEnd(8)} audits with any violation ${share.toFixed(3)} (rationality ${(v.rationality / N).toFixed(3)}, envy ${(v.envy / N).toFixed(3)})${share <= 0.16 ? '' : '  > 0.16'}`);
}
process.exit(ok ? 0 : 1);
