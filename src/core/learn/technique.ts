/** How a personalized model accounts for group membership (SPEC §2, paper 1 §4.1). */
export type Technique = '1hot' | 'all' | 'dcp';

export const TECHNIQUES: readonly Technique[] = ['1hot', 'all', 'dcp'];

export const TECHNIQUE_NAMES: Readonly<Record<Technique, string>> = {
  '1hot': 'one-hot encoding of each attribute',
  all: 'intersectional one-hot encoding',
  dcp: 'decoupled model per group',
};
