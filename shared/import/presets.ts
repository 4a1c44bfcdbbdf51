import type { ExportFormat } from './formats/index.ts';
import type { FieldMapping } from './mapping.ts';
import type { SourceFormat } from './readers/types.ts';

/** A saved, reusable mapping (schemas/mapping-preset.schema.json): data only, no code. */
export interface MappingPreset {
  schemaVersion: 1;
  id: string;
  name: string;
  format: SourceFormat;
  /** The columns of the file it was made for; a file with all of them is offered this preset first. */
  signature: string[];
  mapping: FieldMapping;
  /** The built-in export whose view it builds on, if any. */
  formatId?: string;
}

export function presetFromFormat(format: ExportFormat): MappingPreset {
  return { schemaVersion: 1, id: format.id, name: format.name, format: format.format, signature: format.signatures[0] ?? [], mapping: format.mapping, formatId: format.id };
}

/**
 * The saved preset made for files like this one: same container, and every column it was made from is here
 * (the one with the most such columns wins). Null when none fits.
 */
export function matchingPreset(presets: readonly MappingPreset[], format: SourceFormat, columns: readonly string[]): MappingPreset | null {
  const present = new Set(columns);
  let best: MappingPreset | null = null;
  for (const preset of presets) {
    if (preset.format !== format || preset.signature.length === 0) continue;
    if (!preset.signature.every((c) => present.has(c))) continue;
    if (best === null || preset.signature.length > best.signature.length) best = preset;
  }
  return best;
}
