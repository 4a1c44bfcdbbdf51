import Papa from 'papaparse';
import type { RowError } from '../mapping.ts';
import type { RecordReader, SourceRecord } from './types.ts';

/**
 * CSV in chunks. A chunk is cut after its last line break that lies outside quotes (an even number of
 * quote characters before it), so quoted multi-line fields are never split; Papa Parse parses each part.
 * Columns whose name repeats (Jira's Labels, Comment, Sprint…) become lists; empty names become "(column N)".
 */
export function createCsvReader(file: string): RecordReader {
  let pending = '';
  let quotes = 0; // quote characters in `pending`
  let header: string[] | null = null;
  let repeated = new Set<string>();
  let delimiter: string | undefined;
  let dataRows = 0;
  let errors: RowError[] = [];

  const toRecord = (values: string[]): Record<string, unknown> => {
    const record: Record<string, unknown> = {};
    header!.forEach((name, i) => {
      const value = values[i] ?? '';
      if (repeated.has(name)) {
        const list = (record[name] as string[] | undefined) ?? [];
        if (value !== '') list.push(value);
        record[name] = list;
      } else record[name] = value;
    });
    return record;
  };

  const parseComplete = (text: string): SourceRecord[] => {
    if (text === '') return [];
    // Empty lines are dropped here, not by Papa's skipEmptyLines, so that a row of empty fields (",,,") is still a
    // row (and reported as one), and row numbers stay those of the records.
    delimiter ??= Papa.parse<string[]>(text.slice(0, 64 * 1024), { preview: 20, skipEmptyLines: 'greedy' }).meta.delimiter;
    const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter });
    const out: SourceRecord[] = [];
    let rows = result.data;
    if (header === null && rows.length > 0) {
      header = rows[0]!.map((name, i) => (name.trim() === '' ? `(column ${i + 1})` : name));
      const seen = new Set<string>();
      repeated = new Set(header.filter((n) => (seen.has(n) ? true : (seen.add(n), false))));
      rows = rows.slice(1);
    }
    const base = dataRows;
    const headerOffset = rows === result.data ? 0 : 1;
    // A row whose quotes do not close is reported below and not imported: its fields cannot be trusted.
    const broken = new Set(result.errors.filter((e) => e.type === 'Quotes').map((e) => (e.row ?? -1) - headerOffset));
    for (const [index, values] of rows.entries()) {
      if (values.length === 1 && values[0] === '') continue; // an empty line
      dataRows += 1;
      if (broken.has(index)) continue;
      if (values.length !== header!.length) {
        errors.push({ file, row: dataRows, field: '(row)', message: `has ${values.length} fields where the header has ${header!.length}` });
        if (values.length < header!.length) continue;
      }
      out.push({ row: dataRows, record: toRecord(values) });
    }
    for (const e of result.errors) {
      if (e.code === 'TooFewFields' || e.code === 'TooManyFields') continue; // reported above with the row
      errors.push({ file, row: base + (e.row ?? 0) - headerOffset + 1, field: '(row)', message: e.message });
    }
    return out;
  };

  return {
    format: 'csv',
    push(text) {
      // Quotes are counted with indexOf (native) rather than char by char: this runs over every byte imported.
      const from = pending.length;
      pending += text;
      for (let q = pending.indexOf('"', from); q !== -1; q = pending.indexOf('"', q + 1)) quotes++;
      // The last line break with an even number of quotes before it ends the complete part.
      let cut = pending.lastIndexOf('\n');
      let quotesAfterCut = 0;
      let scanFrom = pending.length;
      while (cut >= 0) {
        for (let q = pending.indexOf('"', cut); q !== -1 && q < scanFrom; q = pending.indexOf('"', q + 1)) quotesAfterCut++;
        scanFrom = cut;
        if ((quotes - quotesAfterCut) % 2 === 0) break;
        cut = cut === 0 ? -1 : pending.lastIndexOf('\n', cut - 1);
      }
      if (cut === -1) return [];
      const complete = pending.slice(0, cut + 1);
      pending = pending.slice(cut + 1);
      quotes = quotesAfterCut;
      return parseComplete(complete);
    },
    end() {
      const rest = pending;
      pending = '';
      if (quotes % 2 === 1) errors.push({ file, row: dataRows + 1, field: '(row)', message: 'a quoted field is never closed' });
      return parseComplete(rest);
    },
    columns: () => header ?? [],
    takeErrors() {
      const out = errors;
      errors = [];
      return out;
    },
  };
}
