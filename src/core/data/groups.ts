import { bucketRange } from './buckets';
import type { Dataset } from './dataset';

/** One intersectional group: a tuple of the k attribute values (SPEC §1). */
export interface Group {
  /** `Attr=value` joined by `, `, in the order of the group attributes (SPEC §8). */
  readonly id: string;
  readonly values: Readonly<Record<string, string>>;
  /** The values in attribute order. */
  readonly tuple: readonly string[];
}

export interface GroupIndex {
  readonly groups: readonly Group[];
  /** groupOfRow[i] = index into `groups` of row i. */
  readonly groupOfRow: Int32Array;
  /** levels[a] = the values attribute a takes, sorted (`valueOrder`: bucket ranges in numeric order). */
  readonly levels: ReadonlyArray<readonly string[]>;
}

/** Numbers compare as numbers, everything else by code point, so the order is the same in every locale. */
export function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How one attribute's values are ordered: when every value is a bucket label or a number ("<25", "25-30", "30+";
 * see `bucketRange`), by the range it stands for, so buckets come out in numeric order rather than as text
 * ("25-30", "30+", "<25"); otherwise by `compareValues`.
 */
export function valueOrder(values: Iterable<string>): (a: string, b: string) => number {
  const rangeOf = new Map<string, readonly [number, number]>();
  for (const value of values) {
    const range = bucketRange(value);
    if (range === undefined) return compareValues;
    rangeOf.set(value, range);
  }
  const compareNumbers = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) => {
    const [aLow, aHigh] = rangeOf.get(a) as readonly [number, number];
    const [bLow, bHigh] = rangeOf.get(b) as readonly [number, number];
    return compareNumbers(aLow, bLow) || compareNumbers(aHigh, bHigh) || compareValues(a, b);
  };
}

export function groupId(attributes: readonly string[], tuple: readonly string[]): string {
  return attributes.map((a, i) => `${a}=${tuple[i]}`).join(', ');
}

/**
 * The intersectional groups seen in the data, ordered by their value tuples (attribute by attribute, each in its
 * `valueOrder`), and the group of every row.
 */
export function indexGroups(dataset: Pick<Dataset, 'rows' | 'groupAttributes' | 'groupValues'>): GroupIndex {
  const { rows, groupAttributes, groupValues } = dataset;
  const byKey = new Map<string, string[]>();
  const keyOfRow: string[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const tuple = groupValues.map((column) => column[i]);
    const key = JSON.stringify(tuple);
    keyOfRow[i] = key;
    if (!byKey.has(key)) byKey.set(key, tuple);
  }
  const orders = groupAttributes.map((_, k) => valueOrder(new Set([...byKey.values()].map((tuple) => tuple[k]))));
  const tuples = [...byKey.values()].sort((a, b) => {
    for (let k = 0; k < a.length; k++) {
      const c = orders[k](a[k], b[k]);
      if (c !== 0) return c;
    }
    return 0;
  });
  const indexOfKey = new Map(tuples.map((t, g) => [JSON.stringify(t), g]));
  const groupOfRow = new Int32Array(rows);
  for (let i = 0; i < rows; i++) groupOfRow[i] = indexOfKey.get(keyOfRow[i]) as number;
  const groups = tuples.map((tuple) => ({
    id: groupId(groupAttributes, tuple),
    values: Object.fromEntries(groupAttributes.map((a, k) => [a, tuple[k]])),
    tuple,
  }));
  const levels = groupAttributes.map((_, k) => [...new Set(tuples.map((t) => t[k]))].sort(orders[k]));
  return { groups, groupOfRow, levels };
}
