/**
 * A CSV past V8's string limit (512 MiB), audited end to end: generates, seeded, about 600 MB (230,000 rows ×
 * 471 columns, the paper's shape) in the temporary folder, runs the CLI on it as a user would, and prints the
 * wall time, the peak memory (ru_maxrss) and the exit line. Too big for the unit tests; run it by hand:
 *
 *   node scripts/build.mjs && npx vite-node scripts/bench/large-csv.ts [-- --rows 230000 --bootstrap 100 --keep]
 *
 * Before the file was read in chunks (src/files/large-csv-file.ts) the CLI refused it: TOO_LARGE, exit 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LABEL, PAPER_SHAPE, writeBenchCsv } from './generate';

const ROOT = join(__dirname, '..', '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '230000' },
    bootstrap: { type: 'string', default: '100' },
    technique: { type: 'string', default: '1hot' },
    keep: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const file = join(tmpdir(), `fairuse-large-${rows}.csv`);
const out = join(tmpdir(), `fairuse-large-${rows}.json`);
if (!existsSync(file)) {
  const start = performance.now();
  writeBenchCsv(file, { ...PAPER_SHAPE, rows });
  console.log(`generated ${file} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en')} rows × ${PAPER_SHAPE.features + 3} columns`);
const start = performance.now();
const result = spawnSync(
  process.execPath,
  ['--require', join(ROOT, 'scripts', 'bench', 'peak-rss.cjs'), join(ROOT, 'bin', 'fairuse.js'), 'audit', file, '--label', LABEL,
    '--groups', PAPER_SHAPE.attributes.map((a) => a.name).join(','), '--technique', values.technique as string,
    '--bootstrap', values.bootstrap as string, '--no-explanations', '--quiet', '--json', out],
  { encoding: 'utf8', maxBuffer: 1 << 26 },
);
const seconds = (performance.now() - start) / 1000;
const peakMB = Math.round(Number(/fairuse-bench peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024);
const line = (result.stderr.split('\n').find((l) => l.startsWith('fairuse:')) ?? result.stdout.trim().split('\n').pop() ?? '').slice(0, 300);
console.log(`exit ${result.status}${result.signal ? ` (${result.signal})` : ''}, ${seconds.toFixed(1)} s, peak ${peakMB} MB`);
console.log(line);
console.log(JSON.stringify({ largeCsv: { rows, bytes: statSync(file).size, exit: result.status, seconds: +seconds.toFixed(1), peakMB } }));
if (!values.keep) rmSync(file, { force: true });
rmSync(out, { force: true });
