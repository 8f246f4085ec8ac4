/**
 * A forest or net regressor in the engine's model file (docs/regression.md, "Model files"): the fitted model as
 * plain JSON data, and back. Saving keeps every number as the double it was (JSON writes the shortest decimal
 * that reads back to it), and the saved model predicts with the engine's own arithmetic (meanLeafValue,
 * mlpModel), so an audit of the file reproduces the in-process audit number for number.
 */
import { type DecisionTree, type FittedModel } from '../learn/forest';
import { meanLeafValue } from '../learn/forest/decision-tree';
import { type MlpModel, mlpModel } from '../learn/mlp';
import { networkShape } from '../learn/mlp/network';
import type { DenseMatrix } from '../numeric/matrix';

/** One tree: node 0 the root; a leaf has feature −1; an internal node sends x to left when x[feature] ≤ threshold. */
export interface SavedTree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

/** A fitted regressor: the mean of its trees' leaves, a ReLU net with its scalings, or a constant (the training labels' mean). */
export type SavedFit =
  | { readonly kind: 'forest'; readonly trees: readonly SavedTree[] }
  | {
      readonly kind: 'net';
      /** Units per layer, the inputs first, 1 last. */
      readonly sizes: readonly number[];
      /** The inputs' standardisation: a_0 = (x − mean) · inverseScale. */
      readonly mean: readonly number[];
      readonly inverseScale: readonly number[];
      /** Per layer, its weights (fanOut × fanIn, row-major) then its biases. */
      readonly parameters: readonly number[];
      /** The prediction is z · scale + mean. */
      readonly target: { readonly mean: number; readonly scale: number };
    }
  | { readonly kind: 'constant'; readonly value: number };

export type SavedFitKind = SavedFit['kind'];

/**
 * A fitted forest, net or constant regressor as saved data.
 *
 * @throws Error for a model that is none of these (a classifier's net, with Platt scaling and no target scaling)
 */
export function saveFit(model: FittedModel): SavedFit {
  const kind = (model as { kind?: string }).kind;
  if (kind === 'constant' && 'mean' in model) return { kind: 'constant', value: (model as { mean: number }).mean };
  if (kind === 'forest') {
    const { trees } = model as unknown as { trees: readonly DecisionTree[] };
    return {
      kind: 'forest',
      trees: trees.map((t) => ({
        feature: Array.from(t.feature),
        threshold: Array.from(t.threshold),
        left: Array.from(t.left),
        right: Array.from(t.right),
        value: Array.from(t.value),
      })),
    };
  }
  if (kind === 'mlp') {
    const net = model as MlpModel;
    if (!net.target || net.platt) throw new Error('saveFit: only a regressor net (target scaling, no Platt step) is saved');
    return { kind: 'net', sizes: [...net.shape.sizes], mean: Array.from(net.shape.mean), inverseScale: Array.from(net.shape.inverseScale), parameters: Array.from(net.parameters), target: { ...net.target } };
  }
  throw new Error(`saveFit: cannot save a model of kind ${String(kind)}`);
}

/** The model a saved fit describes, predicting as the fitted one did. `inputs` is the width it reads (checked when parsed). */
export function loadFit(saved: SavedFit, inputs: number): FittedModel {
  const checkWidth = (x: DenseMatrix) => {
    if (x.cols !== inputs) throw new RangeError(`loadFit: the model reads ${inputs} columns, got ${x.cols}`);
  };
  if (saved.kind === 'constant') {
    // kind and trees as the fitted model's, so the engine's attributions (learn/explain/model-attribution.ts) apply.
    const constant = { kind: 'constant' as const, predict: (x: DenseMatrix) => (checkWidth(x), new Float64Array(x.rows).fill(saved.value)) };
    return constant;
  }
  if (saved.kind === 'forest') {
    const trees: DecisionTree[] = saved.trees.map((t) => {
      const nodeCount = t.feature.length;
      return {
        nodeCount,
        feature: Int32Array.from(t.feature),
        threshold: Float64Array.from(t.threshold),
        left: Int32Array.from(t.left),
        right: Int32Array.from(t.right),
        value: Float64Array.from(t.value),
        // Not needed to predict: what the fit recorded about its training rows.
        samples: new Int32Array(nodeCount),
        weight: new Float64Array(nodeCount),
        depth: new Int32Array(nodeCount),
      };
    });
    const forest = { kind: 'forest' as const, trees, predict: (x: DenseMatrix) => (checkWidth(x), meanLeafValue(trees, x)) };
    return forest;
  }
  const shape = networkShape(saved.sizes, Float64Array.from(saved.mean), Float64Array.from(saved.inverseScale), 'squared');
  return mlpModel(shape, Float64Array.from(saved.parameters), null, saved.target, { epochs: 0, converged: true, loss: NaN });
}

/**
 * Checks a parsed saved fit against the width of the design it reads, so a damaged file fails here, in one line,
 * rather than while scoring.
 *
 * @param fail throws the model file's BAD_MODEL error with the problem
 */
export function parseSavedFit(value: unknown, inputs: number, where: string, fail: (problem: string) => never): SavedFit {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${where} must be a JSON object.`);
  const entry = value as Record<string, unknown>;
  const finiteList = (v: unknown, at: string, length?: number): number[] => {
    if (!Array.isArray(v)) return fail(`${at} must be an array.`);
    v.forEach((x, k) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${at}[${k}] must be a finite number.`);
    });
    if (length !== undefined && v.length !== length) fail(`${at} has ${v.length} numbers; it needs ${length}.`);
    return v as number[];
  };
  const integers = (v: unknown, at: string, length: number): number[] => {
    const list = finiteList(v, at, length);
    list.forEach((x, k) => {
      if (!Number.isInteger(x)) fail(`${at}[${k}] must be an integer.`);
    });
    return list;
  };
  const allowed = entry.kind === 'forest' ? ['kind', 'trees'] : entry.kind === 'net' ? ['kind', 'sizes', 'mean', 'inverseScale', 'parameters', 'target'] : ['kind', 'value'];
  for (const key of Object.keys(entry)) if (!allowed.includes(key)) fail(`${where} has an unknown field "${key}".`);

  if (entry.kind === 'constant') {
    const [constant] = finiteList([entry.value], `${where}.value`);
    return { kind: 'constant', value: constant };
  }
  if (entry.kind === 'forest') {
    if (!Array.isArray(entry.trees) || entry.trees.length === 0) return fail(`${where}.trees must be a non-empty array.`);
    const trees = entry.trees.map((t, k): SavedTree => {
      const at = `${where}.trees[${k}]`;
      if (typeof t !== 'object' || t === null) return fail(`${at} must be a JSON object.`);
      const tree = t as Record<string, unknown>;
      const nodes = Array.isArray(tree.feature) ? tree.feature.length : 0;
      if (nodes === 0) return fail(`${at}.feature must be a non-empty array.`);
      const feature = integers(tree.feature, `${at}.feature`, nodes);
      const left = integers(tree.left, `${at}.left`, nodes);
      const right = integers(tree.right, `${at}.right`, nodes);
      const threshold = finiteList(tree.threshold, `${at}.threshold`, nodes);
      const values = finiteList(tree.value, `${at}.value`, nodes);
      // Children come after their parent: every walk from the root ends at a leaf.
      for (let node = 0; node < nodes; node++) {
        if (feature[node] === -1) continue;
        if (feature[node] < 0 || feature[node] >= inputs) fail(`${at}.feature[${node}] is ${feature[node]}; the model reads ${inputs} columns (−1 marks a leaf).`);
        for (const [name, child] of [['left', left[node]], ['right', right[node]]] as const) {
          if (!(child > node && child < nodes)) fail(`${at}.${name}[${node}] is ${child}; a child is a later node of the tree.`);
        }
      }
      return { feature, threshold, left, right, value: values };
    });
    return { kind: 'forest', trees };
  }
  if (entry.kind === 'net') {
    const sizes = Array.isArray(entry.sizes) ? integers(entry.sizes, `${where}.sizes`, entry.sizes.length) : fail(`${where}.sizes must be an array.`);
    if (sizes.length < 2 || sizes[0] !== inputs || sizes[sizes.length - 1] !== 1 || sizes.some((s) => s < 1 && s !== inputs)) {
      fail(`${where}.sizes is ${JSON.stringify(sizes)}; it starts with the ${inputs} columns the model reads and ends with 1 output.`);
    }
    let count = 0;
    for (let l = 1; l < sizes.length; l++) count += sizes[l - 1] * sizes[l] + sizes[l];
    const targetObject = entry.target;
    if (typeof targetObject !== 'object' || targetObject === null) return fail(`${where}.target must be a JSON object.`);
    const [mean, scale] = finiteList([(targetObject as Record<string, unknown>).mean, (targetObject as Record<string, unknown>).scale], `${where}.target (mean, scale)`);
    if (!(scale > 0)) fail(`${where}.target.scale must be positive.`);
    return {
      kind: 'net',
      sizes,
      mean: finiteList(entry.mean, `${where}.mean`, inputs),
      inverseScale: finiteList(entry.inverseScale, `${where}.inverseScale`, inputs),
      parameters: finiteList(entry.parameters, `${where}.parameters`, count),
      target: { mean, scale },
    };
  }
  return fail(`${where}.kind is ${JSON.stringify(entry.kind)}; use "forest", "net" or "constant".`);
}
