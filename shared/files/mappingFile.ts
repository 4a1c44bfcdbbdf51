import { MappingPresetSchema } from '../import/presets.ts';
import type { DataFileKind, Migration } from './readFile.ts';

/**
 * A mapping file: a saved preset (schemas/mapping-preset.schema.json), or, from before presets carried a
 * schemaVersion, a bare mapping `{ fields: … }` (version 0), which the first step wraps in a preset.
 */

/** What a bare mapping becomes: a preset no file's columns pick (it has no signature), for the container most exports use. */
const LEGACY_PRESET = { id: 'legacy-mapping', name: 'Mapping', format: 'csv', signature: [] as string[] } as const;

export const MAPPING_MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    to: 1,
    why: 'A mapping was saved bare ({ fields: … }); version 1 keeps it under `mapping` in a preset with an id, a name, a container and the columns it was made for.',
    migrate: (bare) => ({ schemaVersion: 1, ...LEGACY_PRESET, signature: [...LEGACY_PRESET.signature], mapping: bare }),
  },
];

export const MAPPING_FILE: DataFileKind<typeof MappingPresetSchema> = {
  label: 'mapping',
  declaration: MappingPresetSchema,
  currentVersion: MappingPresetSchema.properties.schemaVersion.const,
  // A file with neither a schemaVersion nor a `mapping` is a bare mapping; one with `mapping` but no version is a
  // broken preset, left for validation to name the missing key.
  versionOf: (data) => (Object.hasOwn(data, 'schemaVersion') ? data.schemaVersion : Object.hasOwn(data, 'mapping') ? undefined : 0),
  migrations: MAPPING_MIGRATIONS,
  // The file's own keys read as `mapping.…` whether it was a preset or a bare mapping checked inside one.
  keyPath: (segments) => ['mapping', ...(segments[0] === 'mapping' ? segments.slice(1) : segments)].join('.'),
};
