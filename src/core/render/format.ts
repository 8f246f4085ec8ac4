import { METRICS, type MetricId } from '../metrics';
import type { Verdict } from '../report';

/**
 * How a metric's values read in every view: fractions (error, ECE) as percents with one decimal, as
 * paper 1's tables; AUC, log loss and Brier as plain numbers.
 */
export function formatValue(metric: MetricId, value: number | null): string {
  if (value === null) return 'n/a';
  const text = METRICS[metric].isFraction ? `${(value * 100).toFixed(1)}%` : value.toFixed(metric === 'auc' ? 3 : 4);
  // A tiny negative value rounds to "-0.0": show it as the zero it reads as.
  return /^-0\.0*%?$/.test(text) ? text.slice(1) : text;
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

export function metricTitle(metric: MetricId): string {
  const name = METRICS[metric].name;
  return name[0].toUpperCase() + name.slice(1);
}

/** The metric's name inside a sentence: "error rate", "log loss", but "AUC" and "ECE" stay capitals. */
export function metricNoun(metric: MetricId): string {
  const title = metricTitle(metric);
  return title === title.toUpperCase() ? title : title.toLowerCase();
}
