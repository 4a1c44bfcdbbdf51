import { JSONParser } from '@streamparser/json';
import type { RowError } from '../mapping.ts';
import { keysOf, type RecordReader, type SourceRecord } from './types.ts';

/**
 * A JSON document read as it arrives: the records are the elements of a top-level array, or of the first
 * array-of-objects property of a top-level object (Statuspage's {page, incidents: […]}, PagerDuty's
 * {incidents: […]}), or else the values of an object keyed by id (the key becomes "id" when absent).
 */
export function createJsonReader(file: string): RecordReader {
  // Elements of a top-level array stream one by one; a top-level object's properties arrive whole.
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  let top: 'array' | 'object' | null = null;
  let container: string | null = null;
  const keyed: SourceRecord[] = [];
  let out: SourceRecord[] = [];
  let rows = 0;
  let errors: RowError[] = [];
  let failed = false;
  const columns = new Set<string>();
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

  parser.onValue = ({ value, key }) => {
    if (top === 'array') {
      out.push({ row: ++rows, record: value });
      return;
    }
    if (container === null && Array.isArray(value) && value.some(isObject)) {
      container = String(key);
      for (const element of value) out.push({ row: ++rows, record: element });
      return;
    }
    if (isObject(value)) keyed.push({ row: keyed.length + 1, record: 'id' in value ? value : { id: String(key), ...value } });
  };
  parser.onError = (e) => {
    if (failed) return;
    failed = true;
    errors.push({ file, row: rows + 1, field: '(file)', message: `not valid JSON after ${rows} record(s): ${e.message}` });
  };

  const drain = () => {
    if (columns.size === 0) keysOf(out, columns);
    const got = out;
    out = [];
    return got;
  };

  return {
    format: 'json',
    push(text) {
      if (failed) return [];
      if (top === null) {
        const first = text.trimStart()[0];
        if (first === '[') top = 'array';
        else if (first === '{') top = 'object';
      }
      try {
        parser.write(text);
      } catch (e) {
        parser.onError(e as Error);
      }
      return drain();
    },
    end() {
      // The parser ends by itself once the top-level value closes.
      if (!failed && !parser.isEnded) {
        try {
          parser.end();
        } catch (e) {
          parser.onError(e as Error);
        }
      }
      if (top === null && !failed) errors.push({ file, row: 0, field: '(file)', message: 'is empty or is not a JSON array or object' });
      if (!failed && top === 'object' && container === null) {
        if (keyed.length === 0) errors.push({ file, row: 0, field: '(file)', message: 'holds no list of incidents (expected an array, an object with an array, or an object keyed by id)' });
        for (const record of keyed) out.push(record);
        rows = keyed.length;
      }
      return drain();
    },
    columns: () => [...columns],
    rowsRead: () => rows,
    takeErrors() {
      const got = errors;
      errors = [];
      return got;
    },
  };
}
