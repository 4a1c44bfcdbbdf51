import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importText } from './pipeline.ts';
import { mapRecord } from './mapping.ts';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/${name}`, import.meta.url), 'utf8');

describe('CSV import with a suggested mapping', () => {
  const text = fixture('skeleton-incidents.csv');
  const result = importText('skeleton-incidents.csv', text);

  it('maps every column of the fixture by its name', () => {
    expect(result.plan.exportFormat).toBeNull();
    expect(result.plan.mapping.fields).toEqual({
      id: 'Incident ID',
      title: 'Title',
      description: 'Description',
      status: 'Status',
      severity: 'Severity',
      services: 'Service',
      createdAt: 'Created',
      mitigatedAt: 'Mitigated',
      resolvedAt: 'Resolved',
      rootCauseText: 'Root Cause',
      mitigationText: 'Mitigation',
    });
  });

  it('normalises each row and keeps the raw record unchanged', () => {
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(12);
    const first = result.incidents[0]!;
    expect(first.id).toBe('INC-101');
    expect(first.status).toBe('resolved');
    expect(first.severity).toBe('high');
    expect(first.severityRaw).toBe('Sev1');
    expect(first.services).toEqual(['Inference API']);
    expect(first.createdAt).toBe('2024-03-01T10:00:00.000Z');
    expect(first.timeToMitigateMinutes).toBe(90);
    expect(first.raw).toEqual(Object.fromEntries(result.columns.map((c, i) => [c, text.split('\r\n')[1]!.split(',')[i]])));
    expect((first.raw as Record<string, string>)['Root Cause']).toBe(first.rootCauseText);
    const multiLine = result.incidents.find((i) => i.id === 'INC-103')!;
    expect(multiLine.description).toContain('\n');
    const active = result.incidents.find((i) => i.id === 'INC-111')!;
    expect(active.status).toBe('active');
    expect(active.timeToMitigateMinutes).toBeNull();
  });

  it('names file, row and field for a bad date and an unknown status, and keeps the good rows', () => {
    const bad = 'id,title,status,created\n1,ok,resolved,2024-01-01 10:00\n2,bad date,resolved,yesterday\n3,bad status,sleeping,2024-01-01\n';
    const result = importText('bad.csv', bad);
    expect(result.incidents.map((i) => i.id)).toEqual(['1']);
    expect(result.errors).toEqual([
      { file: 'bad.csv', row: 2, field: 'created', message: '"yesterday" is not a date and time' },
      { file: 'bad.csv', row: 3, field: 'status', message: '"sleeping" is not a known status; map it to one of active, mitigated, resolved' },
    ]);
  });

  it('reports duplicate ids within a file', () => {
    const result = importText('dup.csv', 'id,title\nA,first\nA,second\n');
    expect(result.duplicateIds).toEqual(['A']);
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]!.title).toBe('second');
    expect(result.errors[0]).toMatchObject({ row: 2, field: 'id' });
  });

});

describe('mapRecord', () => {
  it('turns a non-object record into a row error, never an exception', () => {
    const out = mapRecord(42, { fields: { title: 'title' } }, { file: 'f', row: 7, format: 'json' });
    expect(out.incident).toBeNull();
    expect(out.errors[0]).toMatchObject({ file: 'f', row: 7, field: '(record)' });
  });
});
