import Papa from 'papaparse';
import { describeSize, IMPORT_LIMITS, type ImportLimits } from '../limits.ts';
import type { RowError } from '../mapping.ts';
import { CsvRecordSplitter, type CsvPiece } from './csvRecords.ts';
import { createLineEndingNormaliser } from './lineEndings.ts';
import type { RecordReader, SourceRecord } from './types.ts';

const PAPA_MESSAGES: Partial<Record<string, string>> = {
  MissingQuotes: 'a quoted field is never closed: it runs to the end of the file',
  InvalidQuotes: 'a quote inside a quoted field is followed by text, not by a delimiter or a line break; the row was not imported',
};

const DELIMITERS = [',', '\t', ';', '|'];

/**
 * The delimiter of a CSV from its header line: the candidate that occurs most often outside quotes there (a
 * comma when none does). The header is the one line whose fields are names, which rarely hold delimiters;
 * guessing from the data rows instead is thrown by a stray quote or a field full of pipes.
 */
export function guessDelimiter(text: string): string {
  const start = text.search(/[^\n]/);
  if (start === -1) return ',';
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') break;
    else if (!quoted && DELIMITERS.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const candidate of DELIMITERS) if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

/** Text looked at to guess the delimiter before the first record is cut. */
const DELIMITER_SAMPLE = 64 * 1024;

/**
 * CSV in chunks. Line breaks (LF, CR LF, CR, mixed) become LF; CsvRecordSplitter cuts the stream into whole
 * records by Papa Parse's own rules, and Papa parses each part, so the rows are those of the whole file.
 * Columns whose name repeats (Jira's Labels, Comment, Sprint…) become lists; empty names become "(column N)".
 * Records are null-prototype objects: a column may be called `constructor` or `__proto__`.
 */
export function createCsvReader(file: string, limits: ImportLimits = IMPORT_LIMITS): RecordReader {
  const lineEndings = createLineEndingNormaliser();
  let head = ''; // text held until the delimiter can be guessed
  let first = true;
  let splitter: CsvRecordSplitter | null = null;
  let delimiter = ',';
  let header: string[] | null = null;
  let unreadable = false;
  let repeated = new Set<string>();
  let dataRows = 0;
  let linesRead = 0; // lines of the file (LF after normalising) in the parts parsed so far
  let errors: RowError[] = [];

  const toRecord = (values: string[]): Record<string, unknown> => {
    const record = Object.create(null) as Record<string, unknown>;
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

  const readHeader = (names: string[]): void => {
    if (names.length > limits.columns) {
      unreadable = true;
      errors.push({ file, row: 0, field: '(header)', message: `has ${names.length} columns; the limit is ${limits.columns}. Is this a CSV file?` });
      return;
    }
    header = names.map((name, i) => (name.trim() === '' ? `(column ${i + 1})` : name));
    const seen = new Set<string>();
    repeated = new Set(header.filter((n) => (seen.has(n) ? true : (seen.add(n), false))));
  };

  /** File lines a parsed row spans: one, plus the line breaks inside its quoted fields. */
  const lineSpan = (values: readonly string[]) => {
    let span = 1;
    for (const v of values) for (let nl = v.indexOf('\n'); nl !== -1; nl = v.indexOf('\n', nl + 1)) span++;
    return span;
  };
  /** " (file lines 3–6: …)" for a row that spans several lines, so a user sees which lines a broken quote took. */
  const linesNote = (lines: { from: number; to: number } | undefined) =>
    lines && lines.to > lines.from ? ` (file lines ${lines.from}–${lines.to}: one record from an open quote on, so the rows in it are not read as rows)` : '';

  const parseRecords = (text: string, out: SourceRecord[]): void => {
    const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter, newline: '\n' });
    // Papa ends a text that ends in a line break with an empty row that is no line of the file (unless the break is
    // inside a quoted field that never closes: then the last row is that record).
    const last = result.data[result.data.length - 1];
    const all = text.endsWith('\n') && last !== undefined && last.length === 1 && last[0] === '' ? result.data.slice(0, -1) : result.data;
    const linesOf = new Map<number, { from: number; to: number }>(); // Papa's row index → file lines
    for (let i = 0; i < all.length; i++) {
      const span = lineSpan(all[i]!);
      linesOf.set(i, { from: linesRead + 1, to: linesRead + span });
      linesRead += span;
    }
    let rows = all;
    let headerOffset = 0;
    if (header === null) {
      // The first non-empty line is the header.
      const headerRow = rows.findIndex((values) => !(values.length === 1 && values[0] === ''));
      if (headerRow === -1) return;
      readHeader(rows[headerRow]!);
      headerOffset = headerRow + 1;
      rows = rows.slice(headerOffset);
      if (unreadable) return;
    }
    const base = dataRows;
    const rowOf = new Map<number, number>(); // Papa's row index → data row
    // A row whose quotes do not close is reported below and not imported: its fields cannot be trusted.
    const broken = new Set(result.errors.filter((e) => e.type === 'Quotes').map((e) => (e.row ?? -1) - headerOffset));
    for (let index = 0; index < rows.length; index++) {
      const values = rows[index]!;
      if (values.length === 1 && values[0] === '') continue; // an empty line
      dataRows += 1;
      rowOf.set(index, dataRows);
      if (broken.has(index)) continue;
      if (values.length !== header!.length) {
        errors.push({ file, row: dataRows, field: '(row)', message: `has ${values.length} fields where the header has ${header!.length}${linesNote(linesOf.get(index + headerOffset))}` });
        if (values.length < header!.length) continue;
      }
      out.push({ row: dataRows, record: toRecord(values) });
    }
    const said = new Set<string>(); // one message per row and kind: Papa repeats a malformed quote for each it meets
    const unterminated = new Set(result.errors.filter((e) => e.code === 'MissingQuotes').map((e) => e.row));
    for (const e of result.errors) {
      const index = (e.row ?? 0) - headerOffset;
      const lines = linesOf.get(index + headerOffset);
      // A field that never closes takes the file's last line break too; that break starts no line.
      const values = all[index + headerOffset];
      const to = lines && unterminated.has(e.row) && values?.[values.length - 1]?.endsWith('\n') ? { from: lines.from, to: lines.to - 1 } : lines;
      const row = rowOf.get(index) ?? base + index + 1;
      if (said.has(`${row}:${e.code}`)) continue;
      said.add(`${row}:${e.code}`);
      errors.push({ file, row, field: '(row)', message: `${PAPA_MESSAGES[e.code] ?? e.message}${linesNote(to)}` });
    }
  };

  const readPieces = (pieces: CsvPiece[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const piece of pieces) {
      if (unreadable) break;
      if (piece.kind === 'records') {
        parseRecords(piece.text, out);
        continue;
      }
      if (piece.kind === 'lines') {
        linesRead += piece.count;
        continue;
      }
      const why = piece.quoted ? 'a quote that never closes makes the rest of the file one record' : 'no line break ends it';
      const size = piece.complete ? describeSize(piece.chars) : `over ${describeSize(piece.chars)}; ${why}`;
      const what = `is longer than the ${describeSize(limits.recordChars)} limit for one record (${size})`;
      if (header === null) {
        unreadable = true;
        errors.push({ file, row: 0, field: '(header)', message: `the first line ${what}; the file cannot be read as CSV` });
      } else {
        dataRows += 1;
        errors.push({ file, row: dataRows, field: '(row)', message: `${what}; it was skipped` });
      }
    }
    return out;
  };

  const start = (final: boolean): CsvPiece[] => {
    if (splitter === null && (final || head.length >= DELIMITER_SAMPLE)) {
      delimiter = guessDelimiter(head.slice(0, DELIMITER_SAMPLE));
      splitter = new CsvRecordSplitter(delimiter, limits.recordChars);
      const text = head;
      head = '';
      return splitter.push(text);
    }
    return [];
  };

  return {
    format: 'csv',
    push(chunk) {
      if (unreadable) return [];
      let text = lineEndings.push(chunk);
      if (first && text !== '') {
        first = false;
        text = text.replace(/^\uFEFF/, '');
      }
      if (splitter === null) {
        head += text;
        return readPieces(start(false));
      }
      return readPieces(splitter.push(text));
    },
    end() {
      if (unreadable) return [];
      const text = lineEndings.end();
      if (splitter === null) head += text;
      const pieces = splitter === null ? start(true) : splitter.push(text);
      return readPieces([...pieces, ...splitter!.end()]);
    },
    columns: () => header ?? [],
    rowsRead: () => dataRows,
    takeErrors() {
      const out = errors;
      errors = [];
      return out;
    },
  };
}
