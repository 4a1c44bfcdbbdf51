import { describeSize, IMPORT_LIMITS, type ImportLimits } from '../limits.ts';
import type { RowError } from '../mapping.ts';
import { createLineEndingNormaliser } from './lineEndings.ts';
import { keysOf, type RecordReader, type SourceRecord } from './types.ts';

/**
 * JSON.parse counts lines and columns within the one line it was given (Chromium says "(line 1 column 56)"):
 * say "of this line", so nobody reads it as line 1 of the file.
 */
export function withinTheLine(message: string): string {
  return message.replace(/\s*\(line \d+ column (\d+)\)/, ' (column $1 of this line)');
}

/**
 * JSON Lines: one record per line (LF, CR LF or CR); a line that is not JSON is a row error naming its line.
 * A line longer than the record limit is reported and skipped without being held in memory.
 */
export function createJsonLinesReader(file: string, limits: ImportLimits = IMPORT_LIMITS): RecordReader {
  const lineEndings = createLineEndingNormaliser();
  let pending = '';
  let skipping = false; // inside a line past the limit (reported already): its text is dropped until its end
  let line = 0;
  let nonBlank = 0;
  let errors: RowError[] = [];
  const columns = new Set<string>();

  const parseLine = (text: string, out: SourceRecord[]) => {
    line += 1;
    if (text.trim() === '') return;
    nonBlank += 1;
    try {
      out.push({ row: line, record: JSON.parse(text) });
    } catch (e) {
      errors.push({ file, row: line, field: '(line)', message: `not valid JSON: ${withinTheLine((e as Error).message)}` });
    }
  };
  const reportSkipped = (chars: number, complete: boolean) => {
    line += 1;
    nonBlank += 1;
    errors.push({ file, row: line, field: '(line)', message: `is longer than the ${describeSize(limits.recordChars)} limit for one record (${complete ? '' : 'over '}${describeSize(chars)}); it was skipped` });
  };

  const read = (text: string): SourceRecord[] => {
    const out: SourceRecord[] = [];
    let from = 0;
    if (skipping) {
      const end = text.indexOf('\n');
      if (end === -1) return out;
      skipping = false;
      from = end + 1;
    }
    const last = text.lastIndexOf('\n');
    if (last >= from) {
      const complete = pending + text.slice(from, last);
      pending = '';
      let start = 0;
      for (let nl = complete.indexOf('\n'); ; nl = complete.indexOf('\n', start)) {
        const lineText = nl === -1 ? complete.slice(start) : complete.slice(start, nl);
        if (lineText.length > limits.recordChars) reportSkipped(lineText.length, true);
        else parseLine(lineText, out);
        if (nl === -1) break;
        start = nl + 1;
      }
      from = last + 1;
    }
    pending += text.slice(from);
    if (pending.length > limits.recordChars) {
      // Reported now, so a reader that stops early (the mapping screen's head) still says why.
      reportSkipped(pending.length, false);
      skipping = true;
      pending = '';
    }
    if (columns.size === 0) keysOf(out, columns);
    return out;
  };

  return {
    format: 'jsonl',
    push: (text) => read(lineEndings.push(text)),
    end() {
      const out = read(lineEndings.end());
      if (!skipping && pending !== '') parseLine(pending, out);
      skipping = false;
      pending = '';
      if (columns.size === 0) keysOf(out, columns);
      return out;
    },
    columns: () => [...columns],
    rowsRead: () => nonBlank,
    takeErrors() {
      const out = errors;
      errors = [];
      return out;
    },
  };
}
