import { SeededRandom } from '../../../src/core/numeric/random';

/**
 * Two group attributes, a numeric feature with missing cells and a categorical one with a missing level; group
 * (s=F, a=old)'s label runs against x, so the techniques differ.
 */
export function syntheticCsv(seed = 5, rows = 480): string {
  const random = new SeededRandom(seed);
  const lines = ['y,s,a,x,color,z'];
  for (let i = 0; i < rows; i++) {
    const s = random.nextFloat() < 0.5 ? 'F' : 'M';
    const a = random.nextFloat() < 0.4 ? 'old' : 'young';
    const x = random.nextFloat() * 4 - 2;
    const color = ['red', 'blue', 'green'][Math.floor(random.nextFloat() * 3)];
    const slope = s === 'F' && a === 'old' ? -2.5 : 2;
    const y = random.nextFloat() < 1 / (1 + Math.exp(-slope * x - (color === 'red' ? 0.5 : 0))) ? 1 : 0;
    const xCell = random.nextFloat() < 0.05 ? '' : x.toFixed(4);
    const colorCell = random.nextFloat() < 0.05 ? 'NA' : color;
    lines.push(`${y},${s},${a},${xCell},${colorCell},${(random.nextFloat() * 10).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}
