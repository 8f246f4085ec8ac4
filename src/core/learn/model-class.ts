/** The model classes of h0 and h (paper 1, Appendix G), as names only: views import this, not the learners. */
export type ModelClass = 'lr' | 'rf' | 'nn';
export const MODEL_CLASSES: readonly ModelClass[] = ['lr', 'rf', 'nn'];

export const MODEL_CLASS_NAMES: Readonly<Record<ModelClass, string>> = {
  lr: 'logistic regression',
  rf: 'random forest (100 trees, depth ≤ 20)',
  nn: 'neural net (5, 2) with Platt scaling',
};

/** The same classes fitted to a numeric label (regression). */
export const REGRESSOR_CLASS_NAMES: Readonly<Record<ModelClass, string>> = {
  lr: 'ridge regression',
  rf: 'random forest regressor (100 trees, depth ≤ 20)',
  nn: 'neural net (5, 2), squared loss',
};
