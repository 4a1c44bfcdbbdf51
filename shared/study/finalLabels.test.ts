import { describe, expect, it } from 'vitest';
import { makeLabel } from '../model/testFactories.ts';
import type { Resolution } from '../model/labels.ts';
import { computeFinalLabels, findDisagreements, pairLabels } from './finalLabels.ts';
import { computeSymptomRootCauseMatrix } from '../analysis/symptomRootCause.ts';

const label = makeLabel;

const resolution = (incidentId: string, dimension: Resolution['dimension'], codeA: string, codeB: string, code: string): Resolution => ({
  incidentId,
  dimension,
  code,
  codeA,
  codeB,
  choice: code === codeA ? 'A' : code === codeB ? 'B' : 'other',
  rationale: 'because',
  resolvedBy: 'lead',
  resolvedAt: '2024-01-02T00:00:00.000Z',
});

describe('final labels', () => {
  const labels = [
    label('i1', 'a', 'symptom', 's1'),
    label('i1', 'b', 'symptom', 's1'),
    label('i2', 'a', 'symptom', 's1'),
    label('i2', 'b', 'symptom', 's2'),
    label('i3', 'a', 'symptom', 's2'),
    label('i3', 'c', 'symptom', 's1'),
  ];
  const pairs = pairLabels(labels, 'a', 'b', 'symptom', ['i1', 'i2', 'i3']);

  it('pairs the two coders, ignoring a third', () => {
    expect(pairs).toEqual([
      { incidentId: 'i1', dimension: 'symptom', codeA: 's1', codeB: 's1' },
      { incidentId: 'i2', dimension: 'symptom', codeA: 's1', codeB: 's2' },
      { incidentId: 'i3', dimension: 'symptom', codeA: 's2', codeB: null },
    ]);
    expect(findDisagreements(pairs).map((p) => p.incidentId)).toEqual(['i2']);
  });

  it('takes agreed codes and resolved codes, and nothing for an open disagreement', () => {
    expect(computeFinalLabels(pairs, []).map((f) => [f.incidentId, f.code, f.origin])).toEqual([['i1', 's1', 'agreed']]);
    const final = computeFinalLabels(pairs, [resolution('i2', 'symptom', 's1', 's2', 's3')]);
    expect(final.map((f) => [f.incidentId, f.code, f.origin])).toEqual([
      ['i1', 's1', 'agreed'],
      ['i2', 's3', 'resolved'],
    ]);
  });

  it('ignores a stale resolution made between other codes', () => {
    expect(computeFinalLabels(pairs, [resolution('i2', 'symptom', 's1', 's9', 's1')])).toHaveLength(1);
  });
});

describe('symptom x root-cause matrix', () => {
  it('gives each cell the share of the symptom row, comparing top-level codes', () => {
    const final = [
      { incidentId: '1', dimension: 'symptom' as const, code: 'perf/api', origin: 'agreed' as const },
      { incidentId: '1', dimension: 'rootCause' as const, code: 'infra/network', origin: 'agreed' as const },
      { incidentId: '2', dimension: 'symptom' as const, code: 'perf', origin: 'agreed' as const },
      { incidentId: '2', dimension: 'rootCause' as const, code: 'config', origin: 'resolved' as const },
      { incidentId: '3', dimension: 'symptom' as const, code: 'perf/service', origin: 'agreed' as const },
      { incidentId: '3', dimension: 'rootCause' as const, code: 'infra', origin: 'agreed' as const },
      { incidentId: '4', dimension: 'symptom' as const, code: 'deploy', origin: 'agreed' as const },
    ];
    const m = computeSymptomRootCauseMatrix(final, ['perf', 'deploy'], ['infra', 'config']);
    expect(m.counts).toEqual([
      [2, 1],
      [0, 0],
    ]);
    expect(m.shares).toEqual([
      [2 / 3, 1 / 3],
      [null, null],
    ]);
    expect(m.n).toBe(3);
  });
});
