import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import type { Cohort } from './cohort.ts';
import { methodsRounds, writeMethodsSummary } from './methodsSummary.ts';

const cohort = (patch: Partial<Cohort>): Cohort => ({ id: 'c', version: 2, name: 'GenAI', criteria: [], comparison: null, createdAt: '2024-06-01T00:00:00.000Z', createdBy: 'Lee', retired: false, ...patch });

describe('methods summary', () => {
  it('states criteria with counts, the comparison draw, the split, the codebook changes and each round\'s kappa', () => {
    const v1 = loadDefaultCodebook();
    const v2 = { ...v1, version: 2, change: { edit: { kind: 'merge' as const, dimension: 'rootCause' as const, from: ['a', 'b'], into: 'c' }, at: '2024-06-02T00:00:00.000Z', by: 'Lee', reason: 'overlap', labelsMoved: 7, proposalId: null } };
    const text = writeMethodsSummary({
      cohorts: [
        { cohort: cohort({}), total: 100, steps: [{ description: 'Status is not active', remaining: 90 }, { description: 'Title mentions "gpt"', remaining: 40 }], size: 40, comparisonOf: null, comparison: null },
        { cohort: cohort({ id: 'k', version: 1, name: 'Other', comparison: { of: 'c', ofVersion: 2, seed: 9 } }), total: 100, steps: [], size: 40, comparisonOf: 'GenAI', comparison: { from: '2024-01-01T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z', pool: 55, short: false } },
      ],
      splits: [{ seed: 3, method: 'shuffle', shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, incidents: 38, counts: { taxonomy: 15, validation: 8, test: 15 }, splitAt: '2024-06-02T10:00:00.000Z' }],
      split: { seed: 42, method: 'stratified', stratifyBy: 'severity', shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, incidents: 40, counts: { taxonomy: 16, validation: 8, test: 16 }, splitAt: '2024-06-03T10:00:00.000Z', cohort: { id: 'c', version: 2, name: 'GenAI' } },
      codebookVersions: [v2, v1],
      rounds: [{ round: 1, coders: ['Al', 'Bo'], kappa: [{ dimension: 'symptom', kappa: 0.8123, n: 16 }, { dimension: 'rootCause', kappa: null, n: 0 }] }],
    });
    expect(text.split('\n\n')).toEqual([
      'Selection.',
      '"GenAI" (version 2): of 100 incidents, status is not active (90 left); then title mentions "gpt" (40 left); 40 incidents in the cohort.',
      '"Other" is a comparison group for "GenAI": 40 other incidents created in the same time frame (2024-01-01 to 2024-03-01), drawn at random with seed 9 from 55.',
      'Split. 40 incidents of the cohort "GenAI" (version 2) were split at random 40%/20%/40% into a taxonomy set (16), a validation set (8) and a test set (16), stratified by severity, with seed 42 (2024-06-03). It replaced 1 earlier split (seed 3, 2024-06-02, 38 incidents).',
      `Codebook. "${v1.name}", version 2, after 1 change during open coding: v2 merged root cause codes "a", "b" into "c" (7 labels carried over).`,
      'Round 1. Coded independently by Al and Bo; Cohen\'s kappa: symptom κ = 0.81 (n = 16), root cause κ = n/a (n = 0).',
    ]);
  });
});

describe('methodsRounds', () => {
  it('reports the rounds of the trend in which the pair coded something in common, with the coders named', () => {
    const trend = [
      { round: 1, kappa: [{ dimension: 'symptom', kappa: 0.5, n: 10 }] },
      { round: 2, kappa: [{ dimension: 'symptom', kappa: null, n: 0 }] },
    ];
    expect(methodsRounds({ trend, rows: [], request: { round: 2 } as never }, ['Al', 'Bo'])).toEqual([{ round: 1, kappa: trend[0]!.kappa, coders: ['Al', 'Bo'] }]);
    // With one round there is no trend: the rows of the requested round are it; nothing in common, nothing reported.
    expect(methodsRounds({ trend: [], rows: [], request: { round: 1 } as never }, ['Al', 'Bo'])).toEqual([]);
  });
});
