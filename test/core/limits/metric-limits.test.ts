import { describe, expect, it } from 'vitest';
import type { GroupPredictions } from '../../../src/core/audit/bootstrap';
import { gaussianLimits, zeroOneLimits } from '../../../src/core/audit/limits/metric-limits';

/** The per-row value is the explanation quality itself (SPEC §9), as for sufficiency and comprehensiveness. */
const identity = (_y: number, p: number) => p;

/**
 * Hand-worked: group A, per-person gains (h0's value − h's) [0.1, 0.3]; group B [0, 0, 0.2].
 * σ_A² = 0.02 / 1, σ_B² = (0.2/3)²·2 + (0.4/3)² = 0.02667 / 2 = 0.013333; pooled σ² = (0.02 + 0.026667) / 3 = 0.015556.
 * h0's overall value 0.5 → ε = 0.005, ε² = 2.5e-5.
 * P_e = 1 − √((e^{2·2.5e-5/0.02} + e^{3·2.5e-5/0.013333}) / 2 − 1) / (2√2) = 1 − √((e^0.0025 + e^0.005625)/2 − 1) / 2.8284 = 0.977439
 * k_max = W(5 · 2.5e-5 / 0.015556) / ln 2 = W(0.0080357) / ln 2 = 0.0079719 / 0.693147 = 0.011501
 * equal group size = ⌈ln 3 · 0.015556 / 2.5e-5⌉ = ⌈683.58⌉ = 684
 */
const groupA: GroupPredictions = {
  y: Float64Array.of(0, 0),
  generic: Float64Array.of(0.1, 0.3),
  asGroup: [Float64Array.of(0, 0), Float64Array.of(9, 9)],
  truthful: 0,
};
const groupB: GroupPredictions = {
  y: Float64Array.of(0, 0, 0),
  generic: Float64Array.of(0.2, 0.2, 0.4),
  asGroup: [Float64Array.of(9, 9, 9), Float64Array.of(0.2, 0.2, 0.2)],
  truthful: 1,
};

describe('SPEC §7 for an explanation metric: the Gaussian form with the explanation gains\' spread', () => {
  it('matches the hand-worked case: σ per group and pooled, ε = 1% of h0\'s value, P_e, k_max, the equal group size', () => {
    const limits = gaussianLimits({ perGroup: [groupA, groupB], rowLoss: identity, genericRisk: 0.5 })!;
    expect(limits.groupSigmas![0]).toBeCloseTo(0.1414213562, 9);
    expect(limits.groupSigmas![1]).toBeCloseTo(0.1154700538, 9);
    expect(limits.sigma).toBeCloseTo(0.1247219129, 9);
    expect(limits.epsilon).toBeCloseTo(0.005, 15);
    expect(limits.epsilonShareOfGenericRisk).toBe(0.01);
    expect(limits.errorProbabilityBound).toBeCloseTo(0.977439, 6);
    expect(limits.maxAttributes).toBeCloseTo(0.011501, 6);
    expect(limits.minGroupSize).toBe(684);
    expect(limits).toMatchObject({ groups: 2, attributes: 1, n: 5, tooManyGroups: true });
  });

  it('the sign of the gain does not matter: comprehensiveness (higher is better) has the same spread', () => {
    const flipped = (g: GroupPredictions): GroupPredictions => ({ ...g, generic: g.generic.map((v) => -v), asGroup: g.asGroup.map((c) => c.map((v) => -v)) });
    const a = gaussianLimits({ perGroup: [groupA, groupB], rowLoss: identity, genericRisk: 0.5 })!;
    const b = gaussianLimits({ perGroup: [flipped(groupA), flipped(groupB)], rowLoss: identity, genericRisk: 0.5 })!;
    expect(b.groupSigmas![0]).toBeCloseTo(a.groupSigmas![0]!, 14);
    expect(b.errorProbabilityBound).toBeCloseTo(a.errorProbabilityBound, 14);
  });

  it('a given ε is used as is; h0 with value 0 falls back to 0.01; no group with two rows gives no bound', () => {
    const given = gaussianLimits({ perGroup: [groupA, groupB], rowLoss: identity, genericRisk: 0.5, epsilon: 0.05 })!;
    expect(given.epsilon).toBe(0.05);
    expect(given.epsilonShareOfGenericRisk).toBeUndefined();
    // ε² = 0.0025: k_max = W(5 · 0.0025 / 0.015556) / ln 2 = W(0.80357) / ln 2 = 0.491534 / 0.693147 = 0.709134
    expect(given.maxAttributes).toBeCloseTo(0.709134, 5);
    expect(gaussianLimits({ perGroup: [groupA, groupB], rowLoss: identity, genericRisk: 0 })!.epsilon).toBe(0.01);
    const single: GroupPredictions = { y: Float64Array.of(0), generic: Float64Array.of(0.1), asGroup: [Float64Array.of(0)], truthful: 0 };
    expect(gaussianLimits({ perGroup: [single], rowLoss: identity, genericRisk: 0.5 })).toBeUndefined();
  });

  it('the 0-1 form ignores the values: c_j = 1 + 4ε² on the test sizes (SPEC §7 check value 0.5263)', () => {
    const sized = (m: number): GroupPredictions => ({ y: new Float64Array(m), generic: new Float64Array(m), asGroup: [new Float64Array(m)], truthful: 0 });
    expect(zeroOneLimits([4079, 1676, 5490, 2092].map(sized)).errorProbabilityBound).toBeCloseTo(0.5263, 4);
    expect(zeroOneLimits([sized(10)]).sigma).toBeUndefined();
  });
});
