import { describe, expect, it } from 'vitest';
import { durationMinutes, unitOfWord } from './duration.ts';

describe('durationMinutes', () => {
  it('reads a number in the given unit, a number with its unit, and ISO 8601', () => {
    expect(durationMinutes(1.5, 'hours')).toBe(90);
    expect(durationMinutes('90', 'seconds')).toBe(1.5);
    expect(durationMinutes('2 days')).toBe(2880);
    expect(durationMinutes('1h 30m')).toBe(90);
    expect(durationMinutes('45 min')).toBe(45);
    expect(durationMinutes('PT1H30M')).toBe(90);
    expect(durationMinutes('P1DT2H')).toBe(1560);
  });

  it('is empty for nothing or a placeholder, and undefined for what is no duration', () => {
    expect(durationMinutes(null)).toBeNull();
    expect(durationMinutes('N/A')).toBeNull();
    expect(durationMinutes('a while')).toBeUndefined();
    expect(durationMinutes('5 parsecs')).toBeUndefined();
    expect(durationMinutes(-3)).toBeUndefined();
    expect(durationMinutes('PT')).toBeUndefined();
  });

  it('names units from the words exports write', () => {
    expect(['hrs', 'minutes', 's', 'day'].map(unitOfWord)).toEqual(['hours', 'minutes', 'seconds', 'days']);
    expect(unitOfWord('duration')).toBeNull();
  });
});
