/**
 * Exact Shapley values of the engine's forests against one reference point, the baseline b of SPEC §9
 * (interventional TreeSHAP with b as the only background row; Lundberg et al. 2020 §2.5, "baseline Shapley" of
 * Sundararajan & Najmi 2020): the players are the inputs, v(S) = f(z_S, b_¬S), so
 *   φ_j = Σ_{S ∌ j} |S|! (d − |S| − 1)! / d! · (v(S ∪ {j}) − v(S)),   Σ_j φ_j = f(z) − f(b).
 * For one tree the hybrid input (z_S, b_¬S) reaches a leaf exactly when every split on the way where z and b part
 * goes z's way for the inputs in A and b's way for those in B (A, B disjoint), i.e. when A ⊆ S and B ∩ S = ∅.
 * That game gives each j ∈ A the value (|A| − 1)! |B|! / (|A| + |B|)! and each j ∈ B −|A|! (|B| − 1)! / (|A| + |B|)!,
 * times the leaf's value. So a walk over the leaves reachable by some hybrid input gives φ exactly, without the
 * 2^d evaluations of the definition: at most the tree's nodes per row and tree.
 */
import type { DecisionTree } from '../forest';

/**
 * φ_j for every input of a row: the mean over `trees` of each tree's Shapley values (the forest predicts the
 * mean of its trees' leaf values, and Shapley values are linear in the game).
 *
 * @param baseline b, one per input
 * @param z the explained row, same length
 * @param visits counts the nodes walked (the cost), when given
 */
export function forestShapley(
  trees: readonly DecisionTree[],
  baseline: ArrayLike<number>,
  z: ArrayLike<number>,
  visits: { count: number } = { count: 0 },
): Float64Array {
  const phi = new Float64Array(z.length);
  // Which way each input is held on the current path: 1 = z's way only, −1 = b's way only, 0 = not split apart.
  const side = new Int8Array(z.length);
  const path: number[] = [];
  for (const tree of trees) walk(tree, 0, baseline, z, side, path, 0, 0, phi, 1 / trees.length, visits);
  return phi;
}

/** Factorials up to the depth of the deepest tree the engine grows, and some. */
const FACTORIAL = [1];
for (let k = 1; k <= 64; k++) FACTORIAL.push(FACTORIAL[k - 1] * k);
const factorial = (k: number): number => (k < FACTORIAL.length ? FACTORIAL[k] : Infinity);

function walk(
  tree: DecisionTree,
  node: number,
  b: ArrayLike<number>,
  z: ArrayLike<number>,
  side: Int8Array,
  path: number[],
  inZ: number,
  inB: number,
  phi: Float64Array,
  scale: number,
  visits: { count: number },
): void {
  visits.count++;
  const f = tree.feature[node];
  if (f < 0) {
    const v = tree.value[node] * scale;
    if (v === 0 || inZ + inB === 0) return;
    const total = factorial(inZ + inB);
    const forZ = inZ > 0 ? (v * factorial(inZ - 1) * factorial(inB)) / total : 0;
    const forB = inB > 0 ? (v * factorial(inZ) * factorial(inB - 1)) / total : 0;
    for (const j of path) phi[j] += side[j] > 0 ? forZ : -forB;
    return;
  }
  const t = tree.threshold[node];
  const zChild = z[f] <= t ? tree.left[node] : tree.right[node];
  const bChild = b[f] <= t ? tree.left[node] : tree.right[node];
  if (zChild === bChild || side[f] > 0) return walk(tree, zChild, b, z, side, path, inZ, inB, phi, scale, visits);
  if (side[f] < 0) return walk(tree, bChild, b, z, side, path, inZ, inB, phi, scale, visits);
  path.push(f);
  side[f] = 1;
  walk(tree, zChild, b, z, side, path, inZ + 1, inB, phi, scale, visits);
  side[f] = -1;
  walk(tree, bChild, b, z, side, path, inZ, inB + 1, phi, scale, visits);
  side[f] = 0;
  path.pop();
}
