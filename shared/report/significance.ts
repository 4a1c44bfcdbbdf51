import { twoSidedNormalP } from '../agreement/normal.ts';
import { chiSquareSurvival } from './gamma.ts';

/**
 * Tests of a difference between two cohorts, as scipy computes them, so a study's p-values can be checked against
 * the usual tools: `scipy.stats.mannwhitneyu(x, y, method='asymptotic', use_continuity=True)` for times and
 * `scipy.stats.chi2_contingency(table, correction=True)` for rates.
 */

export interface MannWhitneyResult {
  test: 'Mann–Whitney U';
  /** U of the first sample (scipy's `statistic`). */
  u1: number;
  /** The normal approximation's z, with the tie and continuity corrections. */
  z: number;
  /** Two-sided. */
  p: number;
  n1: number;
  n2: number;
}

/** Mid-ranks (ties share their mean rank) of the two samples pooled; returns the first sample's rank sum and the tie term Σ(t³ − t). */
function rankSumAndTies(x: readonly number[], y: readonly number[]): { r1: number; ties: number } {
  const pooled: Array<[number, 0 | 1]> = [];
  for (const v of x) pooled.push([v, 0]);
  for (const v of y) pooled.push([v, 1]);
  pooled.sort((a, b) => a[0] - b[0]);
  let r1 = 0;
  let ties = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i + 1;
    while (j < pooled.length && pooled[j]![0] === pooled[i]![0]) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1 … j
    for (let k = i; k < j; k++) if (pooled[k]![1] === 0) r1 += rank;
    const t = j - i;
    ties += t * t * t - t;
    i = j;
  }
  return { r1, ties };
}

/** Null where either sample is empty or holds a value that is not a finite number. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult | null {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0 || ![...x, ...y].every(Number.isFinite)) return null;
  const { r1, ties } = rankSumAndTies(x, y);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  const u = Math.max(u1, u2);
  // scipy: z = (U - mu - 0.5) / sigma for the larger U, two-sided p = 2·sf(z), at most 1. All values tied: sigma 0, p 1.
  // (2·sf(z) of a z at or below 0 is 1 or more, so p is 1 there.)
  const z = sigma === 0 ? 0 : (u - mu - 0.5) / sigma;
  const p = z <= 0 ? 1 : Math.min(1, twoSidedNormalP(z));
  return { test: 'Mann–Whitney U', u1, z, p, n1, n2 };
}

export interface ChiSquareResult {
  test: 'chi-square';
  statistic: number;
  dof: number;
  p: number;
  expected: number[][];
  /** Yates' continuity correction was applied (a 2×2 table, as scipy does). */
  yates: boolean;
}

/**
 * Pearson's chi-square test of independence on a table of counts. Rows or columns that are all zero are dropped first
 * (they carry no information and would divide by zero). Null when fewer than two rows or columns remain.
 */
export function chiSquareIndependence(table: ReadonlyArray<ReadonlyArray<number>>): ChiSquareResult | null {
  const keptRows = table.filter((row) => row.some((v) => v > 0));
  const columnKept = (keptRows[0] ?? []).map((_, j) => keptRows.some((row) => row[j]! > 0));
  const observed = keptRows.map((row) => row.filter((_, j) => columnKept[j]));
  const rows = observed.length;
  const columns = observed[0]?.length ?? 0;
  if (rows < 2 || columns < 2) return null;
  const rowTotals = observed.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = observed[0]!.map((_, j) => observed.reduce((s, row) => s + row[j]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  const expected = rowTotals.map((r) => columnTotals.map((c) => (r * c) / total));
  const dof = (rows - 1) * (columns - 1);
  const yates = dof === 1;
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const e = expected[i]![j]!;
      let diff = observed[i]![j]! - e;
      // Yates: move each observed count half a unit toward its expectation, never past it.
      if (yates) diff = Math.sign(diff) * Math.max(0, Math.abs(diff) - Math.min(0.5, Math.abs(diff)));
      statistic += (diff * diff) / e;
    }
  }
  return { test: 'chi-square', statistic, dof, p: chiSquareSurvival(statistic, dof), expected, yates };
}
