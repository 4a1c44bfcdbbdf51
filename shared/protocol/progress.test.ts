import { describe, expect, it } from 'vitest';
import { assignedProgress, describeProgress, dimensionsCoded, progressBySet } from './progress.ts';

describe('coding progress', () => {
  it('counts incidents coded in every dimension, and those started, per set', () => {
    const incidents = [
      { id: 'a', studySet: 'taxonomy' as const },
      { id: 'b', studySet: 'taxonomy' as const },
      { id: 'c', studySet: 'test' as const },
      { id: 'd', studySet: null },
    ];
    const labels = [
      { incidentId: 'a', dimension: 'symptom' },
      { incidentId: 'a', dimension: 'rootCause' },
      { incidentId: 'b', dimension: 'symptom' },
      { incidentId: 'c', dimension: 'symptom' },
      { incidentId: 'c', dimension: 'rootCause' },
      // A dimension the codebook no longer has does not count.
      { incidentId: 'b', dimension: 'gone' },
    ];
    const coded = dimensionsCoded(labels, new Set(['symptom', 'rootCause']));
    const bySet = progressBySet(incidents, coded, 2);
    expect(bySet).toEqual([
      { set: 'taxonomy', incidents: 2, coded: 1, started: 1 },
      { set: 'test', incidents: 1, coded: 1, started: 0 },
      { set: null, incidents: 1, coded: 0, started: 0 },
    ]);
    expect(assignedProgress(bySet, ['taxonomy', 'validation'])).toEqual({ incidents: 2, coded: 1, started: 1 });
    expect(assignedProgress(bySet, null)).toEqual({ incidents: 4, coded: 2, started: 1 });
    expect(describeProgress(assignedProgress(bySet, null))).toBe('2 of 4 incidents coded (1 started)');
  });
});
