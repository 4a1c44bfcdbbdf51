import { describe, expect, it } from 'vitest';
import { readPath } from './path.ts';

describe('readPath', () => {
  const record = {
    title: 'Outage',
    'root cause': { details: 'expired key' },
    'a.b': 'dotted key',
    updates: [
      { status: 'Investigating', message: 'looking' },
      { status: 'Resolved', message: 'fixed' },
    ],
  };
  it('reads plain, nested, spaced and dotted keys', () => {
    expect(readPath(record, 'title')).toBe('Outage');
    expect(readPath(record, 'root cause.details')).toBe('expired key');
    expect(readPath(record, 'a.b')).toBe('dotted key');
    expect(readPath(record, 'TITLE')).toBe('Outage');
  });
  it('reads array elements by index and all of them with [*]', () => {
    expect(readPath(record, 'updates[1].message')).toBe('fixed');
    expect(readPath(record, 'updates[*].message')).toEqual(['looking', 'fixed']);
    expect(readPath(record, 'updates[5].message')).toBeUndefined();
    expect(readPath(record, 'updates[-1].status')).toBe('Resolved');
  });
  it('is undefined for a path that is not there', () => {
    expect(readPath(record, 'nope.deeper')).toBeUndefined();
    expect(readPath(null, 'title')).toBeUndefined();
    expect(readPath(record, '')).toBeUndefined();
  });
});
