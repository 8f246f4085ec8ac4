import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../src/core/data/column-profile';
import { parseCsv } from '../../src/core/data/csv';
import { isGroupLikeName, isSplitColumn, isSplitLike, likelyLabel } from '../../src/extension/column-roles';

const profiles = (csv: string) => profileColumns(parseCsv(csv));
const named = (csv: string, name: string) => profiles(csv).find((p) => p.name === name)!;

describe('train/test columns', () => {
  const csv = 'y,sex,split,Fold,usage,note\n0,F,train,TRAIN,train,a\n1,M,test,valid,Test,b\n1,F,train,test,train,c\n';

  it('a column of train and test marks, in any case, is a split the engine can use', () => {
    expect(isSplitColumn(named(csv, 'split'))).toBe(true);
    expect(isSplitColumn(named(csv, 'usage'))).toBe(true);
    expect(isSplitLike(named(csv, 'split'))).toBe(true);
  });

  it('a split-named column with a validation value is not a usable split but is still never a feature', () => {
    expect(isSplitColumn(named(csv, 'Fold'))).toBe(false);
    expect(isSplitLike(named(csv, 'Fold'))).toBe(true);
  });

  it('ordinary binary and text columns are not split columns', () => {
    for (const name of ['y', 'sex', 'note']) {
      expect(isSplitColumn(named(csv, name))).toBe(false);
      expect(isSplitLike(named(csv, name))).toBe(false);
    }
    // "train" alone (one value) cannot split; a name like "set" with other values is data.
    expect(isSplitColumn(named('set,y\ntrain,0\ntrain,1\n', 'set'))).toBe(false);
    expect(isSplitLike(named('set,y\nA,0\nB,1\n', 'set'))).toBe(false);
  });
});

describe('the likely label', () => {
  it('prefers a binary column named like an outcome over a binary group attribute listed first', () => {
    const csv = 'Sex,Smoker,Age,Disease\nMale,1,40,0\nFemale,0,50,1\nMale,1,60,1\n';
    expect(likelyLabel(profiles(csv))?.name).toBe('Disease');
  });

  it('on the bundled heart.csv: Disease, not Sex', () => {
    const csv = 'Disease,Sex,Age,FastingBloodSugar_ge_120,ExerciseAngina\n0,Male,Old,1,0\n1,Female,Young,0,1\n';
    expect(likelyLabel(profiles(csv))?.name).toBe('Disease');
  });

  it('without an outcome name, a binary non-group column at either end of the header', () => {
    // x2 has three values: not binary.
    expect(likelyLabel(profiles('sex,x1,x2,passed\nF,1,3,0\nM,0,4,1\nF,1,5,1\n'))?.name).toBe('passed');
    expect(likelyLabel(profiles('flag,gender,x2\n1,F,3\n0,M,4\n1,F,5\n'))?.name).toBe('flag');
    expect(likelyLabel(profiles('gender,a,b,x\nF,1,0,3\nM,0,1,4\nF,1,1,5\n'))?.name).toBe('a');
  });

  it('never a group attribute or a split column; undefined when nothing else is binary', () => {
    expect(likelyLabel(profiles('sex,split,x\nF,train,1\nM,test,2\nF,train,3\n'))).toBeUndefined();
    expect(likelyLabel(profiles('split,outcome\ntrain,0\ntest,1\n'))?.name).toBe('outcome');
  });

  it('reads group names at word boundaries (Percentage is not age)', () => {
    expect(isGroupLikeName('Age')).toBe(true);
    expect(isGroupLikeName('age_group')).toBe(true);
    expect(isGroupLikeName('patient_sex')).toBe(true);
    expect(isGroupLikeName('Within10PercentageOfTargetMaxHR')).toBe(false);
    expect(isGroupLikeName('Disease')).toBe(false);
  });
});
