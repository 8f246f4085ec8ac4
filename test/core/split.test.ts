import { describe, expect, it } from 'vitest';
import { indexGroups } from '../../src/core/data/groups';
import { stratifiedSplit } from '../../src/core/data/split';

describe('indexGroups', () => {
  it('orders groups by value tuple (numbers numerically) and names them Attr=value joined by ", "', () => {
    const index = indexGroups({
      rows: 5,
      groupAttributes: ['Sex', 'Age'],
      groupValues: [
        ['M', 'F', 'M', 'F', 'F'],
        ['10', '9', '9', '10', '9'],
      ],
    });
    expect(index.groups.map((g) => g.id)).toEqual(['Sex=F, Age=9', 'Sex=F, Age=10', 'Sex=M, Age=9', 'Sex=M, Age=10']);
    expect([...index.groupOfRow]).toEqual([3, 0, 2, 1, 0]);
    expect(index.levels).toEqual([['F', 'M'], ['9', '10']]);
    expect(index.groups[0].values).toEqual({ Sex: 'F', Age: '9' });
  });
});

describe('stratifiedSplit', () => {
  const n = 500;
  const groupOfRow = Int32Array.from({ length: n }, (_, i) => i % 3);
  const label = Uint8Array.from({ length: n }, (_, i) => (i % 7 < 2 ? 1 : 0));

  it('holds out round(testSize · n) of every (group, label) stratum', () => {
    const split = stratifiedSplit(groupOfRow, label, 0.2, 2338);
    for (let g = 0; g < 3; g++) {
      for (const y of [0, 1]) {
        const stratum = [...Array(n).keys()].filter((i) => groupOfRow[i] === g && label[i] === y);
        const inTest = [...split.test].filter((i) => groupOfRow[i] === g && label[i] === y).length;
        expect(inTest).toBe(Math.round(0.2 * stratum.length));
      }
    }
  });

  it('partitions the rows, is deterministic per seed and changes with it', () => {
    const a = stratifiedSplit(groupOfRow, label, 0.2, 2338);
    expect(new Set([...a.train, ...a.test]).size).toBe(n);
    expect(a.train.length + a.test.length).toBe(n);
    expect(stratifiedSplit(groupOfRow, label, 0.2, 2338)).toEqual(a);
    expect(stratifiedSplit(groupOfRow, label, 0.2, 7).test).not.toEqual(a.test);
  });
});

describe('the split does not depend on how values are spelled or sorted (SPEC §1)', () => {
  const n = 300;
  // group codes as indexGroups would give them for two spellings: renaming swaps the sorted order of the groups
  const groupCode = Int32Array.from({ length: n }, (_, i) => (i * 7) % 4);
  const renamed = groupCode.map((g) => 3 - g);
  const label = Uint8Array.from({ length: n }, (_, i) => ((i * 13) % 5 < 2 ? 1 : 0));

  it('gives the same partition when the group codes are permuted', () => {
    expect(stratifiedSplit(renamed, label, 0.2, 2338)).toEqual(stratifiedSplit(groupCode, label, 0.2, 2338));
  });

  it('gives the same partition when the label is flipped (the other value named positive)', () => {
    expect(stratifiedSplit(groupCode, label.map((y) => 1 - y), 0.2, 2338)).toEqual(stratifiedSplit(groupCode, label, 0.2, 2338));
  });
});
