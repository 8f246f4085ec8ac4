import { assessMetric, type GroupEvidence } from './assess-metric';
import { bootstrapGroupGains, type GroupGains, type GroupPredictions } from './bootstrap';
import { type ResampleSummary, summarizeResamples } from './resample-summary';
import { type AuditDataset, taskOf } from '../data/dataset';
import { fitFeatureEncoder } from '../learn/feature-encoder';
import { indexGroups } from '../data/groups';
import { METRICS, type MetricId, metricIdsFor } from './metrics';
import { fitClass } from '../learn/learners';
import { type PredictionMatrix, predictionsByGroup, truthfulPredictions } from './prediction-matrix';
import type { Task } from '../data/task';
import type { Technique } from '../learn/technique';
import { type AuditOptions, resolveOptions } from './options';
import type { Assignment, AuditReport, GroupReport, Intervention, InterventionsReport, LimitsReport, MetricReport } from '../report/report';
import { assignmentOf } from './group-assignment';
import { assemble, chooseByValidation, compareViolations, minimization, riskOf } from './interventions';
import { gaussianLimits, zeroOneLimits } from './limits/metric-limits';
import { rSquaredReport } from './r-squared-report';
import type { GroupIndex } from '../data/groups';
import { checkTrainingRows } from '../data/training-rows';
import { fromTestMask, labelStrata, stratifiedSplit, type TrainTestSplit } from '../data/split';
import { AuditInputError } from '../errors';
import { type ExplanationInput, explanationInput, explanationsReport } from './audit-explanations';
import type { ExplanationMatrices, Unexplained } from '../learn/explain/explanations';
import { countOf } from '../count-words';

export type AuditStage = 'split' | 'fit-generic' | 'fit-personalized' | 'bootstrap' | 'report' | 'interventions';

export interface AuditProgress {
  readonly stage: AuditStage;
  /** The technique being audited, for stages that depend on it. */
  readonly technique?: Technique;
  /** For the bootstrap: resamples done over all groups, and their total. */
  readonly done?: number;
  readonly total?: number;
}

/** One group's bootstrap, as a self-contained job a worker thread can run (all plain data). */
export interface BootstrapJob {
  readonly group: GroupPredictions;
  readonly metrics: readonly MetricId[];
  readonly resamples: number;
  readonly seed: number;
  readonly stream: number;
  readonly threshold: number;
  /** The level of the percentile intervals the job's resamples are summarized into. */
  readonly alpha: number;
}

/** Runs bootstrap jobs; the default runs them one after another on this thread. */
export type BootstrapRunner = (
  jobs: readonly BootstrapJob[],
  onResamples: (done: number) => void,
) => Promise<Array<Array<GroupGains<ResampleSummary>>>>;

export interface AuditHooks {
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Checked between stages and during the bootstrap; when it returns true the audit stops. */
  readonly isCancelled?: () => boolean;
  readonly runBootstrap?: BootstrapRunner;
}

export class AuditCancelledError extends Error {
  override readonly name = 'AuditCancelledError';
  constructor() {
    super('The audit was cancelled.');
  }
}

/** The data the report is about, as the user named it. */
export interface AuditSource {
  readonly path: string;
  /** SHA-256 of the data file's bytes, when the front end read them: lets a diff tell another dataset apart. */
  readonly sha256?: string;
}

/**
 * Runs a bootstrap job on the current thread, and summarizes each gain's resamples for its tests at once, so
 * that only one group's resampled gains are held at a time.
 */
export function runBootstrapJob(job: BootstrapJob, onResample: (done: number) => void = () => {}): Array<GroupGains<ResampleSummary>> {
  const resampled = bootstrapGroupGains(
    job.group,
    job.metrics.map((id) => METRICS[id]),
    { resamples: job.resamples, seed: job.seed, stream: job.stream, threshold: job.threshold },
    onResample,
  );
  const scratch = new Float64Array(job.resamples);
  return resampled.map((gains) => ({
    rationality: summarizeResamples(gains.rationality, job.alpha, scratch),
    envy: gains.envy.map((envy) => summarizeResamples(envy, job.alpha, scratch)),
  }));
}

const serialBootstrap = (isCancelled: () => boolean): BootstrapRunner => async (jobs, onResamples) =>
  jobs.map((job) =>
    runBootstrapJob(job, (done) => {
      if (done % 50 === 0) {
        if (isCancelled()) throw new AuditCancelledError();
        onResamples(50);
      }
    }),
  );

/**
 * The fair-use audit of SPEC §1–§5 on a loaded dataset: split, fit h0 and the personalized model, score
 * every test row as every group, bootstrap every group's gains, test them, and assemble the report.
 * A binary label is audited as a classification, a numeric one as a regression (ridge models, MSE and MAE).
 * Same dataset, options and seed give the same report.
 */
export async function runAudit(
  dataset: AuditDataset,
  partialOptions: Partial<AuditOptions>,
  source: AuditSource,
  hooks: AuditHooks = {},
): Promise<AuditReport> {
  const options = resolveOptions(partialOptions, taskOf(dataset.label));
  const [report] = await runAudits(dataset, options, [options.technique], source, hooks);
  return report;
}

/**
 * Audits several personalization techniques against one generic model: the split, the encoding and h0
 * are computed once, as paper 1 compares 1hot, all and dcp. One report per technique, in order.
 */
export async function runAudits(
  dataset: AuditDataset,
  partialOptions: Partial<AuditOptions>,
  techniques: readonly Technique[],
  source: AuditSource,
  hooks: AuditHooks = {},
): Promise<AuditReport[]> {
  const options = resolveOptions(partialOptions, taskOf(dataset.label));
  const isCancelled = hooks.isCancelled ?? (() => false);
  const progress = (p: AuditProgress): void => {
    if (isCancelled()) throw new AuditCancelledError();
    hooks.onProgress?.(p);
  };

  progress({ stage: 'split' });
  const groups = indexGroups(dataset);
  const split: TrainTestSplit = dataset.splitIsTest
    ? fromTestMask(dataset.splitIsTest)
    : stratifiedSplit(groups.groupOfRow, labelStrata(dataset.label), options.testSize, options.seed);
  checkTrainingRows(groups, split.train);
  if (split.train.length === 0 || split.test.length === 0) {
    throw new AuditInputError('EMPTY_SPLIT', `The split leaves ${countOf(split.train.length, 'training row')} and ${countOf(split.test.length, 'test row')}.`, 'Use more rows or a --test-size that leaves rows on both sides.');
  }
  const encoder = fitFeatureEncoder(dataset.features, split.train);
  progress({ stage: 'fit-generic' });
  const fits = fitClass(options.modelClass, encoder, dataset.label, groups, split.train, split.test, options.C, options.seed);

  const reports: AuditReport[] = [];
  const assignment = assignmentOf(options.assign, groups);
  for (const technique of techniques) {
    progress({ stage: 'fit-personalized', technique });
    const personalized = fits.personalized(technique);
    // The decoupled fit, for groups the spec assigns to their own model: fitted once, for predictions and explanations.
    let dcpFit: ReturnType<typeof fits.personalized> | null = technique === 'dcp' ? personalized : null;
    const dcp = () => (dcpFit ??= fits.personalized('dcp'));
    const decoupled = (): Float64Array[] => [...dcp().asGroup];
    const fitted: PredictionMatrix = { generic: fits.generic, asGroup: personalized.asGroup };
    const predictions = assignment.includes('decoupled') || assignment.includes('generic') ? assemble(fitted, assignment, assignment.includes('decoupled') ? decoupled() : null) : fitted;
    const fitWarnings = [...fits.warnings, ...personalized.warnings];
    const techniqueOptions = { ...options, technique };
    const explainAs = (assigned: readonly Assignment[]): ExplanationInput | null =>
      options.explanations ? explanationInput(options.explainFraction, personalized.explain, assigned, () => dcp().explain) : null;
    const explanations = explainAs(assignment);
    const unseenLevels = encoder.unseenLevels();
    const report = await testAndReport(dataset, techniqueOptions, source, groups, split, unseenLevels, predictions, fitWarnings, hooks, progress, explanations);
    if (!options.interventions) {
      reports.push(report);
      continue;
    }
    progress({ stage: 'interventions', technique });
    const evaluate = (assigned: readonly Assignment[]): Promise<AuditReport> =>
      testAndReport(dataset, techniqueOptions, source, groups, split, encoder.unseenLevels(), assemble(fitted, assigned, assigned.includes('decoupled') ? decoupled() : null), [], hooks, () => progress({ stage: 'interventions', technique }), explainAs(assigned));
    const selected = (): Assignment[] => selectOnValidation(dataset, techniqueOptions, groups, split, assignment);
    reports.push({ ...report, interventions: await intervene(report, assignment, evaluate, selected) });
  }
  return reports;
}

const INTERVENTION_TEXT = {
  generic: 'Groups with a rationality violation get the generic model h0.',
  decoupled: 'Groups with a rationality violation get their own decoupled model.',
  selected: 'Each group gets the best of h, h0 and its decoupled model on a validation split of the training rows.',
} as const;

/** SPEC §6: the three assembled models, each audited like the original, and data minimization. */
async function intervene(
  before: AuditReport,
  current: readonly Assignment[],
  evaluate: (assignment: readonly Assignment[]) => Promise<AuditReport>,
  selected: () => Assignment[],
): Promise<InterventionsReport> {
  const metric = before.settings.metric;
  const section = before.metrics[metric]!;
  const violating = new Set(section.rationality.filter((r) => r.verdict === 'violation').map((r) => r.group));
  const ids = before.groups.map((g) => g.id);
  const plans: Array<[Intervention['kind'], Assignment[]]> = [
    ['generic', current.map((a, g) => (violating.has(ids[g]) ? 'generic' : a))],
    ['decoupled', current.map((a, g) => (violating.has(ids[g]) ? 'decoupled' : a))],
    ['selected', selected()],
  ];
  const items: Intervention[] = [];
  for (const [kind, assignment] of plans) {
    const unchanged = assignment.every((a, g) => a === current[g]);
    const after = unchanged ? before : await evaluate(assignment);
    const afterSection = after.metrics[metric]!;
    const { resolved, created } = compareViolations(section, afterSection);
    items.push({
      kind,
      description: unchanged ? `${INTERVENTION_TEXT[kind]} No group changes model.` : INTERVENTION_TEXT[kind],
      groups: section.rationality.map((row, g) => ({
        group: row.group,
        assigned: assignment[g],
        before: { gain: row.gain, verdict: row.verdict },
        after: { gain: afterSection.rationality[g].gain, verdict: afterSection.rationality[g].verdict },
      })),
      resolved,
      created,
      overall: { before: section.overall.personalized, after: afterSection.overall.personalized },
      metrics: after.metrics,
    });
  }
  return { metric, items, minimization: minimization(before, metric) };
}

/** Share of the training rows held out to choose each group's model (SPEC §6: never the test rows). */
const VALIDATION_SHARE = 0.2;

/**
 * Per group, the model with the lowest risk of the decisive metric on a validation split carved from the
 * training rows (h, h0 and the decoupled model refitted on the rest). Groups with fewer validation rows than
 * minGroupSize keep their current model.
 */
function selectOnValidation(
  dataset: AuditDataset,
  options: AuditOptions,
  groups: GroupIndex,
  split: TrainTestSplit,
  current: readonly Assignment[],
): Assignment[] {
  const label = dataset.label.values;
  const strata = labelStrata(dataset.label);
  const groupOfTrainRow = Int32Array.from(split.train, (r) => groups.groupOfRow[r]);
  const inner = stratifiedSplit(groupOfTrainRow, Uint8Array.from(split.train, (r) => strata[r]), VALIDATION_SHARE, options.seed);
  const fitRows = Int32Array.from(inner.train, (i) => split.train[i]);
  const validationRows = Int32Array.from(inner.test, (i) => split.train[i]);
  const encoder = fitFeatureEncoder(dataset.features, fitRows);
  const fits = fitClass(options.modelClass, encoder, dataset.label, groups, fitRows, validationRows, options.C, options.seed);
  const personalized = fits.personalized(options.technique).asGroup;
  const decoupled = options.technique === 'dcp' ? personalized : fits.personalized('dcp').asGroup;
  const generic = { testProbabilities: fits.generic };
  const candidates = { generic: generic.testProbabilities, asGroup: personalized };
  const perGroup = predictionsByGroup(candidates, groups.groupOfRow, validationRows, label, groups.groups.length);
  const decoupledCandidates = { generic: generic.testProbabilities, asGroup: decoupled };
  const decoupledPerGroup = predictionsByGroup(decoupledCandidates, groups.groupOfRow, validationRows, label, groups.groups.length);
  const risks = perGroup.map((g, j) =>
    g.y.length < options.minGroupSize
      ? { personalized: NaN, generic: NaN, decoupled: NaN }
      : {
          personalized: riskOf(options.metric, g.y, g.asGroup[j], options.threshold),
          generic: riskOf(options.metric, g.y, g.generic, options.threshold),
          decoupled: riskOf(options.metric, g.y, decoupledPerGroup[j].asGroup[j], options.threshold),
        },
  );
  return chooseByValidation(risks).map((choice, g) => (Number.isFinite(risks[g].personalized) ? choice : current[g]));
}

/** Predictions made outside runAudits: by a model file, or read from a predictions file. */
export interface GivenPredictions {
  readonly groups: GroupIndex;
  /** `test` are the rows the predictions are for, in order; `train` only counts toward each group's nTrain. */
  readonly split: TrainTestSplit;
  readonly predictions: PredictionMatrix;
  /** Warnings of the fits and of reading the model, in the report after the dropped-rows warning. */
  readonly warnings: readonly string[];
  /** Test cells with a category level the encoding never saw. */
  readonly unseenLevels?: number;
  /** Why the given model cannot be explained (SPEC §9), said in the report instead of explanation metrics. */
  readonly unexplained?: string;
  /** The given models' explanation metrics (SPEC §9), or why they were skipped; computed by the caller with the options' fraction. */
  readonly explained?: ExplanationMatrices | Unexplained;
}

/**
 * The audit of SPEC §4–§5 on predictions made elsewhere: h0 and h(·, g′) on the test rows, from a model file
 * (h0 trained by the engine on the same features minus the group attributes) or a predictions file. Tests,
 * corrections and the report are runAudits' own, so equal predictions give an equal report.
 */
export async function auditGivenPredictions(
  dataset: AuditDataset,
  partialOptions: Partial<AuditOptions>,
  source: AuditSource,
  given: GivenPredictions,
  hooks: AuditHooks = {},
): Promise<AuditReport> {
  const options = resolveOptions(partialOptions, taskOf(dataset.label));
  const isCancelled = hooks.isCancelled ?? (() => false);
  const progress = (p: AuditProgress): void => {
    if (isCancelled()) throw new AuditCancelledError();
    hooks.onProgress?.(p);
  };
  const fraction = options.explainFraction;
  const unexplained = given.explained && 'unavailable' in given.explained ? given.explained.unavailable : given.unexplained;
  const explanations: ExplanationInput | null = !options.explanations
    ? null
    : given.explained && !('unavailable' in given.explained)
      ? { matrices: given.explained, fraction }
      : unexplained
        ? { unavailable: unexplained, fraction }
        : null;
  const { groups, split, predictions, warnings } = given;
  return testAndReport(dataset, options, source, groups, split, given.unseenLevels ?? 0, predictions, warnings, hooks, progress, explanations);
}

async function testAndReport(
  dataset: AuditDataset,
  options: AuditOptions,
  source: AuditSource,
  groups: GroupIndex,
  split: TrainTestSplit,
  unseenLevels: number,
  predictions: PredictionMatrix,
  fitWarnings: readonly string[],
  hooks: AuditHooks,
  progress: (p: AuditProgress) => void,
  explanations: ExplanationInput | null = null,
): Promise<AuditReport> {
  const { technique } = options;
  const task = taskOf(dataset.label);
  const metricIds = metricIdsFor(task);
  const warnings: string[] = [];
  if (dataset.droppedRows > 0) warnings.push(`${countOf(dataset.droppedRows, 'row')} with a missing label or group value ${dataset.droppedRows === 1 ? 'was' : 'were'} dropped.`);
  warnings.push(...(dataset.warnings ?? []));
  warnings.push(...fitWarnings);
  if (unseenLevels > 0) {
    warnings.push(`${unseenLevels} test cells hold a category level never seen in training; they are encoded as all zeros.`);
  }

  const perGroup = predictionsByGroup(predictions, groups.groupOfRow, split.test, dataset.label.values, groups.groups.length);
  const largeEnough = perGroup.map((g) => g.y.length >= options.minGroupSize);
  perGroup.forEach((g, j) => {
    if (!largeEnough[j]) {
      warnings.push(`Group ${groups.groups[j].id} has ${countOf(g.y.length, 'test row')}, fewer than ${options.minGroupSize}: reported but not tested.`);
    } else if (task === 'classification' && (!g.y.includes(1) || !g.y.includes(0))) {
      warnings.push(`The test rows of group ${groups.groups[j].id} hold one class only: AUC is not defined for it.`);
    }
  });

  // Each source of per-row values is scored by its metrics: the predictions by the task's metrics, and the
  // explanation qualities of SPEC §9 by theirs. The same stream per group gives every source the same resamples.
  const sources = scoredSources(metricIds, predictions, explanations, groups, split, dataset.label.values);
  sources[0].perGroup = perGroup;
  if (!sources.some((scored) => scored.metricIds.includes(options.metric))) {
    throw new AuditInputError('BAD_OPTION', `The metric ${options.metric} cannot decide this audit: ${explanations && 'unavailable' in explanations ? explanations.unavailable : 'it is not computed.'}`, 'Choose another --metric.');
  }
  // Each group's random stream is its first row's index, so the resamples do not depend on how values are spelled.
  const firstRow = firstRowOfGroups(groups);
  const tested = perGroup.flatMap((_, j) => (largeEnough[j] ? [j] : []));
  const jobSources = sources.flatMap((scored) => tested.map((j) => ({ scored, j })));
  const jobs: BootstrapJob[] = jobSources.map(({ scored, j }) => ({
    group: scored.perGroup[j],
    metrics: scored.metricIds,
    resamples: options.bootstrap,
    seed: options.seed,
    stream: firstRow[j],
    threshold: options.threshold,
    alpha: options.alpha,
  }));
  const total = jobs.length * options.bootstrap;
  let done = 0;
  progress({ stage: 'bootstrap', technique, done, total });
  const isCancelled = hooks.isCancelled ?? (() => false);
  const runner = hooks.runBootstrap ?? serialBootstrap(isCancelled);
  const results = await runner(jobs, (n) => {
    done += n;
    progress({ stage: 'bootstrap', technique, done, total });
  });
  // Results come back in the jobs' order: job k is group jobSources[k].j of its source.
  const resampledOfMetric = new Map<MetricId, Map<number, GroupGains<ResampleSummary>>>();
  jobs.forEach((job, k) =>
    job.metrics.forEach((id, m) => {
      if (!resampledOfMetric.has(id)) resampledOfMetric.set(id, new Map());
      resampledOfMetric.get(id)!.set(jobSources[k].j, results[k][m]);
    }),
  );

  progress({ stage: 'report', technique });
  const overall = truthfulPredictions(predictions, groups.groupOfRow, split.test, dataset.label.values);
  const metrics: Partial<Record<MetricId, MetricReport>> = {};
  const perGroupOfMetric = new Map<MetricId, GroupPredictions[]>();
  for (const scored of sources) {
    const scoredOverall = truthfulPredictions(scored.matrix, groups.groupOfRow, split.test, dataset.label.values);
    for (const id of scored.metricIds) {
      perGroupOfMetric.set(id, scored.perGroup);
      const evidence: GroupEvidence[] = scored.perGroup.map((groupPredictions, j) => ({
        id: groups.groups[j].id,
        predictions: groupPredictions,
        largeEnough: largeEnough[j],
        resampled: resampledOfMetric.get(id)?.get(j) ?? null,
      }));
      const section = assessMetric(METRICS[id], evidence, scoredOverall, options);
      metrics[id] = id === 'mse' ? { ...section, r2: rSquaredReport(section, perGroup, overall.y) } : section;
      warnings.push(...undefinedResampleWarnings(METRICS[id].name, section, options.bootstrap));
    }
  }

  return {
    schemaVersion: 1,
    dataset: {
      path: source.path,
      ...(source.sha256 === undefined ? {} : { sha256: source.sha256 }),
      rows: dataset.rows,
      droppedRows: dataset.droppedRows,
      label: dataset.label.name,
      task,
      positive: dataset.label.task === 'regression' ? null : dataset.label.positive,
      groupAttributes: dataset.groupAttributes,
      features: dataset.features.map((f) => f.name),
    },
    settings: {
      technique,
      model: options.modelClass,
      C: Number.isFinite(options.C) ? options.C : 'Infinity',
      seed: options.seed,
      bootstrap: options.bootstrap,
      resampling: 'group',
      alpha: options.alpha,
      correction: options.correction,
      ...(dataset.splitColumn ? { splitColumn: dataset.splitColumn } : { testSize: options.testSize }),
      threshold: options.threshold,
      minGroupSize: options.minGroupSize,
      metric: options.metric,
      ...(Object.keys(options.assign).length ? { assign: options.assign } : {}),
    },
    groups: groupReports(groups, split, dataset.label),
    metrics,
    warnings,
    ...limitsOf(task, perGroupOfMetric, metrics, options),
    ...(explanations ? { explanations: explanationsReport(explanations) } : {}),
  };
}

/** One kind of per-row value the audit scores (predictions, or an explanation quality), and its metrics. */
interface ScoredSource {
  readonly metricIds: readonly MetricId[];
  readonly matrix: PredictionMatrix;
  perGroup: GroupPredictions[];
}

function scoredSources(metricIds: readonly MetricId[], predictions: PredictionMatrix, explanations: ExplanationInput | null, groups: GroupIndex, split: TrainTestSplit, label: AuditDataset['label']['values']): ScoredSource[] {
  const sources: ScoredSource[] = [{ metricIds, matrix: predictions, perGroup: [] }];
  if (explanations && 'matrices' in explanations) {
    const { sufficiency, comprehensiveness } = explanations.matrices;
    sources.push({ metricIds: ['sufficiency'], matrix: sufficiency, perGroup: predictionsByGroup(sufficiency, groups.groupOfRow, split.test, label, groups.groups.length) });
    sources.push({ metricIds: ['comprehensiveness'], matrix: comprehensiveness, perGroup: predictionsByGroup(comprehensiveness, groups.groupOfRow, split.test, label, groups.groups.length) });
  }
  return sources;
}

/**
 * SPEC §7 for the test rows. For regression, and for an explanation metric that decides the audit, the Gaussian
 * form: σ_j of the per-person gain in the metric's per-row loss, and ε, unless given, 1% of h0's overall value
 * (limits/metric-limits.ts); no section when no group has two test rows to estimate a σ from. The explanation
 * metrics (SPEC §9) get their own bound in the Gaussian form, their ε 1% of h0's value unless the user's ε is
 * theirs (the metric decides the audit).
 */
function limitsOf(
  task: Task,
  perGroupOfMetric: ReadonlyMap<MetricId, GroupPredictions[]>,
  metrics: Partial<Record<MetricId, MetricReport>>,
  options: AuditOptions,
): { limits?: LimitsReport } {
  const decisive = options.metric;
  const gaussian = (id: MetricId, epsilon: number | undefined) =>
    gaussianLimits({ perGroup: perGroupOfMetric.get(id)!, rowLoss: METRICS[id].rowLoss!, genericRisk: metrics[id]!.overall.generic, epsilon });
  const limits = task === 'classification' && !METRICS[decisive].explanation
    ? zeroOneLimits(perGroupOfMetric.get(decisive)!, options.epsilon)
    : gaussian(decisive, options.epsilon);
  if (!limits) return {};
  const explanations: Partial<Record<MetricId, LimitsReport>> = {};
  for (const id of EXPLANATION_METRIC_IDS) {
    const section = metrics[id] && gaussian(id, id === decisive ? options.epsilon : undefined);
    if (section) explanations[id] = section;
  }
  return { limits: Object.keys(explanations).length ? { ...limits, explanations } : limits };
}

/** The explanation metrics (SPEC §9) in report order. */
const EXPLANATION_METRIC_IDS = (Object.keys(METRICS) as MetricId[]).filter((id) => METRICS[id].explanation);

/**
 * One warning per group whose resamples left the metric undefined on some draws (AUC when a resample drew one
 * class): the same draws serve its rationality and envy tests, so the rationality row's count stands for all.
 */
function undefinedResampleWarnings(metricName: string, section: MetricReport, resamples: number): string[] {
  return section.rationality.flatMap((row) =>
    row.undefinedResamples
      ? [`${metricName}: ${row.undefinedResamples} of ${resamples} bootstrap resamples of group ${row.group} drew one class only; they are left out of its intervals and p-values.`]
      : [],
  );
}

/** The index of each group's first row in the data (file order). */
function firstRowOfGroups(groups: GroupIndex): Int32Array {
  const first = new Int32Array(groups.groups.length).fill(-1);
  groups.groupOfRow.forEach((g, row) => {
    if (first[g] < 0) first[g] = row;
  });
  return first;
}

/** Rows per group, and its positive rate (classification) or mean label (regression), over train and test rows. */
function groupReports(groups: GroupIndex, split: TrainTestSplit, label: AuditDataset['label']): GroupReport[] {
  const count = groups.groups.length;
  const nTrain = new Array<number>(count).fill(0);
  const nTest = new Array<number>(count).fill(0);
  const labelSums = new Array<number>(count).fill(0);
  for (const row of split.train) nTrain[groups.groupOfRow[row]]++;
  for (const row of split.test) nTest[groups.groupOfRow[row]]++;
  for (let i = 0; i < groups.groupOfRow.length; i++) labelSums[groups.groupOfRow[i]] += label.values[i];
  return groups.groups.map((g, j) => {
    const mean = labelSums[j] / (nTrain[j] + nTest[j]);
    const balance = label.task === 'regression' ? { positiveRate: null, labelMean: mean } : { positiveRate: mean };
    return { id: g.id, values: g.values, nTrain: nTrain[j], nTest: nTest[j], ...balance };
  });
}
