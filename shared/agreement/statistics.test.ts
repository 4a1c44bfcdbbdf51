import { describe, expect, it } from 'vitest';
import { computePairAgreement, type PairAgreement } from './pairStatistics.ts';
import { computeMultiRaterAgreement, type MultiRaterAgreement } from './multiRater.ts';
import { expectClose, loadAgreementCases } from '../../tests/support/agreementCases.ts';

const PAIR_FIELDS: Array<[keyof PairAgreement, string]> = [
  ['nPairs', 'n_pairs'],
  ['observedAgreement', 'observed_agreement'],
  ['expectedAgreement', 'expected_agreement'],
  ['kappa', 'cohen_kappa'],
  ['se', 'cohen_kappa_se'],
  ['seH0', 'cohen_kappa_se_h0'],
  ['ci95Lower', 'cohen_kappa_ci95_lower'],
  ['ci95Upper', 'cohen_kappa_ci95_upper'],
  ['z', 'cohen_kappa_z'],
  ['pTwoSided', 'cohen_kappa_p_two_sided'],
  ['kappaMax', 'cohen_kappa_max'],
  ['scottPi', 'scott_pi'],
  ['scottPiExpectedAgreement', 'scott_pi_expected_agreement'],
  ['krippendorffAlphaNominal', 'krippendorff_alpha_nominal'],
  ['gwetAc1', 'gwet_ac1'],
  ['gwetAc1Se', 'gwet_ac1_se'],
  ['gwetAc1ExpectedAgreement', 'gwet_ac1_expected_agreement'],
  ['gwetAc1QObserved', 'gwet_ac1_q_observed'],
  ['pabak', 'pabak'],
  ['bennettS', 'bennett_s'],
];

const ALL_FIELDS: Array<[keyof MultiRaterAgreement, string]> = [
  ['nItems', 'n_items'],
  ['nRaters', 'n_raters'],
  ['nRatings', 'n_ratings'],
  ['nPairableItems', 'n_pairable_items'],
  ['nPairableValues', 'n_pairable_values'],
  ['observedAgreement', 'observed_agreement'],
  ['fleissKappa', 'fleiss_kappa'],
  ['krippendorffAlphaNominal', 'krippendorff_alpha_nominal'],
  ['gwetAc1', 'gwet_ac1'],
  ['gwetAc1Se', 'gwet_ac1_se'],
  ['gwetAc1ExpectedAgreement', 'gwet_ac1_expected_agreement'],
  ['bennettS', 'bennett_s'],
  ['meanPairwiseCohenKappa', 'mean_pairwise_cohen_kappa'],
];

type Expected = Record<string, number | boolean | null | Record<string, number | null>>;

function checkPair(result: PairAgreement, expected: Expected, label: string) {
  for (const [ours, theirs] of PAIR_FIELDS) {
    if (!(theirs in expected)) continue;
    expectClose(result[ours] as number | null, expected[theirs] as number | null, `${label} pair.${theirs}`);
  }
  const perCategory = expected.per_category_kappa as Record<string, number | null> | undefined;
  if (perCategory) {
    expect(Object.keys(result.perCategoryKappa)).toEqual(Object.keys(perCategory));
    for (const [c, v] of Object.entries(perCategory)) expectClose(result.perCategoryKappa[c]!, v, `${label} per_category_kappa.${c}`);
  }
}

function checkAll(result: MultiRaterAgreement, expected: Expected, label: string) {
  for (const [ours, theirs] of ALL_FIELDS) {
    if (!(theirs in expected)) continue;
    expectClose(result[ours] as number | null, expected[theirs] as number | null, `${label} all_raters.${theirs}`);
  }
  if ('complete' in expected) expect(result.complete, `${label} complete`).toBe(expected.complete);
}

const topLevel = (label: string | null) => (label === null ? null : label.split('/')[0]!);

describe('agreement statistics reproduce the published vectors to rtol 1e-9', () => {
  const cases = loadAgreementCases() as Array<ReturnType<typeof loadAgreementCases>[number] & { hierarchical?: { top_level_categories: string[] }; expected: { pair: Expected; all_raters: Expected; top_level?: { pair: Expected; all_raters: Expected } } }>;

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const raters = c.raters ?? [c.rater1, c.rater2];
    checkPair(computePairAgreement(c.rater1, c.rater2, c.categories), c.expected.pair, c.id);
    checkAll(computeMultiRaterAgreement(raters, c.categories), c.expected.all_raters, c.id);
    if (c.expected.top_level && c.hierarchical) {
      const cats = c.hierarchical.top_level_categories;
      checkPair(computePairAgreement(c.rater1.map(topLevel), c.rater2.map(topLevel), cats), c.expected.top_level.pair, `${c.id} top`);
      checkAll(computeMultiRaterAgreement(raters.map((r) => r.map(topLevel)), cats), c.expected.top_level.all_raters, `${c.id} top`);
    }
  });
});

describe('agreement statistics at the edges', () => {
  it('perfect agreement: every coefficient 1, chance-free ones too', () => {
    const a = ['x', 'y', 'z', 'x'];
    const p = computePairAgreement(a, a, ['x', 'y', 'z']);
    for (const v of [p.kappa, p.scottPi, p.krippendorffAlphaNominal, p.gwetAc1, p.pabak, p.bennettS]) expect(v).toBe(1);
    const m = computeMultiRaterAgreement([a, a, a], ['x', 'y', 'z']);
    for (const v of [m.fleissKappa, m.krippendorffAlphaNominal, m.gwetAc1, m.bennettS, m.meanPairwiseCohenKappa, m.observedAgreement]) expect(v).toBeCloseTo(1, 14);
  });

  it('a single category used by everybody: kappa, pi, alpha null; AC1 and S defined over the declared set', () => {
    const p = computePairAgreement(['x', 'x', 'x'], ['x', 'x', 'x'], ['x', 'y']);
    expect([p.kappa, p.scottPi, p.krippendorffAlphaNominal]).toEqual([null, null, null]);
    expect(p.gwetAc1).toBe(1);
    expect(p.bennettS).toBe(1);
    expect(p.perCategoryKappa).toEqual({ x: null, y: null });
  });

  it('gives categories named like prototype keys their own kappa, and the result survives structured cloning', () => {
    const a = ['constructor', 'toString', 'constructor', 'x'];
    const b = ['constructor', 'x', 'constructor', 'x'];
    const p = computePairAgreement(a, b, ['constructor', 'toString', 'x']);
    // constructor vs rest: both say it twice, never one alone: perfect one-vs-rest agreement.
    expect(p.perCategoryKappa.constructor).toBe(1);
    expect(Object.keys(p.perCategoryKappa)).toEqual(['constructor', 'toString', 'x']);
    expect(structuredClone(p).perCategoryKappa.constructor).toBe(1);
    const m = computeMultiRaterAgreement([['x', 'x'], ['x', 'x'], ['x', 'x']], ['x', 'y']);
    expect([m.fleissKappa, m.krippendorffAlphaNominal, m.meanPairwiseCohenKappa]).toEqual([null, null, null]);
    expect(m.gwetAc1).toBe(1);
  });

  it('kappa = -1 and the chance-free coefficients follow p_o = 0', () => {
    const p = computePairAgreement(['x', 'y', 'x', 'y'], ['y', 'x', 'y', 'x'], ['x', 'y']);
    expect(p.kappa).toBe(-1);
    expect(p.pabak).toBe(-1);
    expect(p.bennettS).toBe(-1);
    // alpha = 1 - (N-1) * D_o / D_e' with N = 8 values, all four units disagreeing: 1 - 7 * 8 / 32.
    expect(p.krippendorffAlphaNominal).toBeCloseTo(1 - (7 * 8) / 32, 14);
  });

  it('a single item', () => {
    const p = computePairAgreement(['x'], ['x'], ['x', 'y']);
    expect(p.nPairs).toBe(1);
    expect(p.kappa).toBeNull();
    expect(p.pabak).toBe(1);
    const m = computeMultiRaterAgreement([['x'], ['y']], ['x', 'y']);
    expect(m.observedAgreement).toBe(0);
    expect(m.gwetAc1Se).toBeNull(); // n(n-1) = 0
  });

  it('missing ratings: items rated by one coder are unpairable, items rated by none are dropped', () => {
    const m = computeMultiRaterAgreement(
      [
        ['a', null, 'b', null],
        ['a', 'b', 'b', null],
        [null, 'b', 'a', null],
      ],
      ['a', 'b'],
    );
    expect(m).toMatchObject({ nItems: 3, nRatings: 7, nPairableItems: 3, complete: false, fleissKappa: null, meanPairwiseCohenKappa: null });
    // Item agreements: item 1 {a,a} = 1; item 2 {b,b} = 1; item 3 {b,b,a} = 1/3.
    expect(m.observedAgreement).toBeCloseTo((1 + 1 + 1 / 3) / 3, 14);
  });

  it('labels are exact strings: unicode and numeric-looking labels stay distinct', () => {
    const cats = ['1', '01', '1.0', 'é', 'é'];
    const a = ['1', '01', '1.0', 'é', 'é'];
    const p = computePairAgreement(a, a, cats);
    expect(p.kappa).toBe(1);
    expect(() => computePairAgreement(['1'], ['2'], cats)).toThrow(/"2" is not a declared category/);
  });

  it('hierarchical labels compare in full, and at the top level once cut', () => {
    const a = ['perf/api', 'perf/service', 'deploy/model'];
    const b = ['perf/service', 'perf/service', 'deploy/model'];
    expect(computePairAgreement(a, b, ['perf/api', 'perf/service', 'deploy/model']).observedAgreement).toBeCloseTo(2 / 3, 14);
    expect(computePairAgreement(a.map(topLevel), b.map(topLevel), ['perf', 'deploy']).observedAgreement).toBe(1);
  });

  it('100k items: pair and all-rater statistics agree with each other where they must', () => {
    const cats = ['a', 'b', 'c', 'd'];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const x = cats[Math.floor(rand() * 4)]!;
      a.push(x);
      b.push(rand() < 0.8 ? x : cats[Math.floor(rand() * 4)]!);
    }
    const p = computePairAgreement(a, b, cats);
    const m = computeMultiRaterAgreement([a, b], cats);
    expect(p.nPairs).toBe(100_000);
    expect(m.observedAgreement).toBeCloseTo(p.observedAgreement!, 12);
    expect(m.fleissKappa).toBeCloseTo(p.scottPi!, 12); // two raters, complete data: Fleiss' kappa is Scott's pi
    expect(m.krippendorffAlphaNominal).toBeCloseTo(p.krippendorffAlphaNominal!, 12);
    expect(m.gwetAc1).toBeCloseTo(p.gwetAc1!, 12);
    expect(m.meanPairwiseCohenKappa).toBeCloseTo(p.kappa!, 12);
    expect(p.kappa).toBeGreaterThan(0.7);
  });
});
