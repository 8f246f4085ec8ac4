import { describe, expect, it } from 'vitest';
import { areaUnderCurve, brierScore, errorRate, expectedCalibrationError, logLoss } from '../../../src/core/audit/metrics';
import { eceBin } from '../../../src/core/audit/metrics/ece';

// SPEC §3 check values.
const y = Uint8Array.of(0, 0, 1, 1, 1, 0, 1, 0, 1, 1);
const p = Float64Array.of(0.05, 0.15, 0.35, 0.4, 0.62, 0.7, 0.7, 0.9, 0.95, 1);

describe('SPEC §3 check values', () => {
  it('AUC with a tie at 0.7 is 0.6875 (16.5 concordant of 24 pairs)', () => {
    expect(areaUnderCurve.prepare(y, p, 0.5).score()).toBeCloseTo(0.6875, 12);
  });

  it('ECE is 0.242', () => {
    expect(expectedCalibrationError.prepare(y, p, 0.5).score()).toBeCloseTo(0.242, 12);
  });

  it('error rate counts decisions p ≥ 0.5 against y', () => {
    // decisions: 0 0 0 0 1 1 1 1 1 1 → wrong at rows 2, 3, 5, 7
    expect(errorRate.prepare(y, p, 0.5).score()).toBeCloseTo(0.4, 12);
    // threshold 0.35 makes rows 2 and 3 right (p ≥ threshold decides 1)
    expect(errorRate.prepare(y, p, 0.35).score()).toBeCloseTo(0.2, 12);
  });

  it('Brier score and log loss by hand', () => {
    const yy = Uint8Array.of(1, 0);
    const pp = Float64Array.of(0.8, 0.4);
    expect(brierScore.prepare(yy, pp, 0.5).score()).toBeCloseTo((0.04 + 0.16) / 2, 12);
    expect(logLoss.prepare(yy, pp, 0.5).score()).toBeCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, 12);
  });

  it('log loss clips p to [1e-15, 1 − 1e-15]', () => {
    const loss = logLoss.prepare(Uint8Array.of(1, 0), Float64Array.of(0, 1), 0.5).score();
    // both rows cost about −ln(1e-15) = 34.54 (1 − 1e-15 is not exact in binary, hence the 1e-3)
    expect(Math.abs(loss - -Math.log(1e-15))).toBeLessThan(1e-3);
    expect(Number.isFinite(loss)).toBe(true);
  });

  it('AUC is NaN on one class', () => {
    expect(areaUnderCurve.prepare(Uint8Array.of(1, 1), Float64Array.of(0.2, 0.3), 0.5).score()).toBeNaN();
  });
});

describe('ECE bins follow double precision, as numpy', () => {
  it('puts 0.3 in bin 3 but 0.1 × 3 in bin 4 (0-based 2 and 3)', () => {
    expect(eceBin(0.3)).toBe(2);
    expect(eceBin(0.1 * 3)).toBe(3);
  });
  it('puts p = 0 in bin 1 and p = 1 in bin 10', () => {
    expect(eceBin(0)).toBe(0);
    expect(eceBin(1)).toBe(9);
    expect(eceBin(0.1)).toBe(0);
    expect(eceBin(0.1000001)).toBe(1);
  });
});
