import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { createCsvReader } from './csvReader.ts';
import type { RecordReader } from './types.ts';

const RUNS = 1000;

/** Rows and problems as comparable data: records with their values in header order, errors by row. */
interface Outcome {
  rows: Array<{ row: number; values: string[] }>;
  errorRows: number[];
}

function feed(reader: RecordReader, text: string, cuts: number[]): Outcome {
  const rows: Outcome['rows'] = [];
  let header: string[] = [];
  const take = (records: ReturnType<RecordReader['push']>) => {
    header = reader.columns();
    for (const { row, record } of records) rows.push({ row, values: header.map((c) => (record as Record<string, string>)[c]!) });
  };
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    take(reader.push(text.slice(from, cut)));
    from = cut;
  }
  take(reader.push(text.slice(from)));
  take(reader.end());
  return { rows, errorRows: reader.takeErrors().map((e) => e.row).sort((a, b) => a - b) };
}

/**
 * What Papa Parse makes of the whole text at once, told the file's line break, under the reader's rules:
 * blank lines are not rows, the first row is the header, a row with a quote error is not imported, a row with
 * too few fields is refused and one with too many is kept, both reported.
 */
function wholeFile(text: string, newline: '\n' | '\r\n'): Outcome {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', newline, header: false, skipEmptyLines: false });
  const broken = new Set(result.errors.map((e) => e.row));
  const rows: Outcome['rows'] = [];
  const errorRows: number[] = [];
  let header: string[] | null = null;
  let dataRow = 0;
  const rowOf = new Map<number, number>();
  result.data.forEach((values, index) => {
    if (values.length === 1 && values[0] === '') return;
    if (header === null) {
      header = values;
      return;
    }
    dataRow += 1;
    rowOf.set(index, dataRow);
    if (broken.has(index)) return;
    if (values.length !== header.length) errorRows.push(dataRow);
    if (values.length >= header.length) rows.push({ row: dataRow, values: values.slice(0, header.length).map((v) => v.replace(/\r\n/g, '\n')) });
  });
  // One error per row and kind, as the reader reports them (Papa repeats a malformed quote for each it meets).
  const said = new Set<string>();
  for (const e of result.errors) {
    const row = rowOf.get(e.row ?? -1) ?? dataRow + 1;
    if (said.has(`${row}:${e.code}`)) continue;
    said.add(`${row}:${e.code}`);
    errorRows.push(row);
  }
  return { rows, errorRows: errorRows.sort((a, b) => a - b) };
}

// Text over the characters that matter to a CSV parser: quotes, delimiters, line breaks, spaces, letters.
const body = fc.array(fc.constantFrom('a', 'b', ',', '"', '"', ' ', '\t', '\n', '\n', '""', '",', '"\n', ',"'), { maxLength: 120 }).map((parts) => parts.join(''));

describe('the streamed CSV reader gives what Papa Parse gives for the whole file', () => {
  it('for 1,000 generated files: quoted newlines, stray quotes, CRLF, BOM, cut at every possible chunk boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        body,
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (columns, rest, newline, bom, cutSeeds) => {
          const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
          const text = `${bom ? '\uFEFF' : ''}${header}\n${rest}`.replace(/\n/g, newline);
          const expected = wholeFile(text, newline);
          // Every boundary at once (one character per chunk), and a few random cuts.
          const everyBoundary = Array.from({ length: text.length }, (_, i) => i + 1);
          expect(feed(createCsvReader('p.csv'), text, everyBoundary)).toEqual(expected);
          expect(feed(createCsvReader('p.csv'), text, cutSeeds.map((s) => s % (text.length + 1)))).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
