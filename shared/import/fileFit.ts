import { detectFormat } from './formats/index.ts';
import { MAPPABLE_FIELDS, type FieldMapping } from './mapping.ts';
import type { SourceFormat } from './readers/types.ts';

/** What is known of a file chosen along with the one the mapping was made on. */
export interface FileShape {
  fileName: string;
  format: SourceFormat;
  columns: readonly string[];
}

/** The first key of a path: `detection.method` → `detection`, `updates[*].message` → `updates`. */
function rootOf(path: string): string {
  return path.split('.')[0]!.replace(/(\[(?:-?\d+|\*)\])+$/, '');
}

/**
 * Why a mapping made on one file does not fit another chosen with it, in words for the user; empty when it fits.
 * A built-in export must be recognised in the other file too; a mapping of paths needs the columns its paths
 * start from (compared without case, as the paths are read).
 */
export function mappingMisfits(mapping: FieldMapping, formatId: string | null, first: FileShape, other: FileShape): string[] {
  // JSON and JSON Lines hold the same records; each file is read in its own container anyway.
  const family = (f: SourceFormat) => (f === 'jsonl' ? 'json' : f);
  if (family(other.format) !== family(first.format)) return [`it is ${other.format.toUpperCase()}, where ${first.fileName} is ${first.format.toUpperCase()}`];
  // A built-in export recognised in the first file must be recognised in the other; one applied by hand from the
  // preset menu is checked by its paths like any mapping.
  const firstExport = detectFormat(first.columns)?.id ?? null;
  if (formatId !== null && firstExport === formatId) {
    return detectFormat(other.columns)?.id === formatId ? [] : [`it is not the same export as ${first.fileName}`];
  }
  const present = new Set(other.columns.map((c) => c.toLowerCase()));
  const missing: string[] = [];
  for (const field of MAPPABLE_FIELDS) {
    const path = mapping.fields[field];
    if (!path || present.has(path.toLowerCase())) continue;
    if (!present.has(rootOf(path).toLowerCase())) missing.push(path);
  }
  return missing.length === 0 ? [] : [`it has no ${missing.map((p) => `"${p}"`).join(', ')}`];
}
