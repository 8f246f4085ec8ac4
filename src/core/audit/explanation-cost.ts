/**
 * How long the explanation metrics of an audit (SPEC §9) are expected to take, against the rest of it (issue 12):
 * known before the long work from the model class, the test rows, the groups and the inputs, so that a model whose
 * explanations would dwarf the audit is confirmed in the editor and announced on the CLI. Every test row is
 * explained by h0 and by h as every group: testRows × (groups + 1) explanations, each costing what its method does.
 * The constants are measured, not derived: the message calls the figure an estimate.
 */
import type { AuditDataset } from '../data/dataset';
import type { AttributionMethod } from '../learn/explain/explanations';
import { FOREST_VISIT_LIMIT } from '../learn/explain/model-attribution';
import type { ModelClass } from '../learn/model-class';
import type { Technique } from '../learn/technique';
import { type AuditSize, durationText, expectedAuditSeconds } from './expected-duration';
import { METRICS } from './metrics';
import { type AuditOptions, DEFAULT_OPTIONS } from './options';

/**
 * Seconds per (test row × model × input) of the exact linear attributions and of the net's Integrated Gradients;
 * seconds per tree node walked by TreeSHAP. Measured as the CPU time of `runAudit` with and without explanations
 * (B = 200, 1hot) on synthetic data of 2,000–8,000 rows, 10–300 features and 4–16 groups, on this project's 2-core
 * machine while other CPU-bound jobs ran (wall time was 2–6 times the CPU time then): net 1.0–1.1 µs (1,200 rows
 * × 7 models × 306 inputs in 2.65 s; 1,600 × 17 × 56 in 1.64 s; 2.5 µs on the smallest, 800 × 9 × 28 in 0.51 s);
 * linear 0.08 µs (1,600 × 17 × 56 in 0.12 s); forest 40–47 ns a node (400 rows × 5 models × 4,800 nodes in
 * 0.38 s; 1,600 × 9 × 9,600 in 6.5 s).
 */
export const SECONDS_PER_LINEAR_INPUT = 1e-7;
export const SECONDS_PER_NET_INPUT = 1.1e-6;
export const SECONDS_PER_TREE_NODE = 4e-8;

/**
 * Tree nodes TreeSHAP walks per row and tree, per √(training rows): the engine's trees (depth ≤ 20, leaves of
 * ≥ 2 rows) walked 23, 48 and 85–96 nodes a row on 400, 1,600 and 6,400 training rows with 10–100 features
 * (the walk follows the leaves reachable by some mix of the row and the baseline, which grows as the tree's
 * depth does, not as its size).
 */
export const TREE_NODES_PER_SQRT_TRAIN_ROW = 1.2;

/** Trees of the engine's forests (learn/forest FOREST_DEFAULTS.trees). */
const FOREST_TREES = 100;

/** Explanations cheaper than this are never asked about, however small the rest of the audit. */
export const ASK_SECONDS = 10;
/** Explanations are asked about when they would take this many times the rest of the audit. */
export const ASK_FACTOR = 3;

/** What decides the cost of the explanations, before anything is fitted. */
export interface ExplanationSize {
  readonly method: AttributionMethod;
  readonly testRows: number;
  readonly trainRows: number;
  /** Intersectional groups: h is explained as each of them, h0 once. */
  readonly groups: number;
  /** The inputs a model sees (design columns, and the group columns for 1hot / all). */
  readonly inputs: number;
}

/**
 * The expected seconds of the explanations: testRows × (groups + 1) × the cost of one explanation, which is
 * inputs × SECONDS_PER_LINEAR_INPUT (linear), inputs × SECONDS_PER_NET_INPUT (net), or 100 trees ×
 * TREE_NODES_PER_SQRT_TRAIN_ROW × √trainRows × SECONDS_PER_TREE_NODE (forest). Occlusion (model files) is not
 * estimated here: its cost is the model's, unknown before the file is loaded (MODEL_FILE_EVALUATION_LIMIT caps it).
 *
 * @example explanationSeconds({ method: 'tree-shap', testRows: 2000, trainRows: 8000, groups: 9, inputs: 30 });
 * // => 8.59 (2,000 × 10 explanations × 100 trees × 107.3 nodes × 40 ns)
 */
export function explanationSeconds(size: ExplanationSize): number {
  const explanations = size.testRows * (size.groups + 1);
  switch (size.method) {
    case 'linear-exact':
      return explanations * size.inputs * SECONDS_PER_LINEAR_INPUT;
    case 'integrated-gradients':
      return explanations * size.inputs * SECONDS_PER_NET_INPUT;
    case 'tree-shap':
      return explanations * treeNodesPerRow(size.trainRows) * SECONDS_PER_TREE_NODE;
    case 'occlusion':
      return 0;
  }
}

/** Tree nodes TreeSHAP is expected to walk for one row through a whole forest. */
export function treeNodesPerRow(trainRows: number): number {
  return FOREST_TREES * TREE_NODES_PER_SQRT_TRAIN_ROW * Math.sqrt(trainRows);
}

/** The two figures the decision compares, in seconds. */
export interface ExplanationCost {
  readonly explanationSeconds: number;
  /** The rest of the audit (expected-duration.ts: reading, fits and the bootstrap). */
  readonly restSeconds: number;
}

/**
 * The explanations' and the rest's expected seconds. A forest whose walk would pass FOREST_VISIT_LIMIT costs
 * nothing: the engine skips its explanations (and says so) after measuring the walk on a few rows.
 */
export function explanationCost(size: ExplanationSize, audit: AuditSize): ExplanationCost {
  const skipped = size.method === 'tree-shap' && size.testRows * (size.groups + 1) * treeNodesPerRow(size.trainRows) > FOREST_VISIT_LIMIT;
  return { explanationSeconds: skipped ? 0 : explanationSeconds(size), restSeconds: expectedAuditSeconds(audit) };
}

/**
 * Whether to ask before explaining (editor) or say how long it takes (CLI): the explanations take more than
 * ASK_FACTOR times the rest of the audit and more than ASK_SECONDS.
 *
 * @example explanationsNeedNotice({ explanationSeconds: 40, restSeconds: 12 }); // => true
 */
export function explanationsNeedNotice(cost: ExplanationCost): boolean {
  return cost.explanationSeconds > ASK_SECONDS && cost.explanationSeconds > ASK_FACTOR * cost.restSeconds;
}

/**
 * The method, the inputs and the rows an audit of `dataset` with these options explains, or null when it
 * explains nothing (explanations off). The split and the encoding are not computed: the test rows are the split
 * column's or testSize of the rows, the inputs one per numeric feature and one per categorical level (as the
 * encoder makes them) plus, for 1hot and all, one per group.
 */
export function explanationSizeOf(
  dataset: AuditDataset,
  options: { readonly modelClass: ModelClass; readonly technique: Technique; readonly testSize: number; readonly explanations: boolean },
  groups: number,
): ExplanationSize | null {
  if (!options.explanations) return null;
  let testRows = Math.round(dataset.rows * options.testSize);
  if (dataset.splitIsTest) testRows = dataset.splitIsTest.reduce((n, isTest) => n + isTest, 0);
  let inputs = options.technique === 'dcp' ? 0 : groups;
  for (const feature of dataset.features) {
    inputs += feature.kind === 'numeric' ? 1 : new Set(feature.values).size;
  }
  return { method: METHOD_OF_CLASS[options.modelClass], testRows, trainRows: dataset.rows - testRows, groups, inputs };
}

const METHOD_OF_CLASS: Readonly<Record<ModelClass, AttributionMethod>> = { lr: 'linear-exact', nn: 'integrated-gradients', rf: 'tree-shap' };

const METHOD_WORDS: Readonly<Record<AttributionMethod, string>> = {
  'linear-exact': 'exact linear attributions',
  'integrated-gradients': 'Integrated Gradients',
  'tree-shap': 'TreeSHAP',
  occlusion: 'occlusion',
};

/**
 * What the explanations cost, in words, against the rest of the audit.
 *
 * @example explanationCostText({ method: 'tree-shap', testRows: 2000, trainRows: 8000, groups: 9, inputs: 30 }, { explanationSeconds: 17.2, restSeconds: 3.1 })
 * // => 'explanations will take about 20 s (TreeSHAP on 2,000 test rows × 10 models; the rest of the audit about 5 s)'
 */
export function explanationCostText(size: ExplanationSize, cost: ExplanationCost): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    `explanations will take about ${durationText(cost.explanationSeconds)} (${METHOD_WORDS[size.method]} on ${count(size.testRows)} test rows × ${count(size.groups + 1)} models; ` +
    `the rest of the audit about ${durationText(cost.restSeconds)})`
  );
}

/** The notice for an audit whose explanations dwarf the rest, with what the editor's question needs. */
export interface ExplanationNotice {
  /** The estimate in words (explanationCostText), as the editor's question says it. */
  readonly estimate: string;
  /** One line, as the CLI prints it after "fairuse: ": the estimate and, when it can, how to skip them. */
  readonly message: string;
  /** The explanations' expected duration in words ("3 min"). */
  readonly expected: string;
  /** False when the deciding metric is an explanation metric: skipping them is no option. */
  readonly canSkip: boolean;
}

/**
 * The explanation notice of an audit of `dataset` with `options` (the run's, before defaults), or undefined when the
 * explanations are off or not worth a word (explanationsNeedNotice).
 *
 * @param groups the intersectional groups of the dataset
 */
export function explanationNotice(dataset: AuditDataset, options: Partial<AuditOptions>, groups: number): ExplanationNotice | undefined {
  const resolved = { ...DEFAULT_OPTIONS, ...options };
  const size = explanationSizeOf(dataset, resolved, groups);
  if (!size) return undefined;
  const cost = explanationCost(size, { rows: dataset.rows, groups, resamples: resolved.bootstrap });
  if (!explanationsNeedNotice(cost)) return undefined;
  const canSkip = !METRICS[resolved.metric].explanation;
  const estimate = explanationCostText(size, cost);
  return { estimate, message: canSkip ? `${estimate}; --no-explanations skips them` : estimate, expected: durationText(cost.explanationSeconds), canSkip };
}
