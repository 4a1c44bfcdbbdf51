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

  const bad = 'id,title,status,created\n1,ok,resolved,2024-01-01 10:00\n2,bad date,resolved,yesterday\n3,bad status,sleeping,2024-01-01\n4,bad status again,sleeping,2024-01-02\n';
  const mapping = { fields: { id: 'id', title: 'title', status: 'status', createdAt: 'created' } };

  it('keeps every incident when an optional field cannot take a value, with one warning per field', () => {
    const result = importText('bad.csv', bad, { mapping });
    expect(result.errors).toEqual([]);
    expect(result.incidents.map((i) => [i.id, i.status, i.createdAt])).toEqual([
      ['1', 'resolved', '2024-01-01T10:00:00.000Z'],
      ['2', 'resolved', null],
      ['3', null, '2024-01-01T00:00:00.000Z'],
      ['4', null, '2024-01-02T00:00:00.000Z'],
    ]);
    // The raw value stays in the stored record.
    expect((result.incidents[2]!.raw as Record<string, string>).status).toBe('sleeping');
    expect(result.warnings.map(({ field, path, rows, values }) => ({ field, path, rows, values }))).toEqual([
      { field: 'status', path: 'status', rows: 2, values: [{ value: 'sleeping', rows: 2 }] },
      { field: 'createdAt', path: 'created', rows: 1, values: [{ value: 'yesterday', rows: 1 }] },
    ]);
  });

  it('in strict mode refuses those rows instead, naming file, row and field', () => {
    const result = importText('bad.csv', bad, { mapping: { ...mapping, strict: true } });
    expect(result.incidents.map((i) => i.id)).toEqual(['1']);
    expect(result.errors).toEqual([
      { file: 'bad.csv', row: 2, field: 'created', message: '"yesterday" is not a date and time' },
      { file: 'bad.csv', row: 3, field: 'status', message: '"sleeping" is not a known status; map it to one of active, mitigated, resolved' },
      { file: 'bad.csv', row: 4, field: 'status', message: '"sleeping" is not a known status; map it to one of active, mitigated, resolved' },
    ]);
  });

  it('refuses only a record with neither title nor text; a missing title comes from the text', () => {
    const text = 'id,title,description\nA,,Disk filled up. Then the node died.\nB,,\n';
    const result = importText('t.csv', text, { mapping: { fields: { id: 'id', title: 'title', description: 'description' } } });
    expect(result.incidents.map((i) => [i.id, i.title])).toEqual([['A', 'Disk filled up.']]);
    expect(result.errors).toEqual([{ file: 't.csv', row: 2, field: 'title', message: 'has no title and no text; an incident needs one or the other' }]);
  });

  it('reads numeric flags, a duration for the time to mitigate, and placeholders as no value', () => {
    const text = 'title,false_alarm,tsg,duration,detection\nA,1.0,0.0,1.5,unknown\nB,0,2,90 min,automatic monitoring\n';
    const fields = { title: 'title', falseAlarm: 'false_alarm', troubleshootingGuide: 'tsg', duration: 'duration', detectionType: 'detection' };
    const result = importText('f.csv', text, { mapping: { fields, durationUnit: 'hours' } });
    expect(result.warnings).toEqual([]);
    expect(result.incidents.map((i) => [i.falseAlarm, i.hasTroubleshootingGuide, i.timeToMitigateMinutes, i.detectionType])).toEqual([
      [true, false, 90, null],
      [false, true, 90, 'monitor'],
    ]);
  });

  it('reads a placeholder such as "unknown" or "n/a" in a date or a duration as no value, not as a warning', () => {
    const text = 'title,created,duration\nA,unknown,n/a\nB,2024-01-01,-\n';
    const result = importText('u.csv', text, { mapping: { fields: { title: 'title', createdAt: 'created', duration: 'duration' } } });
    expect(result.warnings).toEqual([]);
    expect(result.incidents.map((i) => [i.createdAt, i.timeToMitigateMinutes])).toEqual([
      [null, null],
      ['2024-01-01T00:00:00.000Z', null],
    ]);
  });

  it('reads a placeholder text (N/A, unknown, -) as no text, in texts, names and lists', () => {
    const text = 'title,root cause,monitor,team,services\nA,N/A,n/a,-,"Compute, unknown"\nN/A,Disk full.,disk-alert,Storage,Storage\n';
    const fields = { title: 'title', rootCauseText: 'root cause', monitorName: 'monitor', owningTeam: 'team', services: 'services' };
    const result = importText('p.csv', text, { mapping: { fields } });
    expect(result.incidents.map((i) => [i.title, i.rootCauseText, i.monitorName, i.owningTeam, i.services])).toEqual([
      ['A', '', null, null, ['Compute']],
      ['Disk full.', 'Disk full.', 'disk-alert', 'Storage', ['Storage']],
    ]);
  });

  it('gives an incident without an id one derived from its content, the same whatever the file is called', () => {
    const text = 'title,created\nDisk full,2024-01-01\nNetwork down,2024-01-02\n';
    const a = importText('export.csv', text).incidents.map((i) => i.id);
    const b = importText('renamed copy.csv', text).incidents.map((i) => i.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(2);
  });

  it('never lets a value from the file reach Object.prototype through a value map', () => {
    const text = 'title,status\nA,constructor\nB,__proto__\nC,toString\n';
    const result = importText('p.csv', text, { mapping: { fields: { title: 'title', status: 'status' }, values: { status: { closed: 'resolved' } } } });
    expect(result.incidents.map((i) => i.status)).toEqual([null, null, null]);
    expect(result.warnings[0]!.values.map((v) => v.value).sort()).toEqual(['__proto__', 'constructor', 'toString']);
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
