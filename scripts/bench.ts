/**
 * `npm run bench`: this project's CLI against the numpy / scikit-learn pipeline a user would write instead
 * (scripts/bench/numpy_audit.py, Debian's python3-sklearn), on the same generated file, one after the other in
 * the same run, per technique: both wall times, the ratio ours / numpy and both peak memories.
 *
 *   npm run bench                       the paper's shape (25,366 × 471) and the many-groups case (256 groups)
 *   npm run bench -- --large            also 250,000 × 468 (a 650 MB CSV; minutes)
 *   npm run bench -- --only paper --techniques 1hot --bootstrap 200
 *   npm run bench -- --timeout 600     give up on one run after 600 s (default 1800)
 *
 * The CLI runs with --no-explanations: the pipeline computes the five classification metrics, not the
 * explanation metrics (docs/performance.md). Timings on a shared 2-core machine are noisy: compare ratios,
 * which are measured in the same run. Where Python with scikit-learn is absent, it says so and times ours only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchShape, LABEL, MANY_GROUPS_SHAPE, PAPER_SHAPE, writeBenchCsv } from './bench/generate';

const ROOT = join(__dirname, '..');
const PYTHON = '/usr/bin/python3';
const LARGE_SHAPE: BenchShape = { ...PAPER_SHAPE, rows: 250_000 };
let timeoutMs = 1_800_000;

function failureOf(result: { status: number | null; signal: NodeJS.Signals | null; error?: Error }, line: string | undefined): string {
  if (result.error && /ETIMEDOUT/.test(String((result.error as NodeJS.ErrnoException).code))) return `timed out after ${timeoutMs / 1000} s`;
  return line ?? `exit ${result.status} ${result.signal ?? ''}`;
}

interface Run {
  readonly seconds: number;
  readonly peakMB: number;
  /** Overall error rates of h0 and h, to show both did the same work; or the failure's line. */
  readonly errors?: { generic: number; personalized: number };
  readonly failure?: string;
  /** The pipeline's own stage times (numpy only). */
  readonly stages?: Record<string, number>;
}

function runOurs(file: string, shape: BenchShape, technique: string, bootstrap: number, out: string): Run {
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--require', join(ROOT, 'scripts', 'bench', 'peak-rss.cjs'), join(ROOT, 'bin', 'fairuse.js'), 'audit', file, '--label', LABEL, '--groups', shape.attributes.map((a) => a.name).join(','),
      '--technique', technique, '--bootstrap', String(bootstrap), '--no-explanations', '--quiet', '--json', out],
    { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs },
  );
  const seconds = (performance.now() - start) / 1000;
  const peakMB = Math.round(Number(/fairuse-bench peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024);
  if (result.status === 2 || result.status === null) {
    return { seconds, peakMB, failure: failureOf(result, result.stderr.split('\n').find((line) => line.startsWith('fairuse:'))) };
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const overall = report.metrics.error.overall;
  return { seconds, peakMB, errors: { generic: overall.generic, personalized: overall.personalized } };
}

function runNumpy(file: string, shape: BenchShape, technique: string, bootstrap: number): Run {
  const start = performance.now();
  const result = spawnSync(
    PYTHON,
    [join(ROOT, 'scripts', 'bench', 'numpy_audit.py'), file, '--label', LABEL, '--groups', shape.attributes.map((a) => a.name).join(','), '--technique', technique, '--bootstrap', String(bootstrap)],
    { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs },
  );
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) return { seconds, peakMB: NaN, failure: failureOf(result, result.stderr.trim().split('\n').pop()) };
  const line = JSON.parse(result.stdout.trim().split('\n').pop() as string);
  return { seconds, peakMB: line.peakRssMB, errors: line.overallError, stages: line.stages };
}

/** Why the numpy side cannot run here, or undefined when it can. */
function pythonMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} is absent`;
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, scipy, sklearn'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `${PYTHON} lacks numpy, scipy or scikit-learn (apt-get install python3-sklearn)`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      large: { type: 'boolean', default: false },
      only: { type: 'string' },
      techniques: { type: 'string', default: '1hot,all,dcp' },
      bootstrap: { type: 'string', default: '1000' },
      timeout: { type: 'string', default: '1800' },
    },
  });
  timeoutMs = Number(values.timeout) * 1000;
  const bootstrap = Number(values.bootstrap);
  const techniques = (values.techniques as string).split(',');
  const cases: Array<[string, BenchShape]> = [['paper', PAPER_SHAPE], ['groups', MANY_GROUPS_SHAPE]];
  if (values.large) cases.push(['large', LARGE_SHAPE]);
  const missing = pythonMissing();
  if (missing !== undefined) console.log(`numpy / scikit-learn pipeline not run: ${missing}. Timing ours only.`);

  const folder = mkdtempSync(join(tmpdir(), 'fairuse-bench-'));
  const results: Array<Record<string, unknown>> = [];
  try {
    for (const [name, shape] of cases.filter(([name]) => values.only === undefined || values.only.split(',').includes(name))) {
      const file = join(folder, `${name}.csv`);
      const bytes = writeBenchCsv(file, shape);
      const groups = shape.attributes.reduce((n, a) => n * a.levels.length, 1);
      console.log(`\n${name}: ${shape.rows.toLocaleString('en')} rows × ${shape.features + 1 + shape.attributes.length} columns, ${groups} groups, ${(bytes / 1e6).toFixed(0)} MB, B = ${bootstrap}`);
      console.log('technique   ours s   numpy s   ratio   ours MB   numpy MB   overall error h0 / h (ours | numpy)');
      for (const technique of techniques) {
        const ours = runOurs(file, shape, technique, bootstrap, join(folder, `${name}-${technique}.json`));
        const numpy = missing === undefined ? runNumpy(file, shape, technique, bootstrap) : undefined;
        const ratio = numpy && !ours.failure && !numpy.failure ? ours.seconds / numpy.seconds : NaN;
        const show = (run: Run | undefined) => (run?.errors ? `${run.errors.generic.toFixed(4)} / ${run.errors.personalized.toFixed(4)}` : run?.failure ?? '-');
        console.log(
          `${technique.padEnd(9)} ${ours.seconds.toFixed(1).padStart(7)} ${numpy ? numpy.seconds.toFixed(1).padStart(9) : '        -'} ${Number.isNaN(ratio) ? '      -' : ratio.toFixed(2).padStart(7)} ${String(ours.peakMB).padStart(9)} ${numpy ? String(numpy.peakMB).padStart(10) : '         -'}   ${show(ours)} | ${show(numpy)}`,
        );
        results.push({ case: name, technique, rows: shape.rows, groups, bootstrap, ours, numpy, ratio: Number.isNaN(ratio) ? null : +ratio.toFixed(2) });
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(`\n${JSON.stringify({ bench: results })}`);
}

main();
