import type { GroupIndex } from '../../data/groups';
import { selectRows } from '../../numeric/matrix';
import { type GenericFit, groupDummies, type LinearModel, type PersonalizedModel } from '../models';
import { type AttributedRow, type ExplainedRow, explainedExamples } from './examples';
import type { Labels } from '../../data/task';
import type { ExplanationMatrices } from './explanations';
import { columnMeans, linearExplanationQuality, type RowExplanationQuality } from './linear-explanations';

/**
 * SPEC §9 for the engine's linear models (logistic or ridge): h0 on x with b = the mean of x over all training
 * rows; `1hot` / `all` on x and the group dummies, b the mean of both over the training rows, the dummies set to
 * g′'s for h(·, g′); `dcp` group g′'s own model on x, b the mean over g′'s training rows (over all of them for a
 * group without training rows, whose model is h0).
 *
 * @param generic h0 as fitted, with its training and test designs
 * @param trainRows the dataset rows of generic.xTrain, in order
 */
export function explainLinearFits<Y extends Labels>(
  generic: GenericFit<Y>,
  personalized: PersonalizedModel,
  groups: GroupIndex,
  trainRows: Int32Array,
  fraction: number,
  genericQuality: RowExplanationQuality = explainGenericLinear(generic, fraction),
): ExplanationMatrices {
  const link = generic.learner.predict;
  const featureMeans = columnMeans(generic.xTrain);
  let asGroup: RowExplanationQuality[];
  if (personalized.technique === 'dcp') {
    const baselines = groupBaselines(generic.xTrain, groups, trainRows, featureMeans);
    asGroup = personalized.models.map((model, g) => linearExplanationQuality(model, link, baselines[g], generic.xTest, fraction));
  } else {
    const { baseline, dummiesOf } = dummyBaseline(groups, personalized.technique, trainRows, featureMeans);
    asGroup = groups.groups.map((_, g) => linearExplanationQuality(personalized.model, link, baseline, generic.xTest, fraction, dummiesOf(g)));
  }
  return {
    method: 'linear-exact',
    sufficiency: { generic: genericQuality.sufficiency, asGroup: asGroup.map((q) => q.sufficiency) },
    comprehensiveness: { generic: genericQuality.comprehensiveness, asGroup: asGroup.map((q) => q.comprehensiveness) },
  };
}

/** SPEC §9 for h0 alone: b = the mean of x over the training rows. */
export function explainGenericLinear<Y extends Labels>(generic: GenericFit<Y>, fraction: number): RowExplanationQuality {
  return linearExplanationQuality(generic.model, generic.learner.predict, columnMeans(generic.xTrain), generic.xTest, fraction);
}

/**
 * The row-level examples of the linear models (examples.ts): a_j = w_j (z_j − b_j) with each model's baseline, as
 * explainLinearFits ranks them.
 *
 * @param testRows the dataset rows of generic.xTest, in order
 * @param columnNames the names of x's columns
 */
export function linearExamples<Y extends Labels>(
  generic: GenericFit<Y>,
  personalized: PersonalizedModel,
  groups: GroupIndex,
  trainRows: Int32Array,
  testRows: Int32Array,
  columnNames: readonly string[],
): ExplainedRow[] {
  const x = generic.xTest;
  const p = x.cols;
  const link = generic.learner.predict;
  const featureMeans = columnMeans(generic.xTrain);
  const row = (r: number) => x.data.subarray(r * p, (r + 1) * p);
  const attributed = (model: LinearModel, baseline: Float64Array, z: ArrayLike<number>, names: readonly string[]): AttributedRow => {
    let score = model.intercept;
    const attributions = Float64Array.from(z, (v, j) => {
      score += model.weights[j] * v;
      return model.weights[j] * (v - baseline[j]);
    });
    return { prediction: link(score), names, attributions };
  };
  let h: (r: number, g: number) => AttributedRow;
  if (personalized.technique === 'dcp') {
    const baselines = groupBaselines(generic.xTrain, groups, trainRows, featureMeans);
    h = (r, g) => attributed(personalized.models[g], baselines[g], row(r), columnNames);
  } else {
    const { baseline, dummyNames, dummiesOf } = dummyBaseline(groups, personalized.technique, trainRows, featureMeans);
    const names = [...columnNames, ...dummyNames];
    h = (r, g) => attributed(personalized.model, baseline, Float64Array.of(...row(r), ...dummiesOf(g)), names);
  }
  return explainedExamples(
    groups.groups.map((group) => group.id),
    Int32Array.from(testRows, (row) => groups.groupOfRow[row]),
    testRows,
    (r) => attributed(generic.model, featureMeans, row(r), columnNames),
    h,
  );
}

/** `dcp`: group g's baseline is the mean of x over its training rows (over all of them for a group without any). */
function groupBaselines(xTrain: GenericFit<Labels>['xTrain'], groups: GroupIndex, trainRows: Int32Array, featureMeans: Float64Array): Float64Array[] {
  const rowsOfGroup: number[][] = groups.groups.map(() => []);
  for (let r = 0; r < trainRows.length; r++) rowsOfGroup[groups.groupOfRow[trainRows[r]]].push(r);
  return rowsOfGroup.map((rows) => (rows.length === 0 ? featureMeans : columnMeans(selectRows(xTrain, rows))));
}

/**
 * `1hot` / `all`: the baseline over x and the group dummies (the mean of x, and each dummy's share of the training
 * rows), and the dummies that set a row to group g.
 */
function dummyBaseline(
  groups: GroupIndex,
  technique: Parameters<typeof groupDummies>[1],
  trainRows: Int32Array,
  featureMeans: Float64Array,
): { baseline: Float64Array; dummyNames: readonly string[]; dummiesOf: (g: number) => Float64Array } {
  const { groupColumns, dummyNames } = groupDummies(groups, technique);
  const dummyShares = new Float64Array(dummyNames.length);
  for (let r = 0; r < trainRows.length; r++) for (const column of groupColumns[groups.groupOfRow[trainRows[r]]]) dummyShares[column]++;
  for (let t = 0; t < dummyShares.length; t++) dummyShares[t] /= trainRows.length;
  const dummiesOf = (g: number): Float64Array => {
    const dummies = new Float64Array(dummyNames.length);
    for (const column of groupColumns[g]) dummies[column] = 1;
    return dummies;
  };
  return { baseline: Float64Array.of(...featureMeans, ...dummyShares), dummyNames, dummiesOf };
}
