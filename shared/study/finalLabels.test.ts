import { describe, expect, it } from 'vitest';
import { makeLabel, makeResolution } from '../model/testFactories.ts';
import { computeFinalLabels, computeStudyOutcome, findDisagreements, pairLabels } from './finalLabels.ts';
import { computeCodeMatrix } from '../report/codeMatrix.ts';

const label = makeLabel;

const resolution = makeResolution;

describe('final labels', () => {
  const labels = [
    label('i1', 'a', 'symptom', 's1'),
    label('i1', 'b', 'symptom', 's1'),
    label('i2', 'a', 'symptom', 's1'),
    label('i2', 'b', 'symptom', 's2'),
    label('i3', 'a', 'symptom', 's2'),
    label('i3', 'c', 'symptom', 's1'),
  ];
  const pairs = pairLabels(labels, 'a', 'b', 'symptom', ['i1', 'i2', 'i3'], 1);

  it('pairs the two coders, ignoring a third', () => {
    expect(pairs).toEqual([
      { incidentId: 'i1', dimension: 'symptom', round: 1, codeA: 's1', codeB: 's1', revisionA: 'r-a-symptom-i1-1', revisionB: 'r-b-symptom-i1-1' },
      { incidentId: 'i2', dimension: 'symptom', round: 1, codeA: 's1', codeB: 's2', revisionA: 'r-a-symptom-i2-1', revisionB: 'r-b-symptom-i2-1' },
      { incidentId: 'i3', dimension: 'symptom', round: 1, codeA: 's2', codeB: null, revisionA: 'r-a-symptom-i3-1', revisionB: null },
    ]);
    expect(findDisagreements(pairs).map((p) => p.incidentId)).toEqual(['i2']);
  });

  it('takes agreed codes and resolved codes, and nothing for an open disagreement', () => {
    expect(computeFinalLabels(pairs, [], 'a', 'b').map((f) => [f.incidentId, f.code, f.origin])).toEqual([['i1', 's1', 'agreed']]);
    const final = computeFinalLabels(pairs, [resolution('i2', 'symptom', 's1', 's2', 's3')], 'a', 'b');
    expect(final.map((f) => [f.incidentId, f.code, f.origin])).toEqual([
      ['i1', 's1', 'agreed'],
      ['i2', 's3', 'resolved'],
    ]);
  });

  it('ignores a stale resolution made between other codes', () => {
    expect(computeFinalLabels(pairs, [resolution('i2', 'symptom', 's1', 's9', 's1')], 'a', 'b')).toHaveLength(1);
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
    const m = computeCodeMatrix(final, 'symptom', 'rootCause', ['perf', 'deploy'], ['infra', 'config']);
    expect(m.counts).toEqual([
      [2, 1],
      [0, 0],
    ]);
    expect(m.shares).toEqual([
      [2 / 3, 1 / 3],
      [null, null],
    ]);
    expect(m.n).toBe(3);
    // "Other" and "Not applicable" rows and columns appear only where an incident has them.
    const withReserved = computeCodeMatrix(
      [...final, { incidentId: '5', dimension: 'symptom', code: 'other', origin: 'agreed' }, { incidentId: '5', dimension: 'rootCause', code: 'config', origin: 'agreed' }],
      'symptom',
      'rootCause',
      ['perf', 'deploy', 'other', 'not-applicable'],
      ['infra', 'config', 'other', 'not-applicable'],
    );
    expect([withReserved.rows, withReserved.columns]).toEqual([['perf', 'deploy', 'other'], ['infra', 'config']]);
    expect(withReserved.counts).toEqual([[2, 1], [0, 0], [0, 1]]);
  });
});

describe('decisions are keyed by round and coder pair', () => {
  const labels = [
    label('i1', 'a', 'symptom', 's1'),
    label('i1', 'b', 'symptom', 's2'),
    label('i1', 'c', 'symptom', 's2'),
    label('i1', 'a', 'symptom', 's1', 2),
    label('i1', 'b', 'symptom', 's2', 2),
  ];
  const decision = resolution('i1', 'symptom', 's1', 's2', 's1', { round: 1, coderA: 'a', coderB: 'b' });

  it('settles the disagreement of its two coders in its round only', () => {
    expect(computeStudyOutcome(labels, [decision], 'a', 'b', ['i1'], 1).finalLabels).toEqual([{ incidentId: 'i1', dimension: 'symptom', code: 's1', origin: 'resolved' }]);
    // The same codes disagree in round 2 and between a and c: the round-1 decision of a and b settles neither.
    expect(computeStudyOutcome(labels, [decision], 'a', 'b', ['i1'], 2).finalLabels).toEqual([]);
    expect(computeStudyOutcome(labels, [decision], 'a', 'c', ['i1'], 1).finalLabels).toEqual([]);
  });

  it('applies whichever way round the pair is chosen', () => {
    const outcome = computeStudyOutcome(labels, [decision], 'b', 'a', ['i1'], 1);
    expect(outcome.finalLabels.map((f) => f.code)).toEqual(['s1']);
    expect(outcome.resolvedCount).toBe(1);
  });

  it('takes the latest decision, and a revised decision replaces the one it names', () => {
    const later = resolution('i1', 'symptom', 's1', 's2', 's2', { id: 'second', resolvedAt: '2024-01-03T00:00:00.000Z', previousId: decision.id });
    expect(computeStudyOutcome(labels, [later, decision], 'a', 'b', ['i1'], 1).finalLabels.map((f) => f.code)).toEqual(['s2']);
  });
});
