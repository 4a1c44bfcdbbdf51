import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook, type Codebook } from '../codebook/codebook.ts';
import { createRecordReader, readAll } from '../import/readers/index.ts';
import { makeRevision } from '../model/testFactories.ts';
import type { LabelRevision } from '../model/labels.ts';
import { matchCode, MAX_CODES_PER_CELL, planExternalLabels, splitCodes, suggestExternalLabelMapping, type ExternalLabelInput, type ExternalLabelMapping } from './externalLabels.ts';

const codebook: Codebook = {
  schemaVersion: 2,
  id: 'ext-cb',
  name: 'External test codebook',
  version: 3,
  dimensions: {
    symptom: [
      { code: 'error', name: 'ERROR' },
      { code: 'unavil', name: 'UNAVIL' },
      { code: 'delay', name: 'DELAY' },
    ],
    rootCause: [
      { code: 'config', name: 'CONFIG' },
      { code: 'deploy', name: 'DEPLOY' },
    ],
    mitigation: [],
  },
  // A dimension may be called `constructor`: the mapping keeps its keys in null-prototype objects.
  extraDimensions: [{ id: 'constructor', name: 'Detection', codes: [{ code: 'alert', name: 'Alert' }] }],
};

const records = (fileName: string, text: string) => {
  const format = fileName.endsWith('.jsonl') ? 'jsonl' : 'csv';
  const { records: read, errors } = readAll(createRecordReader(format, fileName), text);
  expect(errors).toEqual([]);
  return read;
};

const nullObject = (entries: Record<string, string>) => Object.assign(Object.create(null) as Record<string, string>, entries);

const counter = () => {
  let n = 0;
  const newId = () => `n${++n}`;
  return { newId, calls: () => n };
};

const NOW = new Date(Date.UTC(2025, 4, 6, 12, 0, 0));

// Data rows are numbered 1 from the first row after the header.
const LABELS_CSV = [
  'incident_id,symptom_category,symptom,root_cause_category,constructor,__proto__',
  'aws-1,"ERROR, UNAVIL",errors then unavailability,CONFIG,because config,alert', // 1
  'aws-2,UNVAIL,cannot reach,UNKNOWN,,', // 2 (replaced by row 7)
  'aws-3,"DELAY; ERRROR",slow,DEPLOY,,', // 3
  'aws-9,ERROR,,,,', // 4: no such incident
  ',ERROR,,,,', // 5: no id
  'aws-4,,,,,', // 6: nothing labelled
  'aws-2,"UNVAIL, DELAY",cannot reach and slow,,,', // 7
  'aws-5,"FOO, BAR",,FOO,,', // 8: only unknown values
  'aws-6,FOO,,config,,', // 9
].join('\r\n');

const mapping: ExternalLabelMapping = {
  incidentId: 'incident_id',
  codes: nullObject({ symptom: 'symptom_category', rootCause: 'root_cause_category', constructor: '__proto__' }),
  rationale: nullObject({ symptom: 'symptom', rootCause: 'constructor' }),
  separators: ',;|',
};

const valueMap = new Map([
  ['symptom', new Map([['UNVAIL', 'unavil'], ['ERRROR', 'error']])],
  ['rootCause', new Map([['UNKNOWN', '']])],
]);

const incidentIds = new Set(['aws-1', 'aws-2', 'aws-3', 'aws-4', 'aws-5', 'aws-6']);

function plan(text: string, held: readonly LabelRevision[], ids = counter(), patch: Partial<ExternalLabelInput> = {}) {
  return planExternalLabels({ fileName: 'labels.csv', records: records('labels.csv', text), mapping, codebook, valueMap, incidentIds, held, coderId: 'src', round: 2, newId: ids.newId, now: NOW, ...patch });
}

describe('splitting a multi-valued cell', () => {
  it('keeps the order written, trims, and drops empties and repeats', () => {
    expect(splitCodes('ERROR, UNAVIL')).toEqual(['ERROR', 'UNAVIL']);
    expect(splitCodes('DELAY; ERROR')).toEqual(['DELAY', 'ERROR']);
    expect(splitCodes('UNAVIL, ERROR | DEPERF')).toEqual(['UNAVIL', 'ERROR', 'DEPERF']);
    expect(splitCodes('DELAY, UNAVIL, DELAY')).toEqual(['DELAY', 'UNAVIL']);
    expect(splitCodes(' , ;, ')).toEqual([]);
    expect(splitCodes('a/b, c', '/')).toEqual(['a', 'b, c']);
    expect(splitCodes('a, b', '')).toEqual(['a, b']);
    expect(splitCodes('a]b^c-d', ']^-')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes a list element by element and numbers as text; anything else gives no codes', () => {
    expect(splitCodes(['ERROR', ' UNAVIL ', 3, null, { code: 'x' }, ['y'], 'ERROR', ''])).toEqual(['ERROR', 'UNAVIL', '3']);
    expect(splitCodes(7)).toEqual(['7']);
    for (const nothing of [null, undefined, { a: 1 }, true]) expect(splitCodes(nothing)).toEqual([]);
  });
});

describe('matching a value to a code', () => {
  const defaults = loadDefaultCodebook();

  it('matches by full path, by own code or by name, without regard to case', () => {
    expect(matchCode('CONFIG', codebook, 'rootCause')).toBe('config');
    expect(matchCode('config', codebook, 'rootCause')).toBe('config');
    expect(matchCode('Misconfiguration', defaults, 'rootCause')).toBe('configuration-issue/misconfiguration');
    expect(matchCode('CONFIGURATION-ISSUE/MISCONFIGURATION', defaults, 'rootCause')).toBe('configuration-issue/misconfiguration');
    expect(matchCode(' Configuration  issue ', defaults, 'rootCause')).toBe('configuration-issue');
    expect(matchCode('configuration_issue', defaults, 'rootCause')).toBe('configuration-issue');
    // "Other" and "Not applicable" are offered in every dimension.
    expect(matchCode('Other', codebook, 'symptom')).toBe('other');
    expect(matchCode('not applicable', codebook, 'symptom')).toBe('not-applicable');
    expect(matchCode('alert', codebook, 'constructor')).toBe('alert');
  });

  it('gives null for no code, for a code of another dimension, and for a value two codes share', () => {
    expect(matchCode('UNKNOWN', codebook, 'symptom')).toBeNull();
    expect(matchCode('', codebook, 'symptom')).toBeNull();
    expect(matchCode('CONFIG', codebook, 'symptom')).toBeNull();
    const twice: Codebook = {
      ...codebook,
      dimensions: {
        ...codebook.dimensions,
        rootCause: [
          { code: 'network', name: 'Network', children: [{ code: 'dns', name: 'DNS' }] },
          { code: 'config', name: 'Config', children: [{ code: 'dns', name: 'DNS records' }] },
          { code: 'old', name: 'Old', retired: true },
        ],
      },
    };
    expect(matchCode('dns', twice, 'rootCause')).toBeNull();
    expect(matchCode('config/dns', twice, 'rootCause')).toBe('config/dns');
    expect(matchCode('DNS records', twice, 'rootCause')).toBe('config/dns');
    // A full path wins over the same text as another code's own code.
    expect(matchCode('network', twice, 'rootCause')).toBe('network');
    expect(matchCode('old', twice, 'rootCause')).toBeNull();
  });
});

describe('suggesting the columns of a labels file', () => {
  it('takes *_category columns for the codes and the same names without _category for the rationale', () => {
    const human = suggestExternalLabelMapping(
      ['(column 1)', 'description', 'vendor', 'label_service_category', 'label_user_symptom', 'label_user_symptom_category', 'label_root_cause', 'label_root_cause_category'],
      codebook,
    );
    expect(human.incidentId).toBe('');
    expect({ ...human.codes }).toEqual({ symptom: 'label_user_symptom_category', rootCause: 'label_root_cause_category' });
    expect({ ...human.rationale }).toEqual({ symptom: 'label_user_symptom', rootCause: 'label_root_cause' });
    expect(Object.getPrototypeOf(human.codes)).toBeNull();
    expect(human.separators).toBe(',;|');

    const extraction = suggestExternalLabelMapping(['service_name', 'user_symptom', 'user_symptom_category', 'root_cause', 'root_cause_category'], codebook);
    expect({ ...extraction.codes }).toEqual({ symptom: 'user_symptom_category', rootCause: 'root_cause_category' });
    expect({ ...extraction.rationale }).toEqual({ symptom: 'user_symptom', rootCause: 'root_cause' });
  });

  it('finds the id by name, code and label columns, camelCase names and reason columns', () => {
    const m = suggestExternalLabelMapping(['Title', 'Incident ID', 'Symptom code', 'rootCauseLabel', 'RootCause', 'Mitigation label', 'Reason for mitigation', 'detection_category'], codebook);
    expect(m.incidentId).toBe('Incident ID');
    expect({ ...m.codes }).toEqual({ symptom: 'Symptom code', rootCause: 'rootCauseLabel', mitigation: 'Mitigation label', constructor: 'detection_category' });
    expect({ ...m.rationale }).toEqual({ rootCause: 'RootCause', mitigation: 'Reason for mitigation' });
    expect(suggestExternalLabelMapping(['number', 'root_cause', 'symptom'], codebook)).toMatchObject({ incidentId: 'number' });
    expect(Object.keys(suggestExternalLabelMapping(['number', 'root_cause', 'symptom'], codebook).codes)).toEqual([]);
  });
});

describe('planning an import of external labels', () => {
  const first = plan(LABELS_CSV, []);

  it('makes one revision per label, primary code first and the rest in order, with the rationale column', () => {
    const got = first.revisions.map((r) => [r.id, r.incidentId, r.dimension, r.code, r.secondaryCodes ?? [], r.rationale]);
    // Incidents in the order of the rows that stand (aws-2's is row 7); dimensions in the codebook's order.
    expect(got).toEqual([
      ['n1', 'aws-1', 'symptom', 'error', ['unavil'], 'errors then unavailability'],
      ['n2', 'aws-1', 'rootCause', 'config', [], 'because config'],
      ['n3', 'aws-1', 'constructor', 'alert', [], ''],
      ['n4', 'aws-3', 'symptom', 'delay', ['error'], 'slow'],
      ['n5', 'aws-3', 'rootCause', 'deploy', [], ''],
      ['n6', 'aws-2', 'symptom', 'unavil', ['delay'], 'cannot reach and slow'],
      ['n7', 'aws-6', 'rootCause', 'config', [], ''],
    ]);
    for (const r of first.revisions) {
      expect(r).toMatchObject({ annotatorId: 'src', round: 2, codebookId: 'ext-cb', codebookVersion: 3, savedAt: '2025-05-06T12:00:00.000Z', previousId: null });
    }
    expect(first.revisions[2]).not.toHaveProperty('secondaryCodes');
    expect([first.labelled, first.unchanged]).toEqual([7, 0]);
  });

  it('lists unknown values with their counts and first rows, and the values it was told to ignore', () => {
    expect(first.unknown).toEqual([
      { dimension: 'symptom', value: 'FOO', count: 2, firstRow: 8 },
      { dimension: 'symptom', value: 'BAR', count: 1, firstRow: 8 },
      { dimension: 'rootCause', value: 'FOO', count: 1, firstRow: 8 },
    ]);
    expect(first.ignored).toEqual([{ dimension: 'rootCause', value: 'UNKNOWN', count: 1, firstRow: 2 }]);
    // aws-4 (empty), aws-5 (unknown only), aws-6 (symptom unknown); aws-2's standing row has no root cause.
    expect(first.unlabelled).toEqual([
      { dimension: 'symptom', count: 3 },
      { dimension: 'rootCause', count: 3 },
      { dimension: 'constructor', count: 5 },
    ]);
  });

  it('names file, row and field of an unknown or missing incident id, and of a repeated incident', () => {
    expect(first.errors).toEqual([
      { file: 'labels.csv', row: 4, field: 'incident_id', message: 'no incident "aws-9" in this study' },
      { file: 'labels.csv', row: 5, field: 'incident_id', message: 'no incident id' },
      { file: 'labels.csv', row: 7, field: 'incident_id', message: 'incident "aws-2" is on row 2 too; this later row replaces it' },
    ]);
    const e = first.errors[0]!;
    expect(`${e.file}, row ${e.row}, field ${e.field}: ${e.message}`).toBe('labels.csv, row 4, field incident_id: no incident "aws-9" in this study');
  });

  it('adds nothing when the same file is imported again, and draws no ids', () => {
    // Another coder's and another round's revisions are not the coder's current labels.
    const others = [makeRevision('o1', { incidentId: 'aws-1', annotatorId: 'someone', round: 2, code: 'delay' }), makeRevision('o2', { incidentId: 'aws-1', annotatorId: 'src', round: 1, code: 'delay' })];
    const ids = counter();
    const again = plan(LABELS_CSV, [...others, ...first.revisions], ids);
    expect(again.revisions).toEqual([]);
    expect([again.labelled, again.unchanged]).toEqual([0, 7]);
    expect(ids.calls()).toBe(0);
  });

  it('adds revisions only where a changed file changed codes', () => {
    const changed = LABELS_CSV.replace('"DELAY; ERRROR"', 'DELAY').replace('aws-6,FOO,,config', 'aws-6,ERROR,,config');
    const next = plan(changed, first.revisions);
    expect(next.revisions.map((r) => [r.incidentId, r.dimension, r.code, r.secondaryCodes, r.previousId])).toEqual([
      ['aws-3', 'symptom', 'delay', undefined, 'n4'],
      ['aws-6', 'symptom', 'error', undefined, null],
    ]);
    expect([next.labelled, next.unchanged]).toEqual([2, 6]);
  });

  it('reports a mapping to no dimension, a value mapped to no code, and a cell past the limit of codes', () => {
    const codes = nullObject({ symptom: 'symptom_category', detection: 'root_cause_category' });
    const many = Array.from({ length: MAX_CODES_PER_CELL + 1 }, (_, i) => `v${i}`).join(', ');
    const text = `incident_id,symptom_category,root_cause_category\naws-1,UNVAIL,x\naws-2,"${many}",x\naws-3,UNVAIL,x`;
    const got = plan(text, [], counter(), { mapping: { incidentId: 'incident_id', codes, separators: ',' }, valueMap: new Map([['symptom', new Map([['UNVAIL', 'unavailable']])]]) });
    expect(got.errors).toEqual([
      { file: 'labels.csv', row: 0, field: 'root_cause_category', message: 'the codebook has no dimension "detection"; the column was not imported' },
      { file: 'labels.csv', row: 0, field: 'symptom_category', message: 'the value "UNVAIL" is mapped to "unavailable", which is no code of the dimension "symptom"' },
      { file: 'labels.csv', row: 2, field: 'symptom_category', message: `holds ${MAX_CODES_PER_CELL + 1} values; the limit is ${MAX_CODES_PER_CELL} codes in one cell, so the row has no label here` },
    ]);
    expect(got.unknown).toEqual([{ dimension: 'symptom', value: 'UNVAIL', count: 2, firstRow: 1 }]);
    expect(got.revisions).toEqual([]);
    expect(plan(text, [], counter(), { mapping: { incidentId: ' ', codes, separators: ',' } }).errors).toEqual([
      { file: 'labels.csv', row: 0, field: '(mapping)', message: 'no column is chosen for the incident id' },
    ]);
  });

  it('reads lists and nested paths of JSON Lines', () => {
    const text = [
      '{"incident": {"id": "aws-1"}, "labels": {"symptom": ["DELAY", "ERROR", "DELAY"], "why": "slow, then failing"}}',
      '',
      '{"incident": {"id": "aws-2"}, "labels": {"symptom": "UNAVIL"}}',
      '{"incident": {"id": 7}, "labels": {"symptom": ["ERROR"]}}',
    ].join('\n');
    const got = planExternalLabels({
      fileName: 'model.jsonl',
      records: records('model.jsonl', text),
      mapping: { incidentId: 'incident.id', codes: nullObject({ symptom: 'labels.symptom' }), rationale: nullObject({ symptom: 'labels.why' }), separators: ',' },
      codebook,
      valueMap: new Map(),
      incidentIds: new Set(['aws-1', 'aws-2', '7']),
      held: [],
      coderId: 'model',
      round: 1,
      newId: counter().newId,
      now: NOW,
    });
    expect(got.errors).toEqual([]);
    expect(got.revisions.map((r) => [r.incidentId, r.code, r.secondaryCodes ?? [], r.rationale])).toEqual([
      ['aws-1', 'delay', ['error'], 'slow, then failing'],
      ['aws-2', 'unavil', [], ''],
      ['7', 'error', [], ''],
    ]);
  });

  it('plans a large file in one pass, without spreading its revisions into a call', () => {
    const n = 120_000;
    const many = Array.from({ length: n }, (_, i) => ({ row: i + 1, record: nullObject({ incident_id: `i${i}`, symptom_category: i % 2 ? 'ERROR, DELAY' : 'UNAVIL' }) }));
    const got = planExternalLabels({
      fileName: 'big.csv',
      records: many,
      mapping: { incidentId: 'incident_id', codes: nullObject({ symptom: 'symptom_category' }), separators: ',' },
      codebook,
      valueMap: new Map(),
      incidentIds: new Set(many.map((r) => `i${r.row - 1}`)),
      held: [],
      coderId: 'src',
      round: 1,
      newId: counter().newId,
      now: NOW,
    });
    expect(got.labelled).toBe(n);
    expect(got.revisions.filter((r) => r.secondaryCodes?.[0] === 'delay')).toHaveLength(n / 2);
  });
});
