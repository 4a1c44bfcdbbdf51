import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { normaliseRecords, type ImportResult } from './importIncidents.ts';
import { mapRecord, suggestMapping } from './mapping.ts';
import { detectFormat, parseSource } from './parse.ts';
import { detectPreset, GITHUB_STATUS_HISTORY } from './presets.ts';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/${name}`, import.meta.url), 'utf8');
const sharedDataset = (path: string) => readFileSync(new URL(`../../../shared/datasets/${path}`, import.meta.url), 'utf8');

function done(result: ImportResult | 'cancelled'): ImportResult {
  if (result === 'cancelled') throw new Error('unexpectedly cancelled');
  return result;
}

describe('CSV import with a suggested mapping', () => {
  const text = fixture('skeleton-incidents.csv');
  const source = parseSource('skeleton-incidents.csv', text);
  const mapping = suggestMapping(source.columns);

  it('maps every column of the fixture by its name', () => {
    expect(mapping.fields).toEqual({
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
    const result = done(normaliseRecords(source, 'skeleton-incidents.csv', mapping));
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
    expect(first.raw).toEqual(source.records[0]);
    expect((first.raw as Record<string, string>)['Root Cause']).toBe(first.rootCauseText);
    const multiLine = result.incidents.find((i) => i.id === 'INC-103')!;
    expect(multiLine.description).toContain('\n');
    const active = result.incidents.find((i) => i.id === 'INC-111')!;
    expect(active.status).toBe('active');
    expect(active.timeToMitigateMinutes).toBeNull();
  });

  it('names file, row and field for a bad date and an unknown status, and keeps the good rows', () => {
    const bad = 'id,title,status,created\n1,ok,resolved,2024-01-01 10:00\n2,bad date,resolved,yesterday\n3,bad status,sleeping,2024-01-01\n';
    const src = parseSource('bad.csv', bad);
    const result = done(normaliseRecords(src, 'bad.csv', suggestMapping(src.columns)));
    expect(result.incidents.map((i) => i.id)).toEqual(['1']);
    expect(result.errors).toEqual([
      { file: 'bad.csv', row: 2, field: 'created', message: '"yesterday" is not a date and time' },
      { file: 'bad.csv', row: 3, field: 'status', message: '"sleeping" is not a known status; map it to one of active, mitigated, resolved' },
    ]);
  });

  it('reports duplicate ids within a file', () => {
    const src = parseSource('dup.csv', 'id,title\nA,first\nA,second\n');
    const result = done(normaliseRecords(src, 'dup.csv', suggestMapping(src.columns)));
    expect(result.duplicateIds).toEqual(['A']);
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]!.title).toBe('second');
    expect(result.errors[0]).toMatchObject({ row: 2, field: 'id' });
  });

  it('stops when cancelled', () => {
    expect(normaliseRecords(source, 'x.csv', mapping, { shouldCancel: () => true })).toBe('cancelled');
  });
});

describe('JSON sources', () => {
  it('reads an array, an object with one array, and an object keyed by id', () => {
    expect(parseSource('a.json', '[{"title":"x"}]').records).toEqual([{ title: 'x' }]);
    expect(parseSource('b.json', '{"page":{"id":"p"},"incidents":[{"title":"y"}]}').records).toEqual([{ title: 'y' }]);
    expect(parseSource('c.json', '{"INC-1":{"title":"z"}}').records).toEqual([{ id: 'INC-1', title: 'z' }]);
  });

  it('reports a broken file and broken lines with their numbers', () => {
    expect(parseSource('d.json', '{oops').errors[0]).toMatchObject({ file: 'd.json', row: 0, field: '(file)' });
    const lines = parseSource('e.jsonl', '{"title":"a"}\nnot json\n{"title":"b"}\n');
    expect(lines.records).toHaveLength(2);
    expect(lines.errors).toEqual([expect.objectContaining({ file: 'e.jsonl', row: 2, field: '(line)' })]);
  });

  it('detects formats from names and content', () => {
    expect(detectFormat('x.csv', '')).toBe('csv');
    expect(detectFormat('x', '[1]')).toBe('json');
    expect(detectFormat('x', '{"a":1}\n{"a":2}\n')).toBe('jsonl');
    expect(detectFormat('x', 'a,b\n1,2')).toBe('csv');
  });
});

describe('GitHub status history preset on the real file', () => {
  const text = sharedDataset('statuspage/githubstatus_incidents_mrshu.jsonl');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const source = parseSource('githubstatus_incidents_mrshu.jsonl', text);

  it('is detected from the columns', () => {
    expect(detectPreset(source.columns)?.id).toBe(GITHUB_STATUS_HISTORY.id);
  });

  it('imports every record with the fields it carries', () => {
    const result = done(normaliseRecords(source, 'g.jsonl', GITHUB_STATUS_HISTORY.mapping));
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(lines.length);
    const firstRaw = JSON.parse(lines[0]!) as { id: string; title: string; impact: string; components: string[]; updates: Array<{ message: string }>; duration_minutes: number };
    const first = result.incidents.find((i) => i.id === firstRaw.id)!;
    expect(first.title).toBe(firstRaw.title);
    expect(first.severityRaw).toBe(firstRaw.impact);
    expect(first.services).toEqual(firstRaw.components);
    expect(first.description).toBe(firstRaw.updates.map((u) => u.message).join('\n\n'));
    expect(first.status).toBe('resolved');
    expect(first.timeToMitigateMinutes).toBe(firstRaw.duration_minutes);
    const critical = lines.filter((l) => (JSON.parse(l) as { impact: string }).impact === 'critical').length;
    expect(result.incidents.filter((i) => i.severityRaw === 'critical')).toHaveLength(critical);
  });
});

describe('mapRecord', () => {
  it('turns a non-object record into a row error, never an exception', () => {
    const out = mapRecord(42, { fields: { title: 'title' } }, { file: 'f', row: 7, format: 'json' });
    expect(out.incident).toBeNull();
    expect(out.errors[0]).toMatchObject({ file: 'f', row: 7, field: '(record)' });
  });
});
