/**
 * What the label is (SPEC §1): a binary label makes the audit a classification, a numeric label with more than
 * two values a regression (paper 2). Models, metrics, the split's strata and the SPEC §7 bound follow the task.
 */
export type Task = 'classification' | 'regression';

export const TASKS: readonly Task[] = ['classification', 'regression'];

/** y per row: 0/1 for classification, the label's number for regression. */
export type Labels = Uint8Array | Float64Array;
