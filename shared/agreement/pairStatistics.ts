import { computeCohenKappaFromTable, type CohenKappaResult } from './cohen.ts';
import { buildPairTable, columnMarginals, rowMarginals, type PairTable, type Rating } from './contingency.ts';

/**
 * Every two-coder statistic over the items both coded, from one contingency table over the declared
 * categories. Each 0/0 is null. Field meanings follow tests/fixtures/reference/agreement-cases.public.json.
 */
export interface PairAgreement extends CohenKappaResult {
  scottPi: number | null;
  scottPiExpectedAgreement: number | null;
  krippendorffAlphaNominal: number | null;
  gwetAc1: number | null;
  gwetAc1Se: number | null;
  gwetAc1ExpectedAgreement: number | null;
  /** AC1 with Q = the number of categories the two coders actually used. */
  gwetAc1QObserved: number | null;
  pabak: number | null;
  bennettS: number | null;
  /** One-vs-rest Cohen's kappa per declared category (null when neither coder or both always use it). */
  perCategoryKappa: Record<string, number | null>;
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** Scott's pi: chance agreement from the pooled marginals. */
export function scottPi(po: number, row: number[], col: number[]): { pi: number | null; pe: number } {
  let pe = 0;
  for (let k = 0; k < row.length; k++) pe += ((row[k]! + col[k]!) / 2) ** 2;
  return { pi: pe === 1 ? null : (po - pe) / (1 - pe), pe };
}

/** Krippendorff's alpha (nominal) of two coders with no missing values, from the coincidence matrix. */
export function krippendorffAlphaPair(table: PairTable): number | null {
  const { counts, n } = table;
  const N = 2 * n;
  if (N < 2) return null;
  let disagreements = 0;
  let sumSquares = 0;
  for (let i = 0; i < counts.length; i++) {
    let nc = 0;
    for (let j = 0; j < counts.length; j++) {
      if (i !== j) disagreements += counts[i]![j]!;
      nc += counts[i]![j]! + counts[j]![i]!;
    }
    sumSquares += nc * nc;
  }
  const expected = N * N - sumSquares;
  if (expected === 0) return null;
  return 1 - ((disagreements / n) * N * (N - 1)) / expected;
}

/**
 * Gwet's AC1 for two coders (Gwet 2008) with its variance as irrCAC's gwet.ac1.table computes it (no
 * finite-population correction), over Q categories.
 */
export function gwetAc1Pair(table: PairTable, q: number): { ac1: number | null; se: number | null; pe: number | null } {
  const { counts, n } = table;
  if (n === 0 || q < 2) return { ac1: null, se: null, pe: null };
  const row = rowMarginals(table);
  const col = columnMarginals(table);
  const pi = row.map((r, k) => (r + col[k]!) / 2);
  let pa = 0;
  let peSum = 0;
  for (let k = 0; k < counts.length; k++) {
    pa += counts[k]![k]! / n;
    peSum += pi[k]! * (1 - pi[k]!);
  }
  const pe = peSum / (q - 1);
  if (pe === 1) return { ac1: null, se: null, pe };
  const ac1 = (pa - pe) / (1 - pe);
  let sum1 = 0;
  for (let k = 0; k < counts.length; k++) {
    for (let l = 0; l < counts.length; l++) {
      const w = k === l ? 1 : 0;
      sum1 += (counts[k]![l]! / n) * (w - (2 * (1 - ac1) * (1 - (pi[k]! + pi[l]!) / 2)) / (q - 1)) ** 2;
    }
  }
  const variance = (sum1 - (pa - 2 * (1 - ac1) * pe) ** 2) / (n * (1 - pe) ** 2);
  return { ac1, se: Math.sqrt(Math.max(variance, 0)), pe };
}

export function computePairAgreement(first: readonly Rating[], second: readonly Rating[], categories: readonly string[]): PairAgreement {
  const table = buildPairTable(first, second, categories);
  const cohen = computeCohenKappaFromTable(table);
  const k = categories.length;
  // One-vs-rest kappa per category, from the K×K table's cells and margins (no second pass over the items).
  // Categories are codes from the user's codebook ("constructor" is a fine code): no prototype to collide with.
  const perCategoryKappa = Object.create(null) as Record<string, number | null>;
  categories.forEach((c, i) => {
    if (Object.hasOwn(perCategoryKappa, c)) return;
    const both = table.counts[i]![i]!;
    const rowI = table.counts[i]!.reduce((sum, v) => sum + v, 0);
    const colI = table.counts.reduce((sum, r) => sum + r[i]!, 0);
    const binary = { categories: ['1', '0'], n: table.n, counts: [[both, rowI - both], [colI - both, table.n - rowI - colI + both]] };
    perCategoryKappa[c] = computeCohenKappaFromTable(binary).kappa;
  });
  if (table.n === 0) {
    return {
      ...cohen,
      scottPi: null,
      scottPiExpectedAgreement: null,
      krippendorffAlphaNominal: null,
      gwetAc1: null,
      gwetAc1Se: null,
      gwetAc1ExpectedAgreement: null,
      gwetAc1QObserved: null,
      pabak: null,
      bennettS: null,
      perCategoryKappa,
    };
  }
  const po = cohen.observedAgreement!;
  const row = rowMarginals(table);
  const col = columnMarginals(table);
  const scott = scottPi(po, row, col);
  const gwet = gwetAc1Pair(table, k);
  const used = row.filter((r, i) => r > 0 || col[i]! > 0).length;
  return {
    ...cohen,
    scottPi: scott.pi,
    scottPiExpectedAgreement: scott.pe,
    krippendorffAlphaNominal: krippendorffAlphaPair(table),
    gwetAc1: gwet.ac1,
    gwetAc1Se: gwet.se,
    gwetAc1ExpectedAgreement: gwet.pe,
    gwetAc1QObserved: gwetAc1Pair(table, used).ac1,
    pabak: 2 * po - 1,
    bennettS: ratio(k * po - 1, k - 1),
    perCategoryKappa,
  };
}
