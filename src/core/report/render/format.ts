import { METRICS, type MetricId } from '../../audit/metrics';
import type { Assignment, Verdict } from '../report';

/**
 * How a metric's values read in every view: fractions (error, ECE) as percents with one decimal, as
 * paper 1's tables; AUC, log loss and Brier as plain numbers; MSE and MAE, in the label's unit (squared), with
 * four significant digits (see formatQuantity).
 */
export function formatValue(metric: MetricId, value: number | null): string {
  if (value === null) return 'n/a';
  const definition = METRICS[metric];
  if (definition.task === 'regression') return formatQuantity(value);
  const text = definition.isFraction ? `${(value * 100).toFixed(1)}%` : value.toFixed(metric === 'auc' ? 3 : 4);
  // A tiny negative value rounds to "-0.0": show it as the zero it reads as.
  return /^-0\.0*%?$/.test(text) ? text.slice(1) : text;
}

/**
 * A number in a unit of the data (an MSE, a label mean, a σ): four significant digits, without an exponent from
 * 0.0001 to 99999 (152.3, 12.35, 0.01234, 1235, 12346), with one outside that range (1.235e+5).
 *
 * @example formatQuantity(152.345) // => '152.3'
 */
export function formatQuantity(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-4) return value.toExponential(3);
  // toPrecision would switch to an exponent from 1e4 on.
  return magnitude >= 1e4 ? value.toFixed(0) : value.toPrecision(4);
}

/** R², unit-free, with three decimals (0.742); null reads n/a. */
export function formatRSquared(value: number | null): string {
  if (value === null) return 'n/a';
  const text = value.toFixed(3);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

/** A change in R² with an explicit sign (+0.012). */
export function formatRSquaredGain(gain: number | null): string {
  const text = formatRSquared(gain);
  return gain !== null && gain > 0 && !text.startsWith('-') ? `+${text}` : text;
}

/** A gain with an explicit sign, in the metric's unit. */
export function formatGain(metric: MetricId, gain: number | null): string {
  if (gain === null) return 'n/a';
  const text = formatValue(metric, gain);
  return gain > 0 && !text.startsWith('-') ? `+${text}` : text;
}

export function formatInterval(metric: MetricId, ci: readonly [number, number] | null): string {
  return ci ? `[${formatGain(metric, ci[0])}, ${formatGain(metric, ci[1])}]` : '';
}

/** p-values: three decimals, or "<0.001". */
export function formatP(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  violation: 'VIOLATION',
  gain: 'gain',
  none: 'no change',
  untested: 'untested',
};

/** The tag beside a group that h does not serve (the spec's "assign", or an intervention's choice). */
export const SERVED_BY: Readonly<Record<Exclude<Assignment, 'personalized'>, string>> = {
  generic: 'served by h0',
  decoupled: 'served by its decoupled model',
};

export function metricTitle(metric: MetricId): string {
  const name = METRICS[metric].name;
  return name[0].toUpperCase() + name.slice(1);
}

/** The metric's name inside a sentence: "error rate", "log loss", but "AUC" and "ECE" stay capitals. */
export function metricNoun(metric: MetricId): string {
  const title = metricTitle(metric);
  return title === title.toUpperCase() ? title : title.toLowerCase();
}
