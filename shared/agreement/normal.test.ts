import { describe, expect, it } from 'vitest';
import { erfc, twoSidedNormalP } from './normal.ts';

describe('erfc', () => {
  // Reference values: glibc's erfc (Python math.erfc), correct to about one ulp.
  const cases: Array<[number, number]> = [
    [0, 1],
    [0.5, 0.4795001221869534],
    [1, 0.15729920705028513],
    [1.9, 0.0072095707647425325],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [10, 2.088487583762545e-45],
    [-1, 1.8427007929497148],
  ];
  it.each(cases)('erfc(%d)', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it('is continuous where the two methods meet', () => {
    const below = erfc(2 - 1e-12);
    const above = erfc(2);
    expect(Math.abs(below - above) / above).toBeLessThan(1e-9);
  });

  it('gives two-sided normal p-values', () => {
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(0)).toBe(1);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 14);
  });
});
