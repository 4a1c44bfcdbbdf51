import { describeSize, IMPORT_LIMITS, type ImportLimits } from '../limits.ts';
import type { RowError } from '../mapping.ts';
import { JsonUnitSplitter, type JsonUnit } from './jsonUnits.ts';
import { keysOf, type RecordReader, type SourceRecord } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names a property holding the records usually has. */
const RECORDS_KEY = /^(incidents?|items|records|results?|data|events|issues|entries|rows|postmortems?)$/i;

/** A record keyed by id: the key is its id unless it has one. */
function withId(key: string, value: Record<string, unknown>): Record<string, unknown> {
  return Object.prototype.hasOwnProperty.call(value, 'id') ? value : { id: key, ...value };
}

/** A value that holds only objects and lists, no text or number of its own: a wrapper, not a record. */
const isWrapper = (v: Record<string, unknown>) => Object.values(v).every((x) => typeof x === 'object' && x !== null);

/**
 * The records a wrapper holds, a few levels down: its first list of objects (`{"data": {"incidents": […]}}`), or
 * the entries of an object keyed by id (`{"incidents": {"K1": {…}, "K2": {…}}}`); null when it holds neither.
 */
function recordsInWrapper(value: Record<string, unknown>, depth = 0): Array<Record<string, unknown>> | null {
  if (depth > 3 || !isWrapper(value)) return null;
  const entries = Object.entries(value);
  const list = entries.find(([, v]) => Array.isArray(v) && v.some(isObject));
  if (list) return (list[1] as unknown[]).filter(isObject);
  if (entries.length > 0 && entries.every(([, v]) => isObject(v) && !isWrapper(v))) {
    return entries.map(([key, v]) => withId(key, v as Record<string, unknown>));
  }
  for (const [, v] of entries) {
    const inner = isObject(v) ? recordsInWrapper(v, depth + 1) : null;
    if (inner) return inner;
  }
  return null;
}

/**
 * A JSON document read as it arrives: the records are the elements of a top-level array, or of the first
 * array-of-objects property of a top-level object (Statuspage's {page, incidents: […]}, PagerDuty's
 * {incidents: […]}), or else the values of an object keyed by id (the key becomes "id" when absent).
 * JsonUnitSplitter cuts the text into records and each is parsed alone: a broken record is a row error and
 * the records after it are still read; one past the record limit is reported and never held.
 */
export function createJsonReader(file: string, limits: ImportLimits = IMPORT_LIMITS): RecordReader {
  const splitter = new JsonUnitSplitter(limits.recordChars);
  let container: string | null = null;
  // Values of an object keyed by id: records only if the object turns out to hold no list of records.
  const keyed: Array<{ key: string; value?: Record<string, unknown>; problem?: string }> = [];
  let rows = 0;
  let errors: RowError[] = [];
  const columns = new Set<string>();

  const tooLong = (chars: number) => `is longer than the ${describeSize(limits.recordChars)} limit for one record (over ${describeSize(chars)}); it was skipped`;

  const parse = (text: string, row: number): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      errors.push({ file, row, field: '(record)', message: `not valid JSON: ${(e as Error).message}` });
      return { ok: false };
    }
  };

  const read = (units: JsonUnit[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const unit of units) {
      switch (unit.kind) {
        case 'element': {
          const row = ++rows;
          const parsed = parse(unit.text, row);
          if (parsed.ok) out.push({ row, record: parsed.value });
          break;
        }
        case 'listElement': {
          if (container !== null && unit.key !== container) break; // another list (e.g. components beside incidents)
          // The first list whose element is written as an object holds the records, broken or not.
          if (container === null) {
            if (!unit.text.startsWith('{')) break;
            container = unit.key;
          }
          const row = ++rows;
          const parsed = parse(unit.text, row);
          if (parsed.ok) out.push({ row, record: parsed.value });
          break;
        }
        case 'property': {
          try {
            const value: unknown = JSON.parse(unit.text);
            if (isObject(value)) keyed.push({ key: unit.key, value });
          } catch (e) {
            // Reported only if the keyed values turn out to be the records.
            if (unit.text.startsWith('{')) keyed.push({ key: unit.key, problem: `not valid JSON: ${(e as Error).message}` });
          }
          break;
        }
        case 'oversized':
          if (unit.where === 'property') keyed.push({ key: unit.key ?? '', problem: tooLong(unit.chars) });
          else if (unit.where === 'element' || container === null || unit.key === container) errors.push({ file, row: ++rows, field: '(record)', message: tooLong(unit.chars) });
      }
    }
    if (columns.size === 0) keysOf(out, columns);
    return out;
  };

  return {
    format: 'json',
    push: (text) => read(splitter.push(text)),
    end() {
      const out = read(splitter.end());
      if (splitter.top === '{' && container === null) {
        if (keyed.length === 0 && splitter.problem === null && splitter.complete) {
          errors.push({ file, row: 0, field: '(file)', message: 'holds no list of incidents (expected an array, an object with an array, or an object keyed by id)' });
        }
        // A top level of a few properties, one of them a wrapper of the records ({"meta": …, "incidents": {"K1": …}}):
        // the wrapper's records, not the properties, are the incidents. Only one wrapper, holding more records than
        // there are other properties (or named for records), so a small file keyed by id is not mistaken for one.
        const wrappers = keyed.filter((k) => k.value !== undefined && isWrapper(k.value));
        const wrapper = keyed.length <= 3 && wrappers.length === 1 ? wrappers[0]! : undefined;
        const wrapped = wrapper ? recordsInWrapper(wrapper.value!) : null;
        if (wrapped && wrapped.length > 0 && (wrapped.length > keyed.length - 1 || RECORDS_KEY.test(wrapper!.key))) {
          for (const record of wrapped) out.push({ row: ++rows, record });
        } else {
          for (const { key, value, problem } of keyed) {
            rows += 1;
            if (value !== undefined) out.push({ row: rows, record: withId(key, value) });
            else errors.push({ file, row: rows, field: key, message: problem! });
          }
        }
        if (columns.size === 0) keysOf(out, columns);
      }
      // Said after the keyed records are counted, so the message tells how many came before the problem.
      if (splitter.problem !== null) {
        errors.push({ file, row: rows + 1, field: '(file)', message: `not valid JSON after ${rows} record(s): it ${splitter.problem}` });
      } else if (splitter.top === null) {
        errors.push({ file, row: 0, field: '(file)', message: 'is empty or is not a JSON array or object' });
      } else if (!splitter.complete) {
        errors.push({ file, row: rows + 1, field: '(file)', message: `not valid JSON after ${rows} record(s): the file ends before the document closes (is it cut short?)` });
      }
      return out;
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
