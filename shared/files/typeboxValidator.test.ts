import { describe, expect, it } from 'vitest';
import { makeIncident, makeResolution } from '../model/testFactories.ts';
import { IncidentSchema } from '../model/incident.ts';
import { ResolutionSchema } from '../model/labels.ts';
import { typeboxValidator } from './typeboxValidator.ts';

describe('typeboxValidator', () => {
  const incident = typeboxValidator(IncidentSchema);

  it('accepts a stored incident and checks the enums and nullable values written as plain JSON Schema', () => {
    expect(incident(makeIncident('x'))).toBe(true);
    expect(incident(makeIncident('x', { severity: null, createdAt: '2024-01-01T10:00:00.000Z', transferHops: 2 }))).toBe(true);
    expect(incident({ ...makeIncident('x'), severity: 'critical' })).toBe(false);
    expect(incident.errors?.[0]?.instancePath).toBe('/severity');
    expect(incident.errors?.[0]?.message).toBe('must be one of high, medium, low, null');
    expect(incident({ ...makeIncident('x'), createdAt: 'yesterday' })).toBe(false);
    expect(incident({ ...makeIncident('x'), transferHops: -1 })).toBe(false);
    expect(incident({ ...makeIncident('x'), transferHops: 1.5 })).toBe(false);
    expect(incident({ ...makeIncident('x'), falseAlarm: 'yes' })).toBe(false);
    expect(incident({ ...makeIncident('x'), studySet: undefined })).toBe(false);
  });

  it('checks required keys and unknown keys', () => {
    const resolution = typeboxValidator(ResolutionSchema);
    expect(resolution(makeResolution('i', 'symptom', 'a', 'b', 'a'))).toBe(true);
    expect(resolution({ ...makeResolution('i', 'symptom', 'a', 'b', 'a'), extra: 1 })).toBe(false);
    expect(resolution({ ...makeResolution('i', 'symptom', 'a', 'b', 'a'), choice: 'C' })).toBe(false);
  });
});
