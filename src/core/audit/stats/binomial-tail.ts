/**
 * P(X ≥ k) for X ~ Binomial(n, ½), exact up to rounding.
 *
 * The pmf is built in log space by the recurrence ln pmf(j+1) = ln pmf(j) + ln(n − j) − ln(j + 1) from
 * ln pmf(0) = −n ln 2, so it neither underflows (2^−n for n > 1074) nor needs a log-gamma approximation.
 *
 * @example binomialUpperTailHalf(4, 3) // => 0.3125
 */
export function binomialUpperTailHalf(n: number, k: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomialUpperTailHalf requires a count n ≥ 0 (got ${n})`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  let logPmf = -n * Math.LN2;
  let maxLog = -Infinity;
  const tailLogs: number[] = [];
  for (let j = 0; j <= n; j++) {
    if (j >= k) {
      tailLogs.push(logPmf);
      if (logPmf > maxLog) maxLog = logPmf;
    }
    logPmf += Math.log(n - j) - Math.log(j + 1);
  }
  let scaled = 0;
  for (const l of tailLogs) scaled += Math.exp(l - maxLog);
  return Math.min(1, Math.exp(maxLog) * scaled);
}
