import type { RowError } from './mapping.ts';
import type { SourceRecord } from './readers/types.ts';

/**
 * The stated limits of import. Past each, the record (row, line, element) is reported as a row error that
 * names it and the rest of the file goes on; nothing past a limit is held in memory.
 */
export const IMPORT_LIMITS = {
  /** Characters in one record: a CSV row, a JSON Lines line, an element of a JSON array. */
  recordChars: 16 * 1024 * 1024,
  /** Levels of nesting of objects and arrays inside one record. */
  depth: 64,
  /** Columns of a CSV header. */
  columns: 10_000,
} as const;

export type ImportLimits = { recordChars: number; depth: number; columns: number };

export const MIB = 1024 * 1024;

/** "16 MiB", "512 KiB": a size as a reader of an error message wants it. */
export function describeSize(chars: number): string {
  return chars >= MIB ? `${+(chars / MIB).toFixed(1)} MiB` : `${Math.ceil(chars / 1024)} KiB`;
}

/**
 * How deep a value nests (a scalar is 0, `{}` is 1), walking iteratively so a hostile record cannot exhaust
 * the stack; stops counting once past `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top.value !== 'object' || top.value === null) continue;
    const depth = top.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    const children = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
  }
  return deepest;
}

/**
 * Drops records nested past the depth limit (each reported on its own row) so that nothing downstream, the
 * mapper or a postMessage, walks a hostile structure.
 */
export function screenRecords(records: readonly SourceRecord[], fileName: string, limits: ImportLimits, errors: RowError[]): SourceRecord[] {
  const kept: SourceRecord[] = [];
  for (const record of records) {
    const depth = nestingDepth(record.record, limits.depth);
    if (depth > limits.depth) errors.push({ file: fileName, row: record.row, field: '(record)', message: `nests deeper than the limit of ${limits.depth} levels; it was skipped` });
    else kept.push(record);
  }
  return kept;
}

