/**
 * The benchmark's data files, written to disk in chunks (the large case is 650 MB, more than one string holds).
 * Features ~ N(0, 1) printed with 3 decimals; the label depends on 20 features, on the groups, and on group ×
 * feature interactions, so personalization helps some groups and harms none by construction.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SeededRandom } from '../../src/core/numeric/random';

export interface BenchShape {
  readonly rows: number;
  readonly features: number;
  /** Group attributes: name and levels. The first level of each is the most common. */
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly levels: readonly string[] }>;
}

/** Paper 1's largest data set (`mortality`): 25,366 rows × 468 features, sex × 3 age groups. */
export const PAPER_SHAPE: BenchShape = {
  rows: 25_366,
  features: 468,
  attributes: [
    { name: 'sex', levels: ['female', 'male'] },
    { name: 'age_group', levels: ['<30', '30-60', '60+'] },
  ],
};

/** 4 attributes × 4 levels = 256 intersectional groups, 20,000 rows, 20 features. */
export const MANY_GROUPS_SHAPE: BenchShape = {
  rows: 20_000,
  features: 20,
  attributes: ['a', 'b', 'c', 'd'].map((name) => ({ name, levels: ['0', '1', '2', '3'].map((level) => `${name}${level}`) })),
};

/** The label column's name in every generated file. */
export const LABEL = 'y';

/** Writes the file; returns its size in bytes. */
export function writeBenchCsv(path: string, shape: BenchShape, seed = 2338): number {
  const random = new SeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  const { rows, features, attributes } = shape;
  const beta = Float64Array.from({ length: features }, (_, j) => (j < 20 ? (j % 2 ? 0.5 : -0.4) : 0));
  const fd = openSync(path, 'w');
  let bytes = 0;
  let chunk = `${[LABEL, ...attributes.map((a) => a.name), ...Array.from({ length: features }, (_, j) => `x${j}`)].join(',')}\n`;
  const flush = () => {
    bytes += writeSync(fd, chunk);
    chunk = '';
  };
  const level = new Int32Array(attributes.length);
  const cells = new Array<string>(1 + attributes.length + features);
  try {
    for (let i = 0; i < rows; i++) {
      let logit = -0.8;
      attributes.forEach((attribute, a) => {
        const u = random.nextFloat();
        // level 0 in about 40 % of rows, the rest evenly
        level[a] = u < 0.4 ? 0 : Math.min(attribute.levels.length - 1, 1 + Math.floor(((u - 0.4) / 0.6) * (attribute.levels.length - 1)));
        logit += 0.3 * level[a] - 0.2 * a;
      });
      for (let j = 0; j < features; j++) {
        const x = normal();
        logit += beta[j] * x;
        if (j === 0 && level[0] === attributes[0].levels.length - 1) logit -= 0.9 * x; // one group responds differently to x0
        if (j === 1 && level[0] === 0 && level[attributes.length - 1] === 0) logit += 0.8 * x; // an intersectional interaction
        cells[1 + attributes.length + j] = x.toFixed(3);
      }
      cells[0] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? '1' : '0';
      attributes.forEach((attribute, a) => {
        cells[1 + a] = attribute.levels[level[a]];
      });
      chunk += `${cells.join(',')}\n`;
      if (chunk.length > 1 << 22) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}
