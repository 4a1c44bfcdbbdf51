import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { makeLabel } from '../model/testFactories.ts';
import { labelsToTidyCsv, labelsToWideCsv } from './labelExport.ts';

const annotators = [
  { id: 'a', name: 'Ann', createdAt: '1' },
  { id: 'b', name: 'Bob, Jr.', createdAt: '2' },
  { id: 'c', name: 'Cy', createdAt: '3' },
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
      ['INC-1', 'Ann', 'rootCause', 'config', '2', 'cb', '3'],
      ['INC-2', 'Bob, Jr.', 'symptom', 'perf/api', '1', 'cb', '1'],
    ]);
  });

  it('wide: one row per item and dimension, a column per coder who coded anything, empty when missing', () => {
    const rows = Papa.parse<string[]>(labelsToWideCsv(labels, annotators, ['INC-1', 'INC-2']), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['item', 'dimension', 'Ann', 'Bob, Jr.'],
      ['INC-1', 'symptom', 'perf', 'deploy'],
      ['INC-2', 'symptom', '', 'perf/api'],
      ['INC-1', 'rootCause', 'config', ''],
    ]);
  });
});
