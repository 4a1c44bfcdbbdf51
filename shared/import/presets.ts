import { Type, type Static } from '@sinclair/typebox';
import type { ExportFormat } from './formats/index.ts';
import { OneOf } from '../files/schemaTypes.ts';
import { FieldMappingSchema } from './mapping.ts';
import type { SourceFormat } from './readers/types.ts';

/** The containers a preset can be made for (SourceFormat, readers/types.ts). */
const PRESET_FORMATS = ['csv', 'json', 'jsonl', 'markdown'] as const satisfies readonly SourceFormat[];
// The list must name every container: this line fails to compile when SourceFormat gains one the list lacks.
const everyFormatNamed: Exclude<SourceFormat, (typeof PRESET_FORMATS)[number]> extends never ? true : never = true;
void everyFormatNamed;

export const MappingPresetSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    format: OneOf(PRESET_FORMATS),
    signature: Type.Array(Type.String(), { description: 'The columns of the file it was made for; a file with all of them is offered this preset first.' }),
    mapping: FieldMappingSchema,
    formatId: Type.Optional(Type.String({ description: 'The built-in export whose view it builds on, if any.' })),
  },
  { additionalProperties: false, title: 'Mapping preset', description: 'A saved column-to-field mapping for an incident export: data only, no code.' },
);
/** A saved, reusable mapping (schemas/mapping-preset.schema.json): data only, no code. */
export type MappingPreset = Static<typeof MappingPresetSchema>;

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
