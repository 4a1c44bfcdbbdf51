import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { makeLabel } from '../model/testFactories.ts';
import { labelsToTidyCsv, labelsToWideCsv } from './labelExport.ts';

const annotators = [
  { id: 'a', name: 'Ann', role: 'annotator' as const, createdAt: '1' },
  { id: 'b', name: 'Bob, Jr.', role: 'annotator' as const, createdAt: '2' },
  { id: 'c', name: 'Cy', role: 'lead' as const, createdAt: '3' },
];
const labels = [
  makeLabel('INC-2', 'b', 'symptom', 'perf/api'),
  makeLabel('INC-1', 'a', 'symptom', 'perf'),
  makeLabel('INC-1', 'b', 'symptom', 'deploy'),
  { ...makeLabel('INC-1', 'a', 'rootCause', 'config'), round: 2, codebookVersion: 3 },
];

describe('label exports', () => {
  it('tidy: one row per item, coder and dimension, with round and codebook version', () => {
    const rows = Papa.parse<string[]>(labelsToTidyCsv(labels, annotators), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['item', 'coder', 'dimension', 'code', 'round', 'codebook', 'codebook_version'],
      ['INC-1', 'Ann', 'symptom', 'perf', '1', 'cb', '1'],
      ['INC-1', 'Bob, Jr.', 'symptom', 'deploy', '1', 'cb', '1'],
      ['INC-2', 'Bob, Jr.', 'symptom', 'perf/api', '1', 'cb', '1'],
      ['INC-1', 'Ann', 'rootCause', 'config', '2', 'cb', '3'],
    ]);
  });

  it('wide: one row per round, item and dimension, a column per coder who coded anything, empty when missing', () => {
    const rows = Papa.parse<string[]>(labelsToWideCsv(labels, annotators, ['INC-1', 'INC-2']), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['round', 'item', 'dimension', 'Ann', 'Bob, Jr.'],
      ['1', 'INC-1', 'symptom', 'perf', 'deploy'],
      ['1', 'INC-2', 'symptom', '', 'perf/api'],
      ['2', 'INC-1', 'rootCause', 'config', ''],
    ]);
  });

  it('neutralises formula-like ids, codes and coder names in both exports, keeping the text after a leading quote', () => {
    const people = [
      { id: 'a', name: '@Ann', role: 'annotator' as const, createdAt: '1' },
      { id: 'b', name: 'Bob', role: 'annotator' as const, createdAt: '2' },
    ];
    const ids = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", '-2+3', '\t=1', 'INC-9'];
    const coded = ids.flatMap((id) => [makeLabel(id, 'a', 'symptom', '=1+1'), makeLabel(id, 'b', 'symptom', 'perf')]);
    const dangerous = (s: string) => /^[\t\r]/.test(s) || /^\s*[=+\-@]/.test(s);
    const shown = (s: string) => (dangerous(s) ? `'${s}` : s);
    const tidy = Papa.parse<string[]>(labelsToTidyCsv(coded, people), { skipEmptyLines: true }).data;
    const wide = Papa.parse<string[]>(labelsToWideCsv(coded, people, ids), { skipEmptyLines: true }).data;
    for (const table of [tidy, wide]) for (const row of table) for (const cell of row) expect(dangerous(cell), cell).toBe(false);
    expect(wide).toEqual([['round', 'item', 'dimension', shown('@Ann'), 'Bob'], ...ids.map((id) => ['1', shown(id), 'symptom', shown('=1+1'), 'perf'])]);
    expect(tidy.slice(1).map((r) => r[0])).toEqual([...coded].sort((x, y) => x.incidentId.localeCompare(y.incidentId) || x.annotatorId.localeCompare(y.annotatorId)).map((l) => shown(l.incidentId)));
    expect(tidy.slice(1).map((r) => r[4])).toEqual(coded.map(() => '1'));
  });
});
