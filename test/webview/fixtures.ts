/**
 * Reports from real audits for the renderer tests: the heart example of the README, and a synthetic
 * dataset whose group column name and values are HTML, to prove every view treats them as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';
import { loadDataset } from '../../src/core/data/load-dataset';
import { auditModelFile } from '../../src/core/model-file/model-audit';
import { sha256 } from '../../src/core/data/sha256';
import { formatEngineModel, trainEngineModel } from '../../src/core/model-file/train-model';
import type { AuditOptions } from '../../src/core/audit/options';
import { prepareAuditDataset, prepareDataset } from '../../src/core/audit/prepare-dataset';
import { SeededRandom } from '../../src/core/numeric/random';
import type { AuditReport, MetricReport } from '../../src/core/report/report';
import type { ReportEntry } from '../../src/protocol/webview-protocol';

export const HOSTILE = '<img src=x onerror=alert(1)>';

let heart: Promise<AuditReport> | undefined;
let hostile: Promise<AuditReport> | undefined;

/** examples/heart.csv, label Disease, groups Sex × Age, 200 resamples. */
export function heartReport(): Promise<AuditReport> {
  heart ??= runAudit(
    prepareDataset(readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8'), {
      load: { label: 'Disease', groups: ['Sex', 'Age'] },
      buckets: [],
    }),
    { bootstrap: 200 },
    { path: 'examples/heart.csv' },
  );
  return heart;
}

let regression: Promise<AuditReport> | undefined;

/**
 * examples/blood-pressure.csv, label systolic_bp (numeric: a regression), groups sex × age_group, 200 resamples,
 * with the interventions: MSE and MAE in mmHg² and mmHg, R² per group, one rationality violation (women 55-79).
 */
export function regressionReport(): Promise<AuditReport> {
  regression ??= runAudit(
    prepareAuditDataset(readFileSync(join(__dirname, '../../examples/blood-pressure.csv'), 'utf8'), {
      load: { label: 'systolic_bp', groups: ['sex', 'age_group'] },
      buckets: [],
    }),
    { bootstrap: 200, interventions: true },
    { path: 'examples/blood-pressure.csv' },
  );
  return regression;
}

/**
 * Group attribute named HOSTILE with values `A`, HOSTILE and `B & "C"` (a small group, so a warning
 * names it); the dataset path is hostile too.
 */
export function hostileReport(): Promise<AuditReport> {
  hostile ??= (() => {
    const random = new SeededRandom(5);
    const lines = [`y,${HOSTILE},x`];
    const add = (g: string, n: number, slope: number) => {
      for (let i = 0; i < n; i++) {
        const x = random.nextFloat() * 4 - 2;
        const y = random.nextFloat() < 1 / (1 + Math.exp(-slope * x)) ? 1 : 0;
        lines.push(`${y},"${g.replace(/"/g, '""')}",${x.toFixed(4)}`);
      }
    };
    add('A', 200, 3);
    add(HOSTILE, 150, -3);
    add('B & "C"', 30, 3);
    const dataset = prepareDataset(lines.join('\n'), { load: { label: 'y', groups: [HOSTILE] }, buckets: [] });
    return runAudit(dataset, { bootstrap: 100, technique: 'dcp' }, { path: `data/${HOSTILE}.csv` });
  })();
  return hostile;
}

/**
 * A copy of a report in which the first tested group of `metric` has a significant rationality
 * violation and its first envy pair too, with the summary counts to match: the renderers' marking of
 * violations is what is tested, so the numbers are only moved, never invented afresh.
 */
export function withViolations(report: AuditReport, metric = report.settings.metric): AuditReport {
  const copy = structuredClone(report) as { -readonly [K in keyof AuditReport]: AuditReport[K] };
  const section = copy.metrics[metric] as { -readonly [K in keyof MetricReport]: MetricReport[K] };
  const rationality = section.rationality.map((r) => ({ ...r }));
  const k = rationality.findIndex((r) => r.verdict !== 'untested');
  rationality[k] = { ...rationality[k], gain: -0.125, ci: [-0.2, -0.05], pHarm: 0.004, pGain: 1, verdict: 'violation' };
  const envy = section.envy.map((e) => ({ ...e }));
  const j = envy.findIndex((e) => e.group === rationality[k].group);
  envy[j] = { ...envy[j], gain: -0.25, ci: [-0.3, -0.1], pHarm: 0.002, pGain: 1, verdict: 'violation' };
  section.rationality = rationality;
  section.envy = envy;
  section.summary = {
    ...section.summary,
    rationalityViolations: rationality.filter((r) => r.verdict === 'violation').length,
    rationalityGains: rationality.filter((r) => r.verdict === 'gain').length,
    envyViolations: envy.filter((e) => e.verdict === 'violation').length,
    envyGains: envy.filter((e) => e.verdict === 'gain').length,
  };
  return copy;
}

export function entryOf(report: AuditReport, extra: Partial<ReportEntry> = {}): ReportEntry {
  return { report, finishedAt: '2025-01-02T03:04:05.000Z', dataPath: `/work/${report.dataset.path}`, ...extra };
}

let heartWithInterventions: Promise<AuditReport> | undefined;

/** The heart example audited with the interventions (SPEC §6); it has no violation, so none changes a verdict. */
export function heartInterventionsReport(): Promise<AuditReport> {
  heartWithInterventions ??= runAudit(
    prepareDataset(readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8'), {
      load: { label: 'Disease', groups: ['Sex', 'Age'] },
      buckets: [],
    }),
    { bootstrap: 100, interventions: true },
    { path: 'heart.csv' },
  );
  return heartWithInterventions;
}

/**
 * As test/core/interventions.test.ts: the third group's training rows are all positive while its test rows
 * follow x, so a model with a group intercept errs on its test rows where h0 does not: a known rationality
 * violation, which serving that group with h0 resolves.
 */
export function shiftedCsv(column = 'g', names: readonly [string, string, string] = ['A', 'B', 'C']): string {
  const random = new SeededRandom(5);
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [`y,${quote(column)},x,part`];
  const add = (g: string, n: number, trainAllPositive: boolean) => {
    for (let i = 0; i < n; i++) {
      const x = random.nextFloat() * 4 - 2;
      const test = i % 4 === 0;
      const y = !test && trainAllPositive ? 1 : random.nextFloat() < 1 / (1 + Math.exp(-4 * x)) ? 1 : 0;
      lines.push(`${y},${quote(g)},${x.toFixed(4)},${test ? 'test' : 'train'}`);
    }
  };
  add(names[0], 400, false);
  add(names[1], 400, false);
  add(names[2], 240, true);
  return lines.join('\n');
}

const shifted = new Map<string, Promise<AuditReport>>();

/** The shifted data audited with `options` (technique `all`, 200 resamples); group g=C violates rationality. */
export function shiftedReport(options: Partial<AuditOptions> = { interventions: true }, column = 'g', names?: readonly [string, string, string], path = 'shifted.csv'): Promise<AuditReport> {
  const key = JSON.stringify([options, column, names, path]);
  let report = shifted.get(key);
  if (!report) {
    const dataset = loadDataset(parseCsv(shiftedCsv(column, names)), { label: 'y', groups: [column], splitColumn: 'part' });
    report = runAudit(dataset, { bootstrap: 200, technique: 'all', ...options }, { path });
    shifted.set(key, report);
  }
  return report;
}

/** The shifted data with HOSTILE as the group column and as the violating group, audited with interventions. */
export function hostileShiftedReport(): Promise<AuditReport> {
  return shiftedReport({ interventions: true, assign: { [`${HOSTILE}=B & "C"`]: 'decoupled' } }, HOSTILE, ['A', 'B & "C"', HOSTILE], `data/${HOSTILE}.csv`);
}

let newData: Promise<AuditReport> | undefined;

/**
 * An engine model audited on new data given its training data (as test/core/model/new-data.test.ts): group
 * g=1 gains in training and is harmed in deployment, where the label shifted.
 */
export function newDataReport(): Promise<AuditReport> {
  newData ??= (() => {
    const cells = (counts: Array<[number, number, number, number]>) => {
      const lines = ['y,g,x'];
      for (const [g, x, positives, negatives] of counts) {
        for (let i = 0; i < positives; i++) lines.push(`1,${g},${x}`);
        for (let i = 0; i < negatives; i++) lines.push(`0,${g},${x}`);
      }
      return `${lines.join('\n')}\n`;
    };
    const training = cells([[0, 0, 2, 28], [0, 1, 10, 20], [1, 0, 20, 10], [1, 1, 28, 2]]);
    const deployment = cells([[0, 0, 2, 28], [0, 1, 10, 20], [1, 0, 2, 28], [1, 1, 28, 2]]);
    const bytes = (text: string) => new TextEncoder().encode(text);
    const model = trainEngineModel(loadDataset(parseCsv(training), { label: 'y', groups: ['g'] }), { technique: '1hot', C: 100 }, { path: 'train.csv', sha256: sha256(bytes(training)) }).model;
    return auditModelFile({
      data: { bytes: bytes(deployment), path: 'deploy.csv' },
      trainData: { bytes: bytes(training), path: 'train.csv' },
      model: { bytes: bytes(formatEngineModel(model)), path: 'm.json' },
      load: {},
      options: { bootstrap: 200 },
    });
  })();
  return newData;
}

/**
 * A copy of a report without violations as if its data could have shown one: untested groups of the decisive
 * metric read "no change" and the SPEC §7 limits are met. Only the headline's state is what is tested.
 */
export function asIfConclusive(report: AuditReport): AuditReport {
  const copy = structuredClone(report) as { -readonly [K in keyof AuditReport]: AuditReport[K] };
  const section = copy.metrics[copy.settings.metric] as { -readonly [K in keyof MetricReport]: MetricReport[K] };
  section.rationality = section.rationality.map((r) => (r.verdict === 'untested' ? { ...r, verdict: 'none' } : r));
  if (copy.limits) copy.limits = { ...copy.limits, tooManyGroups: false };
  return copy;
}
