/**
 * Reports from real audits for the renderer tests: the heart example of the README, and a synthetic
 * dataset whose group column name and values are HTML, to prove every view treats them as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/core/audit';
import { prepareDataset } from '../../src/core/prepare-dataset';
import { SeededRandom } from '../../src/core/random';
import type { AuditReport, MetricReport } from '../../src/core/report';
import type { ReportEntry } from '../../src/extension/webview-protocol';

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
