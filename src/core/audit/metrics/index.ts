import { areaUnderCurve } from './auc';
import { brierScore } from './brier';
import { expectedCalibrationError } from './ece';
import { errorRate } from './error-rate';
import { logLoss } from './log-loss';
import { meanAbsoluteError } from './mae';
import type { MetricDefinition, MetricId } from './metric';
import { meanSquaredError } from './mse';
import { comprehensiveness } from './comprehensiveness';
import { sufficiency } from './sufficiency';

export * from './metric';
export { areaUnderCurve, brierScore, comprehensiveness, sufficiency, expectedCalibrationError, errorRate, logLoss, meanAbsoluteError, meanSquaredError };

export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = {
  error: errorRate,
  auc: areaUnderCurve,
  ece: expectedCalibrationError,
  logloss: logLoss,
  brier: brierScore,
  mse: meanSquaredError,
  mae: meanAbsoluteError,
  sufficiency,
  comprehensiveness,
};

/**
 * The risk form of a metric value, lower is better: AUC is negated (SPEC §4), so that every gain is
 * risk(generic) − risk(personalized) whatever the metric.
 */
export function toRisk(metric: MetricDefinition, value: number): number {
  return metric.higherIsBetter ? -value : value;
}
