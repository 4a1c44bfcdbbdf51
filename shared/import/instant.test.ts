import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, parseInstant, zoneOffsetMinutes } from './instant.ts';

describe('parseInstant', () => {
  it('reads ISO 8601 with and without zones', () => {
    expect(parseInstant('2024-03-01T10:00:00+02:00')).toBe('2024-03-01T08:00:00.000Z');
    expect(parseInstant('2024-02-26 17:09:00+00:00')).toBe('2024-02-26T17:09:00.000Z');
    expect(parseInstant('2024-09-16T21:31:02.719Z')).toBe('2024-09-16T21:31:02.719Z');
    expect(parseInstant('2024-03-01 10:00')).toBe('2024-03-01T10:00:00.000Z');
    expect(parseInstant('20210721T03:00:00')).toBe('2021-07-21T03:00:00.000Z');
  });

  it('reads zone-less times in the given zone, across daylight saving', () => {
    expect(parseInstant('2021-07-21 03:00', { timeZone: 'EDT' })).toBe('2021-07-21T07:00:00.000Z');
    expect(parseInstant('2024-07-01 12:00', { timeZone: 'America/Los_Angeles' })).toBe('2024-07-01T19:00:00.000Z');
    expect(parseInstant('2024-01-15 12:00', { timeZone: 'America/Los_Angeles' })).toBe('2024-01-15T20:00:00.000Z');
    expect(parseInstant('2024-01-15 12:00', { timeZone: '+05:30' })).toBe('2024-01-15T06:30:00.000Z');
    // A zone written in the text wins over the mapping's.
    expect(parseInstant('2024-01-15 12:00Z', { timeZone: 'PST' })).toBe('2024-01-15T12:00:00.000Z');
  });

  it('reads month names as status pages print them', () => {
    expect(parseInstant('May 31, 2024 - 18:05 PDT')).toBe('2024-06-01T01:05:00.000Z');
    expect(parseInstant('Aug 28, 2024 - 13:36 PDT')).toBe('2024-08-28T20:36:00.000Z');
    expect(parseInstant('Tue, 26 Nov 2024 10:00:00 GMT')).toBe('2024-11-26T10:00:00.000Z');
    expect(parseInstant('Mar 3, 2024 9:05 PM')).toBe('2024-03-03T21:05:00.000Z');
  });

  it('reads a fixed format such as ServiceNow day-first dates', () => {
    expect(parseInstant('29-02-2016 01:16', { format: 'DD-MM-YYYY HH:mm' })).toBe('2016-02-29T01:16:00.000Z');
    expect(parseInstant('02/29/2016 1:16 PM', { format: 'MM/DD/YYYY hh:mm A', timeZone: 'UTC' })).toBe('2016-02-29T13:16:00.000Z');
    expect(parseInstant('2016-02-29', { format: 'DD-MM-YYYY HH:mm' })).toBeUndefined();
    // Jira's default export format.
    expect(parseInstant('25/Mar/24 10:15 AM', { format: 'DD/MMM/YY hh:mm A' })).toBe('2024-03-25T10:15:00.000Z');
    expect(parseInstant('25/Xyz/24 10:15 AM', { format: 'DD/MMM/YY hh:mm A' })).toBeUndefined();
  });

  it('is null for empty and placeholder values, undefined for text that is not a date', () => {
    expect(parseInstant('')).toBeNull();
    expect(parseInstant('None')).toBeNull();
    expect(parseInstant('?')).toBeNull();
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant('yesterday')).toBeUndefined();
    expect(parseInstant('2023-02-29')).toBeUndefined();
    expect(parseInstant('2024-01-01 10:00', { timeZone: 'Mars/Olympus' })).toBeUndefined();
    expect(parseInstant('1709287200')).toBe('2024-03-01T10:00:00.000Z');
  });

  it('knows zones by name, abbreviation and offset', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.UTC(2024, 0, 1))).toBe(330);
    expect(zoneOffsetMinutes('PST', 0)).toBe(-480);
    expect(zoneOffsetMinutes('-03:00', 0)).toBe(-180);
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Nowhere/Else')).toBe(false);
  });
});

describe('a fixed format and the time of day', () => {
  it('reads a date with a time under a date-only format, and a bare date under a date-and-time format', () => {
    expect(parseInstant('03/05/2016 14:30', { format: 'DD/MM/YYYY' })).toBe('2016-05-03T14:30:00.000Z');
    expect(parseInstant('03/05/2016 14:30:15', { format: 'DD/MM/YYYY' })).toBe('2016-05-03T14:30:15.000Z');
    expect(parseInstant('03/05/2016', { format: 'MM/DD/YYYY HH:mm' })).toBe('2016-03-05T00:00:00.000Z');
    expect(parseInstant('03/05/2016 noon', { format: 'DD/MM/YYYY' })).toBeUndefined();
    expect(parseInstant('31/31/2016', { format: 'DD/MM/YYYY' })).toBeUndefined();
  });
});
