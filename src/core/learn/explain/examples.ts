/**
 * A row-level view of the explanations (SPEC §9, for the report's row view): for the first test row of every
 * group, its top inputs by |a_j| under h0 and under h as its own group, with both predictions.
 */

/** The most inputs an example lists per model. */
export const EXAMPLE_INPUTS = 8;

export interface InputAttribution {
  /** The input's name: a design column (`age`, `color=red`) or a group dummy (`Sex=Female`). */
  readonly input: string;
  readonly attribution: number;
}

export interface ExplainedModelRow {
  /** The model's prediction for the row: P(y = 1), or the predicted value in regression. */
  readonly prediction: number;
  /** Up to EXAMPLE_INPUTS inputs by decreasing |a_j| (equal magnitudes in column order). */
  readonly top: readonly InputAttribution[];
}

export interface ExplainedRow {
  readonly group: string;
  /** The row in the dataset (0-based, among the rows the audit kept) and its place among the test rows. */
  readonly row: number;
  readonly testRow: number;
  readonly h0: ExplainedModelRow;
  readonly h: ExplainedModelRow;
}

/** One model's attributions of one test row, with the inputs' names. */
export interface AttributedRow {
  readonly prediction: number;
  readonly names: readonly string[];
  readonly attributions: ArrayLike<number>;
}

/**
 * The examples: per group (in `groupIds` order) its first test row, explained by h0 and by h(·, own group).
 *
 * @param groupOfTestRow the group of each test row
 * @param rowOfTestRow the dataset row of each test row
 */
export function explainedExamples(
  groupIds: readonly string[],
  groupOfTestRow: ArrayLike<number>,
  rowOfTestRow: ArrayLike<number>,
  h0: (testRow: number) => AttributedRow,
  h: (testRow: number, group: number) => AttributedRow,
): ExplainedRow[] {
  const out: ExplainedRow[] = [];
  groupIds.forEach((group, g) => {
    let testRow = -1;
    for (let r = 0; r < groupOfTestRow.length && testRow < 0; r++) if (groupOfTestRow[r] === g) testRow = r;
    if (testRow < 0) return;
    out.push({ group, row: rowOfTestRow[testRow], testRow, h0: modelRow(h0(testRow)), h: modelRow(h(testRow, g)) });
  });
  return out;
}

function modelRow({ prediction, names, attributions }: AttributedRow): ExplainedModelRow {
  const order = Array.from({ length: attributions.length }, (_, j) => j).sort((a, b) => Math.abs(attributions[b]) - Math.abs(attributions[a]) || a - b);
  return { prediction, top: order.slice(0, EXAMPLE_INPUTS).map((j) => ({ input: names[j], attribution: attributions[j] })) };
}
