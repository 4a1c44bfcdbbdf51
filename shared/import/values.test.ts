import { describe, expect, it } from 'vitest';
import { lookupValue } from './mapping.ts';
import { DEFAULT_VALUE_MAPS, NO_VALUE } from './values.ts';

const none = { fields: {} };

describe('DEFAULT_VALUE_MAPS', () => {
  it('reads the detection wordings of post-mortem datasets', () => {
    for (const raw of ['automate', 'Automated', 'automatic', 'Automatic monitoring', 'alert', 'alerting', 'monitoring', 'monitor', 'detector', 'synthetic']) {
      expect(lookupValue('detectionType', raw, none), raw).toBe('monitor');
    }
    for (const raw of ['manual', 'customer', 'Customer report', 'user report', 'user', 'human', 'support ticket', 'engineer']) {
      expect(lookupValue('detectionType', raw, none), raw).toBe('human');
    }
  });

  it('reads common severity scales', () => {
    expect(['p0', 'P1', 'sev0', 'Sev1', 'sev-1', 'critical', 'major', 'high'].map((raw) => lookupValue('severity', raw, none))).toEqual(Array(8).fill('high'));
    expect(['p2', 'sev2', 'medium', 'minor', 'moderate'].map((raw) => lookupValue('severity', raw, none))).toEqual(Array(5).fill('medium'));
    expect(['p3', 'sev3', 'low', 'trivial'].map((raw) => lookupValue('severity', raw, none))).toEqual(Array(4).fill('low'));
  });

  it('maps placeholders to no value, except the impact "none" Statuspage writes for its lowest level', () => {
    for (const raw of ['unknown', 'N/A', 'none', '-', 'null']) {
      expect(lookupValue('detectionType', raw, none), raw).toBe(NO_VALUE);
      expect(lookupValue('status', raw, none), raw).toBe(NO_VALUE);
      expect(lookupValue('falseAlarm', raw, none), raw).toBe(NO_VALUE);
    }
    expect(lookupValue('severity', 'unknown', none)).toBe(NO_VALUE);
    expect(lookupValue('severity', 'none', none)).toBe('low');
  });

  it('finds nothing for names of Object properties read from a file', () => {
    for (const raw of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(lookupValue('status', raw, none), raw).toBeUndefined();
      expect(lookupValue('falseAlarm', raw, none), raw).toBeUndefined();
    }
    expect(Object.getPrototypeOf(DEFAULT_VALUE_MAPS.status)).toBeNull();
  });
});
