import type { MetricId } from '../../audit/metrics';
import { type AuditReport, type EnvyRow, type GainOnData, type MetricReport, reportTask } from '../report';
import { formatGain, formatInterval, formatP, formatQuantity, formatRSquared, formatRSquaredGain, formatValue, metricTitle, SERVED_BY, VERDICT_LABELS } from './format';
import { TECHNIQUE_NAMES } from '../../learn/technique';
import { MODEL_CLASS_NAMES, REGRESSOR_CLASS_NAMES } from '../../learn/model-class';
import { headlineOf } from '../headline';
import { CORRECTION_NAMES, correctionWords } from './correction-words';

/**
 * The report laid out as tables of text cells, independent of the medium: the CLI pads them with
 * colour, Markdown joins them with pipes. One layout, so the views cannot drift apart.
 */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Per row, what the row shows, for colouring: a violation, a gain, or neither. */
  readonly tone: ReadonlyArray<'violation' | 'gain' | 'untested' | 'plain'>;
  /** Columns that hold numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  readonly note?: string;
  /** Per row, a tag each medium shows beside the row's first cell (e.g. "served by h0"), or null. */
  readonly rowTags?: ReadonlyArray<string | null>;
}

/** Metrics in report order: the decisive metric first, then the rest as the engine lists them. */
export function metricOrder(report: AuditReport): MetricId[] {
  const ids = Object.keys(report.metrics) as MetricId[];
  return [report.settings.metric, ...ids.filter((id) => id !== report.settings.metric)].filter((id) => report.metrics[id]);
}

export function describeSettings(report: AuditReport): string[] {
  const sources = sourcesLine(report);
  return sources === null ? settingsLines(report) : [...settingsLines(report), sources];
}

const SOURCE_ORDER = ['command line', 'spec', 'model file', 'settings'] as const;
const SOURCE_WORDS: Readonly<Record<(typeof SOURCE_ORDER)[number], string>> = {
  'command line': 'the command line',
  spec: 'the spec',
  'model file': 'the model file',
  settings: 'the editor settings',
};

/** "Set by the spec: alpha, bootstrap · by the command line: metric" (the rest are defaults), or null. */
export function sourcesLine(report: AuditReport): string | null {
  const sources = Object.entries(report.settings.sources ?? {});
  const parts = SOURCE_ORDER.flatMap((source) => {
    const names = sources.filter(([, s]) => s === source).map(([name]) => name);
    return names.length ? [`${SOURCE_WORDS[source]}: ${names.join(', ')}`] : [];
  });
  return parts.length ? `set by ${parts.join(' · by ')} (the rest are defaults)` : null;
}

function settingsLines(report: AuditReport): string[] {
  const { dataset, settings, groups, model } = report;
  const split = settings.splitColumn ? `split column '${settings.splitColumn}'` : `${Math.round((settings.testSize ?? 0) * 100)}% test split`;
  const tests = `${settings.bootstrap} bootstrap resamples · α = ${settings.alpha}, ${CORRECTION_NAMES[settings.correction]} correction`;
  const label = reportTask(report) === 'regression' ? `label ${dataset.label} (numeric: regression)` : `label ${dataset.label} (positive = ${dataset.positive})`;
  // A predictions file holds h0's and h's predictions: the audit reads no feature and fits nothing.
  const predictionsFile = model?.source === 'predictions';
  const features = predictionsFile ? 'no features read (the file holds both models\' predictions)' : `${dataset.features.length} features`;
  const first =
    `${dataset.rows} rows (${dataset.droppedRows} dropped) · ${label} · ` +
    `groups ${dataset.groupAttributes.join(' × ')} (${groups.length} intersectional groups) · ${features}`;
  const assigned = assignedLine(report);
  const assignedLines = assigned === null ? [] : [assigned];
  if (!model) {
    const learner =
      settings.model === 'lr' ? `${linearModelName(report)}, C = ${settings.C}` : (reportTask(report) === 'regression' ? REGRESSOR_CLASS_NAMES : MODEL_CLASS_NAMES)[settings.model];
    return [first, `technique ${settings.technique} (${TECHNIQUE_NAMES[settings.technique]}) · ${learner} · ${split}, seed ${settings.seed} · ${tests}`, ...assignedLines];
  }
  const testRows = model.newData
    ? 'all rows are test rows (new data)'
    : predictionsFile
      ? `test rows: the ${groups.reduce((sum, g) => sum + g.nTest, 0)} rows the file has predictions for · bootstrap seed ${settings.seed}`
      : `${split}, seed ${settings.seed}`;
  return [first, describeModel(report), `${testRows} · ${tests}`, ...assignedLines];
}

/** The linear model class (`lr`) of the report's task: logistic regression, or ridge for regression. */
export function linearModelName(report: AuditReport): string {
  return reportTask(report) === 'regression' ? 'ridge regression' : 'logistic regression';
}

/** The "model" line: which file the personalized model came from, and how h0 was obtained. */
export function describeModel(report: AuditReport): string {
  const { model, settings } = report;
  if (!model) return '';
  const h0 = `h0: ${linearModelName(report)}, C = ${settings.C}, trained on ${model.newData && report.comparison ? report.comparison.trainingData.path : 'the train rows'}`;
  if (model.source === 'predictions') return `model: predictions file ${model.path} (h0 and h(·, g′) from the file)`;
  if (model.source === 'json') return `model: ${model.path} (fairuse model, technique ${model.technique ?? settings.technique}, trained on ${model.trainedOn?.path ?? '?'}) · ${h0}`;
  return `model: ONNX ${model.path} (${model.inputs?.length ?? '?'} inputs, output ${model.output ?? '?'}) · ${h0}`;
}

/**
 * Paper 1, Figures 6–7: per group, the gain on the training data beside the gain on the new data, for an audit
 * on new data given its training data. Null when the report has no comparison.
 */
export function comparisonTable(report: AuditReport, metric: MetricId): Table | null {
  const section = report.comparison?.metrics[metric];
  if (!report.comparison || !section) return null;
  const cells = (side: GainOnData | null) =>
    side === null ? ['', '', '', '', ''] : [String(side.nTest), formatValue(metric, side.generic), formatValue(metric, side.personalized), formatGain(metric, side.gain), VERDICT_LABELS[side.verdict]];
  const rows = section.rationality.map((r) => [r.group, ...cells(r.trainingData), ...cells(r.newData)]);
  const { trainingData, newData } = section.overall;
  rows.push(['Total', '', formatValue(metric, trainingData.generic), formatValue(metric, trainingData.personalized), formatGain(metric, trainingData.gain), '', '', formatValue(metric, newData.generic), formatValue(metric, newData.personalized), formatGain(metric, newData.gain), '']);
  return {
    title: `${metricTitle(metric)} — gains on the training data (${report.comparison.trainingData.path}) and on the new data (${report.dataset.path})`,
    header: ['Group', 'n train', 'Without groups', 'With groups', 'Gain', 'Verdict', 'n new', 'Without groups', 'With groups', 'Gain', 'Verdict'],
    rows,
    tone: [...section.rationality.map((r) => (r.newData ? toneOf(r.newData.verdict) : 'plain')), 'plain'],
    numeric: [false, true, true, true, true, false, true, true, true, true, false],
    note: 'A gain in training that turns into a violation on new data is a generalisation or dataset-shift failure (paper 1, Figures 6–7).',
  };
}

/** Paper 1 Figure 1 for one metric: per group, generic vs personalized, gain, CI, p-values, verdict. */
export function rationalityTable(report: AuditReport, metric: MetricId): Table {
  const section = report.metrics[metric] as MetricReport;
  const level = Math.round((1 - report.settings.alpha) * 100);
  const nTest = new Map(report.groups.map((g) => [g.id, g.nTest]));
  const rows = section.rationality.map((r) => [
    r.group,
    String(nTest.get(r.group) ?? ''),
    formatValue(metric, r.generic),
    formatValue(metric, r.personalized),
    formatGain(metric, r.gain),
    formatInterval(metric, r.ci),
    formatP(r.pHarm),
    formatP(r.pGain),
    VERDICT_LABELS[r.verdict],
  ]);
  const total = section.overall;
  const testRows = report.groups.reduce((sum, g) => sum + g.nTest, 0);
  rows.push(['Total', String(testRows), formatValue(metric, total.generic), formatValue(metric, total.personalized), formatGain(metric, total.gain), '', '', '', '']);
  const test = section.rationality.find((r) => r.test)?.test;
  return {
    title: `${metricTitle(metric)} — rationality: does each group do better with the model that uses group attributes than without them?`,
    header: ['Group', 'n test', 'Without groups', 'With groups', 'Gain', `${level}% CI`, 'p harm', 'p gain', 'Verdict'],
    rows,
    tone: [...section.rationality.map((r) => toneOf(r.verdict)), 'plain'],
    numeric: [false, true, true, true, true, true, true, true, false],
    note: `p-values: ${test === 'mcnemar' ? 'exact one-sided McNemar test' : 'one-sided paired bootstrap'}, ${correctionWords(report.settings.correction, section.rationality.filter((r) => r.verdict !== 'untested').length, report.settings.alpha)}.`,
    ...(report.settings.assign ? { rowTags: section.rationality.map((r) => servedBy(report, r.group)) } : {}),
  };
}

/** "served by h0" for a group the spec's "assign" serves with another model than h, else null. */
function servedBy(report: AuditReport, group: string): string | null {
  const assigned = report.settings.assign?.[group];
  return assigned ? SERVED_BY[assigned] : null;
}

/** The spec's "assign" in a sentence, or null when it assigns nothing. */
export function assignedLine(report: AuditReport): string | null {
  const assigned = Object.keys(report.settings.assign ?? {});
  if (assigned.length === 0) return null;
  return `Assigned by the spec: ${assigned.map((group) => `${group} ${servedBy(report, group)}`).join('; ')}`;
}

/** The envy-freeness matrix: row = true group, column = the group it reports as, cell = gain of telling the truth. */
export function envyMatrix(report: AuditReport, metric: MetricId): Table {
  const section = report.metrics[metric] as MetricReport;
  const ids = report.groups.map((g) => g.id);
  const cell = new Map<string, EnvyRow>(section.envy.map((e) => [`${e.group}\u0000${e.reportedAs}`, e]));
  const rows = ids.map((group) => [
    group,
    ...ids.map((reportedAs) => {
      if (group === reportedAs) return '—';
      const e = cell.get(`${group}\u0000${reportedAs}`);
      if (!e) return '';
      const mark = e.verdict === 'violation' ? ' !' : e.verdict === 'gain' ? ' ✓' : '';
      return `${formatGain(metric, e.gain)}${mark}`;
    }),
  ]);
  // One pass over the pairs, not one per group: 256 groups have 65,280 pairs (issue 13).
  const verdictsOf = new Map<string, { rows: number; violation: boolean; untested: number }>();
  for (const e of section.envy) {
    const seen = verdictsOf.get(e.group) ?? { rows: 0, violation: false, untested: 0 };
    seen.rows++;
    if (e.verdict === 'violation') seen.violation = true;
    if (e.verdict === 'untested') seen.untested++;
    verdictsOf.set(e.group, seen);
  }
  const tone = ids.map((group) => {
    const own = verdictsOf.get(group);
    if (own?.violation) return 'violation' as const;
    if (own !== undefined && own.untested === own.rows) return 'untested' as const;
    return 'plain' as const;
  });
  return {
    title: `${metricTitle(metric)} — envy-freeness: gain of each group's own predictions over those of the group it could report as`,
    header: ['Group \\ reported as', ...ids],
    rows,
    tone,
    numeric: [false, ...ids.map(() => true)],
    note: '! = significant violation (the group would do better reporting as that group), ✓ = significant gain.',
  };
}

/** Paper 1 Table 1: one line per metric, and for regression a line for R² (descriptive: not tested). */
export function summaryTable(report: AuditReport): Table {
  const ids = metricOrder(report);
  const r2 = report.metrics.mse?.r2;
  const rows = ids.map((id) => {
    const m = report.metrics[id] as MetricReport;
    return [
      metricTitle(id) + (id === report.settings.metric ? ' *' : ''),
      formatValue(id, m.overall.personalized),
      formatGain(id, m.overall.gain),
      `${formatGain(id, m.summary.bestGain)} / ${formatGain(id, m.summary.worstGain)}`,
      `${m.summary.rationalityGains}/${m.summary.rationalityViolations}`,
      `${m.summary.envyGains}/${m.summary.envyViolations}`,
    ];
  });
  const tone: Array<Table['tone'][number]> = ids.map((id) => {
    const s = (report.metrics[id] as MetricReport).summary;
    return s.rationalityViolations + s.envyViolations > 0 ? 'violation' : 'plain';
  });
  if (r2) {
    const gains = r2.groups.filter((g, j) => g.gain !== null && report.metrics.mse!.rationality[j].verdict !== 'untested').map((g) => g.gain as number);
    const range = gains.length ? `${formatRSquaredGain(Math.max(...gains))} / ${formatRSquaredGain(Math.min(...gains))}` : 'n/a / n/a';
    rows.push(['R² (from the MSE, not tested)', formatRSquared(r2.overall.personalized), formatRSquaredGain(r2.overall.gain), range, '', '']);
    tone.push('plain');
  }
  return {
    title: 'Summary (as paper 1, Table 1)',
    header: ['Metric', 'Personalized', 'Gain', 'Best / worst gain', 'Rat. gains/viols', 'EF gains/viols'],
    rows,
    tone,
    numeric: [false, true, true, true, true, true],
    note: `* decides the verdict and the exit status (--metric ${report.settings.metric}).` + (r2 ? ' R² = 1 − MSE / variance of the label on the test rows.' : ''),
  };
}

/**
 * Regression: per group, its mean label and R² = 1 − MSE / Var(y) on its test rows under h0 and the personalized
 * model. Null for a classification report.
 */
export function rSquaredTable(report: AuditReport): Table | null {
  const r2 = report.metrics.mse?.r2;
  if (!r2) return null;
  const byId = new Map(report.groups.map((g) => [g.id, g]));
  const rows = r2.groups.map((r) => {
    const group = byId.get(r.group);
    return [r.group, String(group?.nTest ?? ''), group?.labelMean === undefined ? '' : formatQuantity(group.labelMean), formatRSquared(r.generic), formatRSquared(r.personalized), formatRSquaredGain(r.gain)];
  });
  rows.push(['Total', String(report.groups.reduce((sum, g) => sum + g.nTest, 0)), '', formatRSquared(r2.overall.generic), formatRSquared(r2.overall.personalized), formatRSquaredGain(r2.overall.gain)]);
  const verdicts = new Map((report.metrics.mse as MetricReport).rationality.map((r) => [r.group, r.verdict]));
  return {
    title: `R² per group — 1 − MSE / variance of ${report.dataset.label} on the group's test rows`,
    header: ['Group', 'n test', 'Label mean', 'R² without groups', 'R² with groups', 'Change'],
    rows,
    tone: [...r2.groups.map((r) => toneOf(verdicts.get(r.group) ?? 'none')), 'plain'],
    numeric: [false, true, true, true, true, true],
    note: 'Descriptive: the MSE rows above carry the tests. Label mean over the group\'s train and test rows; n/a where the test labels are all equal.',
  };
}

/** The report's one-sentence verdict (report/headline.ts): the same words in every view. */
export function verdictLine(report: AuditReport): string {
  return headlineOf(report).sentence;
}

function toneOf(verdict: string): 'violation' | 'gain' | 'untested' | 'plain' {
  return verdict === 'violation' ? 'violation' : verdict === 'gain' ? 'gain' : verdict === 'untested' ? 'untested' : 'plain';
}
