/**
 * `npm run bench`: the full audit on a dataset shaped like paper 1's largest (`mortality`: 25,366 rows ×
 * 468 numeric features, sex × 3 age groups), h0 + 1hot + all + dcp with 1,000 resamples and all five
 * metrics, then the heart example end to end through the CLI. Prints one JSON line: wall time and peak
 * memory per stage, the goals, and ratios against a reference measured in the same run (timings on a
 * shared 2-core machine are noisy; the ratio to a same-run reference is what to compare across runs).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type AuditProgress, runAudits } from '../src/core/audit/audit';
import { parseCsv } from '../src/core/data/csv';
import { loadDataset } from '../src/core/data/load-dataset';
import { SeededRandom } from '../src/core/numeric/random';
import { TECHNIQUES } from '../src/core/learn/technique';
import { referenceMs } from './bench-reference';

const ROWS = Number(process.env.BENCH_ROWS ?? 25_366);
const FEATURES = Number(process.env.BENCH_FEATURES ?? 468);
const RESAMPLES = Number(process.env.BENCH_BOOTSTRAP ?? 1000);

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Features ~ N(0, 1); the label depends on 20 features, on the groups, and on group × feature interactions. */
function generateCsv(seed: number): string {
  const random = new SeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  const beta = Float64Array.from({ length: FEATURES }, (_, j) => (j < 20 ? (j % 2 ? 0.5 : -0.4) : 0));
  const ages = ['<30', '30-60', '60+'];
  const lines = [['mortality', 'sex', 'age_group', ...Array.from({ length: FEATURES }, (_, j) => `x${j}`)].join(',')];
  const x = new Float64Array(FEATURES);
  for (let i = 0; i < ROWS; i++) {
    const sex = random.nextFloat() < 0.45 ? 'female' : 'male';
    const u = random.nextFloat();
    const age = u < 0.2 ? 0 : u < 0.7 ? 1 : 2;
    let logit = -0.8 + 0.6 * age + (sex === 'female' ? -0.3 : 0.2);
    for (let j = 0; j < FEATURES; j++) {
      x[j] = normal();
      logit += beta[j] * x[j];
    }
    logit += age === 2 ? -0.9 * x[0] : 0; // the old respond differently to x0
    if (sex === 'female' && age === 0) logit += 0.8 * x[1]; // an intersectional interaction
    const y = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const cells = new Array<string>(FEATURES + 3);
    cells[0] = String(y);
    cells[1] = sex;
    cells[2] = ages[age];
    for (let j = 0; j < FEATURES; j++) cells[j + 3] = x[j].toFixed(3);
    lines.push(cells.join(','));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const text = generateCsv(2338);
  const stages: Record<string, { ms: number; peakRssMB: number }> = {};
  let stageName = 'parse';
  let stageStart = performance.now();
  const auditStart = stageStart;
  const enter = (name: string) => {
    const now = performance.now();
    stages[stageName] = { ms: Math.round((stages[stageName]?.ms ?? 0) + now - stageStart), peakRssMB: peakRssMB() };
    stageName = name;
    stageStart = now;
  };

  const dataset = loadDataset(parseCsv(text), { label: 'mortality', groups: ['sex', 'age_group'] });
  const names: Record<AuditProgress['stage'], string> = {
    split: 'split',
    'fit-generic': 'fit h0',
    'fit-personalized': 'fit personalized + predict',
    bootstrap: 'bootstrap',
    report: 'tests + report',
    interventions: 'interventions',
  };
  const reports = await runAudits(dataset, { bootstrap: RESAMPLES }, TECHNIQUES, { path: 'generated' }, {
    onProgress: (p) => {
      const name = p.technique && p.stage !== 'fit-generic' ? `${names[p.stage]} (${p.technique})` : names[p.stage];
      if (name !== stageName) enter(name);
    },
  });
  enter('done');
  const auditMs = Math.round(performance.now() - auditStart);

  const heartStart = performance.now();
  const heart = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'fairuse.js'), 'audit', join(__dirname, '..', 'examples', 'heart.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--json', '-'], { encoding: 'utf8' });
  const heartMs = Math.round(performance.now() - heartStart);
  if (heart.status !== 0 && heart.status !== 1) throw new Error(`heart audit failed: ${heart.stderr}`);

  const reference = Math.round(referenceMs(ROWS, FEATURES));
  const peak = peakRssMB();
  console.log(
    JSON.stringify({
      data: { rows: ROWS, features: FEATURES, groups: reports[0].groups.length, bootstrap: RESAMPLES, techniques: TECHNIQUES },
      stages,
      auditMs,
      peakRssMB: peak,
      heartEndToEndMs: heartMs,
      goals: { auditUnder15s: auditMs < 15_000, peakUnder2GB: peak < 2048, heartUnder1s: heartMs < 1000 },
      referenceMs: { matVec200: reference },
      ratios: { auditOverReference: +(auditMs / reference).toFixed(2), heartOverReference: +(heartMs / reference).toFixed(3) },
      violations: Object.fromEntries(reports.map((r) => [r.settings.technique, r.metrics.error?.summary])),
    }),
  );
}

void main();
