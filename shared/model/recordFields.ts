import { isLabelLikePath } from '../import/suggest.ts';

/**
 * The text fields of a source record, as leaf paths and values (`updates[2].body`), for a reader that shows the whole
 * record: every string of it, in the record's order, up to a limit (a record may hold thousands). Keys from files are
 * data: they are read with Object.keys, never looked up on a prototype. A data set's own labels (`label_*`,
 * `*_category`, `…label[*]…`: the answers) are never shown to a coder; they are counted instead.
 */
export interface RecordField {
  path: string;
  text: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function recordTextFields(record: unknown, limits: { fields: number; depth: number } = { fields: 200, depth: 12 }): { fields: RecordField[]; more: number; labels: number } {
  const fields: RecordField[] = [];
  let more = 0;
  let labels = 0;
  const walk = (value: unknown, path: string, depth: number) => {
    if (path !== '' && isLabelLikePath(path)) {
      labels += 1;
      return;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (typeof value === 'string' && value.trim() === '') return;
      if (fields.length < limits.fields) fields.push({ path, text: String(value) });
      else more += 1;
      return;
    }
    if (value === null || typeof value !== 'object' || depth >= limits.depth) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`, depth + 1);
  };
  walk(record, '', 0);
  return { fields, more, labels };
}

export const HIDDEN_LABEL = '⟦a label of the data set: not shown while coding⟧';

/** The record as a coder may read it: the same, with the data set's own labels replaced by a marker (null prototype, keys as data). */
export function recordForCoders(record: unknown): unknown {
  const copy = (value: unknown, path: string, depth: number): unknown => {
    if (path !== '' && isLabelLikePath(path)) return HIDDEN_LABEL;
    if (depth > 64) return value;
    if (Array.isArray(value)) return value.map((item, i) => copy(item, `${path}[${i}]`, depth + 1));
    if (!isRecord(value)) return value;
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) out[key] = copy(value[key], path === '' ? key : `${path}.${key}`, depth + 1);
    return out;
  };
  return copy(record, '', 0);
}
