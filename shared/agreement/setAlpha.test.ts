import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSetAlpha, masiDistance } from './setAlpha.ts';

// Written by nltk (tests/fixtures/reference/masi-alpha.py), not by this code.
const reference = JSON.parse(readFileSync(new URL('../../tests/fixtures/reference/masi-alpha.json', import.meta.url), 'utf8')) as {
  masi: Array<[string[], string[], number]>;
  cases: Array<{ name: string; ratings: Array<[string, string, string[]]>; alpha: number }>;
};

describe('agreement over label sets (MASI, Krippendorff\'s alpha), against nltk', () => {
  it('gives every MASI distance nltk gives', () => {
    for (const [a, b, d] of reference.masi) expect(masiDistance(new Set(a), new Set(b)), `${a} vs ${b}`).toBeCloseTo(d, 12);
  });

  it('gives every alpha nltk gives, for two to five coders, one to four labels, with ratings missing', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(4);
    for (const c of reference.cases) {
      const alpha = computeSetAlpha(c.ratings.map(([coder, item, labels]) => ({ coder, item, labels })));
      expect(alpha, c.name).not.toBeNull();
      expect(Math.abs(alpha! - c.alpha), c.name).toBeLessThan(1e-12);
    }
  });

  it('reads a set whatever the order of its labels, and handles the degenerate cases', () => {
    const ratings = [
      { coder: 'a', item: '1', labels: ['ERROR', 'UNAVAIL'] },
      { coder: 'b', item: '1', labels: ['UNAVAIL', 'ERROR'] },
      { coder: 'a', item: '2', labels: ['LATENCY'] },
      { coder: 'b', item: '2', labels: ['DEPLOY'] },
    ];
    const reversed = ratings.map((r) => ({ ...r, labels: [...r.labels].reverse() }));
    expect(computeSetAlpha(reversed)).toBe(computeSetAlpha(ratings));
    expect(computeSetAlpha([])).toBeNull();
    expect(computeSetAlpha([{ coder: 'a', item: '1', labels: ['X'] }, { coder: 'b', item: '1', labels: ['X'] }])).toBe(1);
    expect(() => computeSetAlpha([{ coder: 'a', item: '1', labels: [] }])).toThrow(/empty label set/);
  });
});
