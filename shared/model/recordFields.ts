/**
 * The text fields of a source record, as leaf paths and values (`updates[2].body`), for a reader that shows the whole
 * record: every string of it, in the record's order, up to a limit (a record may hold thousands). Keys from files are
 * data: they are read with Object.keys, never looked up on a prototype.
 */
export interface RecordField {
  path: string;
  text: string;
}

export function recordTextFields(record: unknown, limits: { fields: number; depth: number } = { fields: 200, depth: 12 }): { fields: RecordField[]; more: number } {
  const fields: RecordField[] = [];
  let more = 0;
  const walk = (value: unknown, path: string, depth: number) => {
    if (typeof value === 'string') {
      if (value.trim() === '') return;
      if (fields.length < limits.fields) fields.push({ path, text: value });
      else more += 1;
      return;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
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
  return { fields, more };
}
