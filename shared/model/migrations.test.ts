import { describe, expect, it } from 'vitest';
import { upgradeIncidentV1toV2, type IncidentV1 } from './migrations.ts';

describe('incident v1 → v2', () => {
  const v1: IncidentV1 = {
    id: 'INC-1',
    title: 'Outage',
    description: `hidden${String.fromCodePoint(0xe0041)}`,
    status: 'resolved',
    severity: 'high',
    severityRaw: 'Sev1',
    services: ['API'],
    createdAt: '2024-01-01T00:00:00.000Z',
    mitigatedAt: null,
    resolvedAt: '2024-01-01T01:00:00.000Z',
    timeToMitigateMinutes: 60,
    rootCauseText: 'disk',
    mitigationText: 'restart',
    source: { file: 'f.csv', row: 3, format: 'csv' },
    raw: { a: 1 },
  };

  it('keeps every v1 field and adds the new ones empty', () => {
    const v2 = upgradeIncidentV1toV2(v1);
    expect(v2).toMatchObject(v1);
    expect(v2.teamHistory).toEqual([]);
    expect(v2.discussion).toEqual([]);
    expect(v2.detectionType).toBeNull();
    expect(v2.transferHops).toBeNull();
  });

  it('counts hidden characters already in the text', () => {
    expect(upgradeIncidentV1toV2(v1).hiddenCharacters).toBe(1);
    expect(upgradeIncidentV1toV2({ ...v1, description: 'clean' }).hiddenCharacters).toBe(0);
  });
});
