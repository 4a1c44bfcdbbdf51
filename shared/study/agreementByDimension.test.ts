import { describe, expect, it } from 'vitest';
import { makeLabel } from '../model/testFactories.ts';
import { loadDefaultCodebook, topLevelOf } from '../codebook/codebook.ts';
import { computeSetAlpha } from '../agreement/setAlpha.ts';
import { agreementWarnings, categoriesAt, computeAgreementByDimension, computeAllCodersByDimension } from './agreementByDimension.ts';

const label = makeLabel;

describe('agreement by dimension', () => {
  const codebook = loadDefaultCodebook();
  const perf = 'degraded-performance/api-level-degradation';
  const perf2 = 'degraded-performance/service-level-degradation';
  const deploy = 'deployment-failure/model-deployment-failure';
  // Symptom: i1 agree, i2 disagree within one parent, i3 disagree across parents, i4 agree.
  const labels = [
    label('i1', 'a', 'symptom', perf),
    label('i1', 'b', 'symptom', perf),
    label('i2', 'a', 'symptom', perf),
    label('i2', 'b', 'symptom', perf2),
    label('i3', 'a', 'symptom', perf),
    label('i3', 'b', 'symptom', deploy),
    label('i4', 'a', 'symptom', deploy),
    label('i4', 'b', 'symptom', deploy),
  ];

  it('computes kappa over full codes from the marginals', () => {
    const [symptom] = computeAgreementByDimension(labels, 'a', 'b', codebook, 'full', { round: 1 });
    // A: perf x3, deploy x1. B: perf, perf2, deploy, deploy.
    const po = 2 / 4;
    const pe = (3 / 4) * (1 / 4) + (1 / 4) * (2 / 4);
    expect(symptom!.kappa.nPairs).toBe(4);
    expect(symptom!.kappa.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
  });

  it('cuts codes to their top level for the top-level statistic', () => {
    const [symptom] = computeAgreementByDimension(labels, 'a', 'b', codebook, 'top', { round: 1 });
    // Top: A perf x3, deploy; B perf x2, deploy x2. Agreement on i1, i2, i4.
    const po = 3 / 4;
    const pe = (3 / 4) * (2 / 4) + (1 / 4) * (2 / 4);
    expect(symptom!.kappa.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
    expect(categoriesAt(codebook, 'symptom', 'top')).toEqual(['invalid-inference', 'deployment-failure', 'degraded-performance', 'other', 'not-applicable']);
  });

  it('adds alpha over code sets (MASI) where a coder gave secondary codes, over the incidents kappa covers', () => {
    expect(computeAgreementByDimension(labels, 'a', 'b', codebook, 'full', { round: 1 })[0]!.setAlpha).toBeUndefined();
    const withSecondary = labels.map((l) => (l.incidentId === 'i1' && l.annotatorId === 'b' ? { ...l, secondaryCodes: [deploy] } : l.incidentId === 'i3' && l.annotatorId === 'a' ? { ...l, secondaryCodes: [deploy, perf2] } : l));
    // An incident only A coded is not compared.
    withSecondary.push({ ...label('i9', 'a', 'symptom', perf), secondaryCodes: [deploy] });
    const [symptom] = computeAgreementByDimension(withSecondary, 'a', 'b', codebook, 'full', { round: 1 });
    const sets: Array<[string, string[], string[]]> = [
      ['i1', [perf], [perf, deploy]],
      ['i2', [perf], [perf2]],
      ['i3', [perf, deploy, perf2], [deploy]],
      ['i4', [deploy], [deploy]],
    ];
    const ratings = sets.flatMap(([item, a, b]) => [{ coder: 'A', item, labels: a }, { coder: 'B', item, labels: b }]);
    expect(symptom!.setAlpha).toEqual({ alpha: computeSetAlpha(ratings), withSecondary: 2 });
    // Kappa still compares the primary codes only.
    expect(symptom!.kappa.nPairs).toBe(4);
    // At the top level the sets are of top-level codes.
    const [top] = computeAgreementByDimension(withSecondary, 'a', 'b', codebook, 'top', { round: 1 });
    const topSets = sets.map(([item, a, b]) => [item, a.map(topLevelOf), b.map(topLevelOf)] as const);
    expect(top!.setAlpha!.alpha).toBeCloseTo(computeSetAlpha(topSets.flatMap(([item, a, b]) => [{ coder: 'A', item, labels: a }, { coder: 'B', item, labels: b }]))!, 12);
  });

  it('warns where kappa misleads: few items, one category dominating', () => {
    const [symptom] = computeAgreementByDimension(labels, 'a', 'b', codebook, 'top', { round: 1 });
    expect(symptom!.warnings[0]).toMatch(/only 4 items coded by both/);
    expect(agreementWarnings(Array(40).fill('x'), [...Array(39).fill('x'), 'y'])).toEqual([
      '"x" is 99% of the labels: kappa understates agreement when one category dominates; see AC1 and PABAK',
    ]);
    expect(symptom!.table.counts.flat().reduce((s, v) => s + v, 0)).toBe(4);
  });

  it('scopes to one round and one set', () => {
    const rounds = [...labels.slice(0, 4), ...labels.slice(4).map((l) => ({ ...l, round: 2 }))];
    const [round1] = computeAgreementByDimension(rounds, 'a', 'b', codebook, 'full', { round: 1 });
    expect(round1!.kappa.nPairs).toBe(2);
    expect(round1!.kappa.observedAgreement).toBe(0.5);
    const versions = [...labels.slice(0, 2), ...labels.slice(2).map((l) => ({ ...l, codebookVersion: 2 }))];
    const [v2] = computeAgreementByDimension(versions, 'a', 'b', codebook, 'full', { round: 1, codebookVersion: 2 });
    expect(v2!.kappa.nPairs).toBe(3);
    const [set] = computeAgreementByDimension(labels, 'a', 'b', codebook, 'full', { round: 1, incidentIds: new Set(['i1', 'i4']) });
    expect(set!.kappa.nPairs).toBe(2);
    expect(set!.kappa.observedAgreement).toBe(1);
  });

  it('all coders together: three coders, top level', () => {
    const three = [...labels, label('i1', 'c', 'symptom', perf), label('i2', 'c', 'symptom', deploy)];
    const [symptom] = computeAllCodersByDimension(three, ['a', 'b', 'c'], codebook, 'top', { round: 1 });
    // i1: perf ×3 (agree 1); i2: perf, perf, deploy (1/3); i3: perf, deploy (0); i4: deploy ×2 (1).
    expect(symptom!.stats.nItems).toBe(4);
    expect(symptom!.stats.observedAgreement).toBeCloseTo((1 + 1 / 3 + 0 + 1) / 4, 14);
  });

  it('reports codes the codebook does not declare and leaves them out', () => {
    const withUnknown = [...labels, label('i5', 'a', 'symptom', 'retired-code'), label('i5', 'b', 'symptom', perf)];
    const [symptom] = computeAgreementByDimension(withUnknown, 'a', 'b', codebook, 'full', { round: 1 });
    expect(symptom!.undeclared).toEqual(['retired-code']);
    expect(symptom!.kappa.nPairs).toBe(4);
  });
});
