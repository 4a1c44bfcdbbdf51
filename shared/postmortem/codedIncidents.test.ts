import { describe, expect, it } from 'vitest';
import { makeIncident, makeLabel, makeResolution } from '../model/testFactories.ts';
import { studyFinalCodes } from './codedIncidents.ts';

describe('the study\'s final codes per incident, for postmortems', () => {
  const incidents = [makeIncident('I1', { title: 'one', timeToMitigateMinutes: 30 }), makeIncident('I2', { title: 'two' }), makeIncident('I3', { title: 'three', mitigationText: 'rolled back' })];
  const labels = [
    // I1: both agree on every dimension, and on a dimension the study's codebook adds.
    makeLabel('I1', 'a', 'symptom', 's1'),
    makeLabel('I1', 'b', 'symptom', 's1'),
    makeLabel('I1', 'a', 'rootCause', 'r1'),
    makeLabel('I1', 'b', 'rootCause', 'r1'),
    makeLabel('I1', 'a', 'customer', 'c1'),
    makeLabel('I1', 'b', 'customer', 'c1'),
    // I2: they disagree on the root cause; the lead chose B's.
    makeLabel('I2', 'a', 'rootCause', 'r1'),
    makeLabel('I2', 'b', 'rootCause', 'r2'),
    // I3: only A coded it; and a third coder's code counts for nothing.
    makeLabel('I3', 'a', 'symptom', 's2'),
    makeLabel('I3', 'c', 'symptom', 's2'),
  ];
  const decisions = [makeResolution('I2', 'rootCause', 'r1', 'r2', 'r2', { revisionA: 'r-a-rootCause-I2-1', revisionB: 'r-b-rootCause-I2-1' })];
  const { coded, codesOf } = studyFinalCodes(incidents, labels, decisions, 'a', 'b', 1);

  it('gives every incident, coded or not, its agreed and decided codes in the three dimensions', () => {
    expect(coded.map((c) => [c.id, c.codes])).toEqual([
      ['I1', { symptom: 's1', rootCause: 'r1' }],
      ['I2', { rootCause: 'r2' }],
      ['I3', {}],
    ]);
    expect(coded.map((c) => [c.timeToMitigateMinutes, c.mitigationText])).toEqual([[30, ''], [null, ''], [null, 'rolled back']]);
  });

  it('keeps every dimension\'s final code with where it came from, the added dimension too', () => {
    expect(codesOf.get('I1')).toEqual([
      { dimension: 'symptom', code: 's1', origin: 'agreed' },
      { dimension: 'rootCause', code: 'r1', origin: 'agreed' },
      { dimension: 'customer', code: 'c1', origin: 'agreed' },
    ]);
    expect(codesOf.get('I2')).toEqual([{ dimension: 'rootCause', code: 'r2', origin: 'resolved' }]);
    expect(codesOf.has('I3')).toBe(false);
  });
});
