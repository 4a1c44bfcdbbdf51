import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { makeLabel } from '../model/testFactories.ts';
import type { Person } from '../model/labels.ts';
import { buildAgreementView, type AgreementRequest } from './agreementView.ts';

const codebook = loadDefaultCodebook();
const perf = 'degraded-performance/api-level-degradation';
const deploy = 'deployment-failure/model-deployment-failure';
const person = (id: string): Person => ({ id, name: id.toUpperCase(), role: 'annotator', createdAt: `2024-01-01T00:00:0${id.charCodeAt(0) - 96}.000Z` });
const people = ['a', 'b', 'c'].map(person);
const setCounts = { taxonomy: 1, validation: 0, test: 2 };
const testSet = new Set(['i1', 'i2']);
const incidents = { setCounts, inSet: undefined, versions: [1] };
const request: AgreementRequest = { coderA: 'a', coderB: 'b', level: 'full', round: 1, studySet: 'all', codebookVersion: 'all', focus: 'symptom' };

describe('agreement view', () => {
  // Round 1: i1 agree (perf), i2 disagree (perf vs deploy), i3 agree (deploy). Round 2: i1 disagree.
  const labels = [
    makeLabel('i1', 'a', 'symptom', perf),
    makeLabel('i1', 'b', 'symptom', perf),
    makeLabel('i2', 'a', 'symptom', perf),
    makeLabel('i2', 'b', 'symptom', deploy),
    makeLabel('i3', 'a', 'symptom', deploy),
    makeLabel('i3', 'b', 'symptom', deploy),
    makeLabel('i1', 'a', 'symptom', perf, 2),
    makeLabel('i1', 'b', 'symptom', deploy, 2),
  ];

  it('computes the round asked for, with a trend over rounds, and counts the sets', () => {
    const view = buildAgreementView({ labels, people, codebook, ...incidents, request });
    const symptom = view.rows.find((r) => r.dimension === 'symptom')!;
    expect(symptom.kappa.nPairs).toBe(3);
    expect(symptom.kappa.observedAgreement).toBeCloseTo(2 / 3, 12);
    expect(view.rounds).toEqual([1, 2]);
    expect(view.trend.map((t) => [t.round, t.kappa.find((k) => k.dimension === 'symptom')!.n])).toEqual([[1, 3], [2, 1]]);
    expect(view.setCounts).toEqual({ taxonomy: 1, validation: 0, test: 2 });
  });

  it('scopes to a study set', () => {
    const view = buildAgreementView({ labels, people, codebook, setCounts, versions: [1], inSet: testSet, request: { ...request, studySet: 'test' } });
    expect(view.rows.find((r) => r.dimension === 'symptom')!.kappa.nPairs).toBe(2);
  });

  it('gives the focused dimension its used categories with counts and row shares', () => {
    const view = buildAgreementView({ labels, people, codebook, ...incidents, request });
    expect(view.confusion!.categories.map((c) => [c.category, c.byA, c.byB, c.both])).toEqual([
      [deploy, 1, 2, 1],
      [perf, 2, 1, 1],
    ].sort((x, y) => codebookOrder(x[0] as string) - codebookOrder(y[0] as string)));
    for (const row of view.confusion!.shares) expect(row.reduce<number>((s, v) => s + (v ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('adds the many-coder statistics only when three people coded in the round', () => {
    expect(buildAgreementView({ labels, people, codebook, ...incidents, request }).allCoders).toBeNull();
    const three = [...labels, makeLabel('i1', 'c', 'symptom', perf), makeLabel('i2', 'c', 'symptom', perf)];
    const view = buildAgreementView({ labels: three, people, codebook, ...incidents, request });
    expect(view.allCoders?.coders).toEqual(['a', 'b', 'c']);
    const symptom = view.allCoders!.byDimension.find((d) => d.dimension === 'symptom')!.stats;
    // i1: perf ×3 (1); i2: perf, deploy, perf (1/3); i3: deploy ×2 (1).
    expect(symptom.observedAgreement).toBeCloseTo((1 + 1 / 3 + 1) / 3, 12);
  });
});

function codebookOrder(code: string): number {
  return ['invalid-inference', 'deployment-failure', 'degraded-performance'].indexOf(code.split('/')[0]!);
}
