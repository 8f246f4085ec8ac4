import { AuditInputError } from '../errors';
import { DEFAULT_METRIC, METRIC_IDS, type MetricId, metricIdsFor } from './metrics/metric';
import { METRICS } from './metrics';
import { CORRECTIONS, type Correction } from './stats/correction';
import { TECHNIQUES, type Technique } from '../learn/technique';
import { MODEL_CLASSES, type ModelClass } from '../learn/model-class';
import type { Task } from '../data/task';

/** Every knob of an audit, with the defaults of SPEC §1–§5 in one place. */
export interface AuditOptions {
  readonly technique: Technique;
  /** The model class of h0 and h: logistic regression, random forest or neural net (paper 1, Appendix G). */
  readonly modelClass: ModelClass;
  /**
   * The metric that decides violations for the exit status and diagnostics; all metrics of the task are computed.
   * Default: error for a binary label, mse for regression.
   */
  readonly metric: MetricId;
  /** Inverse penalty strength of the logistic (or, for regression, ridge) regressions; Infinity = no penalty. */
  readonly C: number;
  readonly seed: number;
  readonly bootstrap: number;
  readonly alpha: number;
  readonly correction: Correction;
  /** Fraction of each (group, label) stratum held out; ignored when the data has a split column. */
  readonly testSize: number;
  readonly threshold: number;
  /** Groups with fewer test rows are reported but not tested. */
  readonly minGroupSize: number;
  /**
   * The smallest gain worth detecting, for the SPEC §7 limits, in the decisive metric's unit. Default 0.01 for a
   * binary label; for regression or a deciding explanation metric, when not given (undefined), 1% of h0's
   * overall value of the metric (limits/metric-limits.ts).
   */
  readonly epsilon?: number;
  /** Also compute the SPEC §6 interventions (three more bootstraps and a validation refit). */
  readonly interventions: boolean;
  /** Group id → the model that serves it instead of h (an intervention the user chose). */
  readonly assign: Readonly<Record<string, 'generic' | 'decoupled'>>;
  /** Compute the explanation metrics of SPEC §9 (sufficiency, comprehensiveness) where the model can be explained. */
  readonly explanations: boolean;
  /** r of SPEC §9: the share of the inputs an explanation keeps, in (0, 1]. */
  readonly explainFraction: number;
}

export const DEFAULT_OPTIONS: AuditOptions = {
  technique: '1hot',
  modelClass: 'lr',
  metric: 'error',
  C: 1,
  seed: 2338,
  bootstrap: 1000,
  alpha: 0.1,
  correction: 'bonferroni',
  testSize: 0.2,
  threshold: 0.5,
  minGroupSize: 10,
  epsilon: 0.01,
  interventions: false,
  assign: {},
  explanations: true,
  explainFraction: 0.5,
};

/**
 * Defaults filled in and every value checked; throws AuditInputError (BAD_OPTION) naming the option.
 *
 * @param task the label's task: a regression audit takes only regression metrics (default mse) and the linear
 *   model, and any positive ε; a classification audit only classification metrics and ε below 0.5 (any
 *   positive ε when an explanation metric decides: ε is then in that metric's unit)
 */
export function resolveOptions(partial: Partial<AuditOptions> = {}, task: Task = 'classification'): AuditOptions {
  const given = withoutUndefined(partial);
  const options = { ...DEFAULT_OPTIONS, metric: DEFAULT_METRIC[task], ...given };
  oneOf('technique', options.technique, TECHNIQUES);
  oneOf('model', options.modelClass, MODEL_CLASSES);
  oneOf('metric', options.metric, METRIC_IDS);
  // ε in the metric's own unit (SPEC §7's Gaussian form): regression, or an explanation metric (SPEC §9) deciding.
  const epsilonInMetricUnit = task === 'regression' || METRICS[options.metric].explanation === true;
  if (epsilonInMetricUnit && given.epsilon === undefined) delete options.epsilon;
  checkTask(task, options.metric);
  oneOf('correction', options.correction, CORRECTIONS);
  check('C', options.C > 0, 'a positive number (or Infinity for no penalty)', options.C);
  check('seed', Number.isInteger(options.seed) && options.seed >= 0 && options.seed < 2 ** 32, 'an integer from 0 to 4294967295', options.seed);
  check('bootstrap', Number.isInteger(options.bootstrap) && options.bootstrap >= 1 && options.bootstrap <= 1_000_000, 'a whole number of resamples from 1 to 1000000', options.bootstrap);
  check('alpha', options.alpha > 0 && options.alpha < 1, 'a level between 0 and 1, e.g. 0.1', options.alpha);
  check('test-size', options.testSize > 0 && options.testSize < 1, 'a fraction between 0 and 1, e.g. 0.2', options.testSize);
  check('threshold', options.threshold >= 0 && options.threshold <= 1, 'a probability from 0 to 1', options.threshold);
  check('explain-fraction', options.explainFraction > 0 && options.explainFraction <= 1, 'a fraction of the inputs in (0, 1], e.g. 0.5', options.explainFraction);
  if (!options.explanations && METRICS[options.metric].explanation) {
    throw new AuditInputError('BAD_OPTION', `The metric ${options.metric} needs explanations, but they are turned off (--no-explanations).`, 'Drop --no-explanations, or choose another --metric.');
  }
  check('min-group-size', Number.isInteger(options.minGroupSize) && options.minGroupSize >= 1, 'a whole number ≥ 1', options.minGroupSize);
  if (epsilonInMetricUnit) {
    if (options.epsilon !== undefined) check('epsilon', options.epsilon > 0 && Number.isFinite(options.epsilon), 'a positive gain in the metric\'s unit', options.epsilon);
  } else {
    check('epsilon', options.epsilon! > 0 && options.epsilon! < 0.5, 'a gain between 0 and 0.5, e.g. 0.01', options.epsilon);
  }
  for (const [group, model] of Object.entries(options.assign)) {
    if (model !== 'generic' && model !== 'decoupled') {
      throw new AuditInputError('BAD_OPTION', `The assignment of group ${JSON.stringify(group)} is ${JSON.stringify(model)}.`, 'Assign "generic" or "decoupled".');
    }
  }
  return options;
}

/** A metric of the other task is refused with the choices that fit (the explanation metrics fit either task). */
function checkTask(task: Task, metric: MetricId): void {
  if (METRICS[metric].task !== task && METRICS[metric].task !== 'any') {
    const label = task === 'regression' ? 'numeric with more than two values (a regression)' : 'binary (a classification)';
    throw new AuditInputError('BAD_OPTION', `The metric ${metric} is for ${METRICS[metric].task === 'regression' ? 'regression' : 'classification'}, but the label is ${label}.`, `Use one of: ${metricIdsFor(task).join(', ')} (--metric, or "metric" in the spec).`);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw new AuditInputError('BAD_OPTION', `Unknown ${name} '${value}'.`, `Use one of: ${allowed.join(', ')}.`);
  }
}

function check(name: string, ok: boolean, requirement: string, value: unknown): void {
  if (!ok) throw new AuditInputError('BAD_OPTION', `Option --${name} is ${String(value)}.`, `It must be ${requirement}.`);
}
