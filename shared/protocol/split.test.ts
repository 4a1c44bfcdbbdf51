import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCounts, codedIncidentsMoved, listOrderSplit, planSplit, seededShuffle, STUDY_SETS, type StudySet } from './split.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const ids = Array.from({ length: 1000 }, (_, i) => `INC-${i}`);
const countOf = (sets: Map<string, StudySet>, set: StudySet, among: Iterable<string> = sets.keys()) => [...among].filter((id) => sets.get(id) === set).length;

describe('planSplit', () => {
  it('splits 40/20/40 and puts every incident in exactly one set', () => {
    const { sets, record } = planSplit(ids, 7, NOW);
    expect(sets.size).toBe(1000);
    expect(STUDY_SETS.map((s) => countOf(sets, s))).toEqual([400, 200, 400]);
    expect(record).toMatchObject({ seed: 7, method: 'shuffle', incidents: 1000, counts: { taxonomy: 400, validation: 200, test: 400 } });
    expect(record.stratifyBy).toBeUndefined();
  });

  it('is reproduced exactly by its seed and changes with it', () => {
    expect([...planSplit(ids, 7, NOW).sets]).toEqual([...planSplit(ids, 7, NOW).sets]);
    expect([...planSplit(ids, 8, NOW).sets]).not.toEqual([...planSplit(ids, 7, NOW).sets]);
  });

  it('gives the same split for the same ids in any order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 60 }), fc.integer(), fc.nat(), (list, seed, rotation) => {
        const shuffled = [...list.slice(rotation % Math.max(1, list.length)), ...list.slice(0, rotation % Math.max(1, list.length))].reverse();
        const a = planSplit(list, seed, NOW).sets;
        const b = planSplit(shuffled, seed, NOW).sets;
        expect(new Map([...b].sort())).toEqual(new Map([...a].sort()));
      }),
    );
  });

  it('is a random draw, not the first 40% in order', () => {
    const { sets } = planSplit(ids, 7, NOW);
    const firstHalfTaxonomy = countOf(sets, 'taxonomy', ids.slice(0, 500));
    expect(firstHalfTaxonomy).toBeGreaterThan(150);
    expect(firstHalfTaxonomy).toBeLessThan(250);
  });

  it('keeps every stratum within one incident of 40/20/40, and is reproducible in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('api', 'chat', 'search', 'train', 'x'), { minLength: 1, maxLength: 200 }), fc.integer(), (strataList, seed) => {
        const of = new Map(strataList.map((s, i) => [`I${i}`, s]));
        const { sets, record } = planSplit([...of.keys()], seed, NOW, { strata: { by: 'service', of } });
        for (const stratum of new Set(strataList)) {
          const members = [...of].filter(([, s]) => s === stratum).map(([id]) => id);
          const shares = { taxonomy: 0.4, validation: 0.2, test: 0.4 };
          for (const set of STUDY_SETS) expect(Math.abs(countOf(sets, set, members) - members.length * shares[set])).toBeLessThan(1);
        }
        expect(record).toMatchObject({ method: 'stratified', stratifyBy: 'service' });
        const again = planSplit([...of.keys()].reverse(), seed, NOW, { strata: { by: 'service', of } }).sets;
        expect(new Map([...again].sort())).toEqual(new Map([...sets].sort()));
      }),
    );
  });

  it('takes other shares and records the cohort it split', () => {
    const { sets, record } = planSplit(ids.slice(0, 10), 3, NOW, { shares: { taxonomy: 1, validation: 1, test: 3 }, cohort: { id: 'c1', version: 2, name: 'GenAI' } });
    expect(STUDY_SETS.map((s) => countOf(sets, s))).toEqual([2, 2, 6]);
    expect(record.cohort).toEqual({ id: 'c1', version: 2, name: 'GenAI' });
  });
});

describe('allocateCounts', () => {
  it('gives every set its share rounded down or up, adding up to n', () => {
    let state = 1;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    for (let n = 0; n < 50; n++) {
      const c = allocateCounts(n, { taxonomy: 0.4, validation: 0.2, test: 0.4 }, random);
      expect(c.taxonomy + c.validation + c.test).toBe(n);
      expect([c.taxonomy, c.validation, c.test].map((x, i) => Math.abs(x - n * [0.4, 0.2, 0.4][i]!) < 1)).toEqual([true, true, true]);
    }
  });

  it('does not send every stratum of one to the same set', () => {
    const seen = new Set<string>();
    const random = (() => {
      let i = 0;
      return () => [0.1, 0.5, 0.95][i++ % 3]!;
    })();
    for (let k = 0; k < 3; k++) {
      const c = allocateCounts(1, { taxonomy: 0.4, validation: 0.2, test: 0.4 }, random);
      seen.add(STUDY_SETS.find((s) => c[s] === 1)!);
    }
    expect(seen.size).toBe(3);
  });
});

describe('seededShuffle and codedIncidentsMoved', () => {
  it('drops repeated ids and keeps every id once', () => {
    expect(seededShuffle(['a', 'b', 'a', 'c'], 1).sort()).toEqual(['a', 'b', 'c']);
  });

  it('counts only coded incidents taken out of the set they were in', () => {
    const current = new Map<string, StudySet | null>([['a', 'taxonomy'], ['b', 'test'], ['c', null], ['d', 'test'], ['f', 'test']]);
    const planned = new Map<string, StudySet>([['a', 'taxonomy'], ['b', 'validation'], ['c', 'test'], ['f', 'taxonomy']]);
    // b changes set, d leaves every set; c (unsplit) only gets one; f is not coded.
    expect(codedIncidentsMoved(current, planned, new Set(['a', 'b', 'c', 'd', 'e']))).toEqual(['b', 'd']);
  });
});

describe('listOrderSplit (the method recorded as "random")', () => {
  it('reproduces a split made with it: seeded, 40/20/40 rounded, in list order', () => {
    const split = listOrderSplit(ids, 7);
    expect(STUDY_SETS.map((s) => countOf(split, s))).toEqual([400, 200, 400]);
    expect([...listOrderSplit(ids, 7)]).toEqual([...split]);
    // It depends on the order it is given (which is why the split now sorts first).
    expect([...listOrderSplit([...ids].reverse(), 7)].sort()).not.toEqual([...split].sort());
  });
});
