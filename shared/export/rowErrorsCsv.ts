import type { RowError } from '../import/mapping.ts';
import { toCsv } from './csv.ts';

/** The full error list of an import, one row per error, as the import screen offers to save it. */
export function rowErrorsToCsv(errors: readonly RowError[]): string {
  return toCsv(
    ['file', 'row', 'field', 'message'],
    errors.map((e) => [e.file, e.row, e.field, e.message]),
  );
}
