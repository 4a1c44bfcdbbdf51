/** Ratings of one item by one coder; null is a missing rating. */
export type Rating = string | null;

/**
 * The two coders' ratings on the items both rated, as a square table over the declared categories
 * (rows = first coder). Labels compare as exact strings. A label outside the declared set is an error:
 * silently dropping it would change every statistic.
 */
export interface PairTable {
  categories: string[];
  counts: number[][];
  n: number;
}

export function buildPairTable(first: readonly Rating[], second: readonly Rating[], categories: readonly string[]): PairTable {
  if (first.length !== second.length) {
    throw new Error(`The two coders rated different numbers of items (${first.length} and ${second.length}).`);
  }
  const index = new Map<string, number>();
  categories.forEach((c, i) => {
    if (!index.has(c)) index.set(c, i);
  });
  const k = categories.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let n = 0;
  for (let item = 0; item < first.length; item++) {
    const a = first[item];
    const b = second[item];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined) throw new Error(`Item ${item + 1}: label "${a}" is not a declared category.`);
    if (j === undefined) throw new Error(`Item ${item + 1}: label "${b}" is not a declared category.`);
    counts[i]![j]! += 1;
    n += 1;
  }
  return { categories: [...categories], counts, n };
}

export function rowMarginals(table: PairTable): number[] {
  return table.counts.map((row) => row.reduce((s, v) => s + v, 0) / table.n);
}

export function columnMarginals(table: PairTable): number[] {
  const k = table.categories.length;
  const out = new Array<number>(k).fill(0);
  for (const row of table.counts) row.forEach((v, j) => (out[j]! += v));
  return out.map((v) => v / table.n);
}
