/**
 * R² beside the MSE of a regression audit (SPEC §3 names MSE and MAE; R² is their unit-free reading): per group
 * and overall, for h0 and for the personalized model, derived from the MSE section and the test labels.
 */
import type { GroupPredictions } from './bootstrap';
import { labelVariance, rSquared } from './metrics/r-squared';
import type { MetricReport, RSquaredReport, RSquaredValues } from '../report/report';
import type { Labels } from '../data/task';

/**
 * @param mse the report's MSE section (rows in group order)
 * @param perGroup each group's test rows, in the same order
 * @param testLabels the labels of all test rows
 */
export function rSquaredReport(mse: MetricReport, perGroup: readonly GroupPredictions[], testLabels: Labels): RSquaredReport {
  return {
    overall: rSquaredValues(mse.overall.generic, mse.overall.personalized, labelVariance(testLabels)),
    groups: mse.rationality.map((row, j) => ({ group: row.group, ...rSquaredValues(row.generic, row.personalized, labelVariance(perGroup[j].y)) })),
  };
}

function rSquaredValues(genericMse: number | null, personalizedMse: number | null, variance: number): RSquaredValues {
  const generic = rSquared(genericMse, variance);
  const personalized = rSquared(personalizedMse, variance);
  return { generic, personalized, gain: generic === null || personalized === null ? null : personalized - generic };
}
