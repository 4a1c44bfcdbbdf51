import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { chiSquareIndependence, mannWhitneyU } from './significance.ts';
import { summarizeDurations } from './durations.ts';
import { chiSquareSurvival, logGamma } from './gamma.ts';

interface Reference {
  mannWhitneyU: Array<{ source: string; x: number[]; y: number[]; u1: number; p: number }>;
  chiSquare: Array<{ source: string; table: number[][]; statistic: number; dof: number; p: number; expected: number[][] }>;
  quantiles: Array<{ values: number[]; q1: number; median: number; q3: number; mean: number }>;
}
// Written by scipy 1.17 and numpy 2.4 (tests/fixtures/reference/cohort-tests.py).
const reference = JSON.parse(readFileSync(new URL('../../tests/fixtures/reference/cohort-tests.json', import.meta.url), 'utf8')) as Reference;
const close = (actual: number, expected: number, relative = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1e-300, Math.abs(expected)) + 1e-15);

describe('Mann–Whitney U against scipy.stats.mannwhitneyu (asymptotic, continuity-corrected)', () => {
  for (const c of reference.mannWhitneyU) {
    it(c.source, () => {
      const result = mannWhitneyU(c.x, c.y)!;
      expect(result.u1).toBe(c.u1);
      close(result.p, c.p);
    });
  }
  it('the published example, worked by hand: U1 = 17, z = (17 − 10 − ½)/√(50/3)', () => {
    const result = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12])!;
    // Ranks of the males among the nine ages: 16→3, 19→5, 22→7, 24→8, 29→9; R1 = 32, U1 = 32 − 15.
    expect(result.u1).toBe(17);
    close(result.z, 6.5 / Math.sqrt((5 * 4 * 10) / 12));
  });
  it('every value tied: no spread, p = 1', () => {
    const result = mannWhitneyU([4, 4, 4], [4, 4])!;
    expect(result.u1).toBe(3);
    expect(result.p).toBe(1);
  });
  it('is undefined for an empty sample', () => {
    expect(mannWhitneyU([], [1, 2])).toBeNull();
  });
});

describe('chi-square test of independence against scipy.stats.chi2_contingency', () => {
  for (const c of reference.chiSquare) {
    it(c.source, () => {
      const result = chiSquareIndependence(c.table)!;
      expect(result.dof).toBe(c.dof);
      close(result.statistic, c.statistic);
      close(result.p, c.p, 1e-8);
      result.expected.forEach((row, i) => row.forEach((e, j) => close(e, c.expected[i]![j]!)));
    });
  }
  it("Yates' correction moves a count by at most its distance to the expectation", () => {
    // Expected counts 10.2 / 9.8 around observed 10 / 10: |O − E| = 0.2 < 0.5, so each difference becomes 0.
    expect(chiSquareIndependence([[10, 10], [41, 39]])!.statistic).toBe(0);
  });
  it('drops empty rows and columns, and needs two of each', () => {
    expect(chiSquareIndependence([[3, 0, 4], [0, 0, 0], [5, 0, 1]])!.dof).toBe(1);
    expect(chiSquareIndependence([[3, 4], [0, 0]])).toBeNull();
  });
  it('chi-square tails and ln Γ at values known in closed form', () => {
    close(chiSquareSurvival(2, 2), Math.exp(-1), 1e-13); // sf of chi2(2) is exp(-x/2)
    close(chiSquareSurvival(40, 2), Math.exp(-20), 1e-12);
    close(logGamma(5), Math.log(24), 1e-13);
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13);
  });
});

describe('duration summaries against numpy.quantile (linear)', () => {
  for (const c of reference.quantiles) {
    it(`${c.values.length} values`, () => {
      const s = summarizeDurations(c.values)!;
      close(s.q1, c.q1, 1e-12);
      close(s.median, c.median, 1e-12);
      close(s.q3, c.q3, 1e-12);
      close(s.mean, c.mean, 1e-12);
      expect(s.n).toBe(c.values.length);
    });
  }
});
