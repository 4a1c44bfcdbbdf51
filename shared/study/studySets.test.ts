import { describe, expect, it } from 'vitest';
import { splitIntoStudySets } from './studySets.ts';

describe('splitIntoStudySets', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `INC-${i}`);

  it('splits 40/20/40 and puts every incident in exactly one set', () => {
    const split = splitIntoStudySets(ids, 7);
    expect(split.size).toBe(1000);
    const count = (set: string) => [...split.values()].filter((s) => s === set).length;
    expect([count('taxonomy'), count('validation'), count('test')]).toEqual([400, 200, 400]);
  });

  it('is reproduced exactly by its seed and changes with it', () => {
    expect([...splitIntoStudySets(ids, 7)]).toEqual([...splitIntoStudySets(ids, 7)]);
    expect([...splitIntoStudySets(ids, 8)]).not.toEqual([...splitIntoStudySets(ids, 7)]);
  });

  it('is a random draw, not the first 40% in order', () => {
    const split = splitIntoStudySets(ids, 7);
    const firstHalfTaxonomy = ids.slice(0, 500).filter((id) => split.get(id) === 'taxonomy').length;
    expect(firstHalfTaxonomy).toBeGreaterThan(150);
    expect(firstHalfTaxonomy).toBeLessThan(250);
  });
});
