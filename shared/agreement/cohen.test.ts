import { describe, expect, it } from 'vitest';
import { computeCohenKappa, describeKappa } from './cohen.ts';

// The published vectors are checked field by field, with every other statistic, in statistics.test.ts.

describe('computeCohenKappa edges', () => {
  it('matches a 2x2 table worked by hand', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const po = (20 + 15) / 50;
    const pe = (25 / 50) * (30 / 50) + (25 / 50) * (20 / 50);
    const r = computeCohenKappa(a, b, ['yes', 'no']);
    expect(r.observedAgreement).toBeCloseTo(po, 15);
    expect(r.expectedAgreement).toBeCloseTo(pe, 15);
    expect(r.kappa).toBeCloseTo((po - pe) / (1 - pe), 15);
  });

  it('is -1 for complete systematic disagreement on two balanced categories', () => {
    const r = computeCohenKappa(['x', 'y', 'x', 'y'], ['y', 'x', 'y', 'x'], ['x', 'y']);
    expect(r.kappa).toBe(-1);
  });

  it('is 1 for perfect agreement over two used categories', () => {
    const r = computeCohenKappa(['x', 'y', 'y'], ['x', 'y', 'y'], ['x', 'y', 'z']);
    expect(r.kappa).toBe(1);
    expect(r.se).toBe(0);
  });

  it('is null (never NaN, never 1) when one category is all anybody used', () => {
    const r = computeCohenKappa(['x', 'x'], ['x', 'x'], ['x', 'y']);
    expect(r.observedAgreement).toBe(1);
    expect(r.expectedAgreement).toBe(1);
    expect(r.kappa).toBeNull();
    expect(r.z).toBeNull();
  });

  it('skips items either coder left unrated and has no value for no pairs', () => {
    const r = computeCohenKappa(['x', null, 'y'], ['x', 'y', null], ['x', 'y']);
    expect(r.nPairs).toBe(1);
    const none = computeCohenKappa([null], ['x'], ['x', 'y']);
    expect(none.nPairs).toBe(0);
    expect(none.kappa).toBeNull();
  });

  it('compares labels as exact strings and refuses undeclared ones', () => {
    expect(() => computeCohenKappa(['Degraded'], ['degraded'], ['Degraded'])).toThrow(/"degraded" is not a declared category/);
    const r = computeCohenKappa(['é', '1', '01'], ['é', '1', '01'], ['é', '1', '01']);
    expect(r.kappa).toBe(1);
  });

  it('puts Landis-Koch words on kappa', () => {
    expect(describeKappa(0.93)).toBe('almost perfect');
    expect(describeKappa(0.5)).toBe('moderate');
    expect(describeKappa(-0.1)).toBe('poor');
    expect(describeKappa(null)).toBe('undefined');
  });
});
