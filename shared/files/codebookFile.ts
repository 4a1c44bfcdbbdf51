import { CodebookSchema } from '../codebook/codebook.ts';
import type { DataFileKind, Migration } from './readFile.ts';

/** A codebook file (schemas/codebook.schema.json), from version 1 on. */
export const CODEBOOK_MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    why: 'Version 2 adds inclusion and exclusion notes, example incidents, retired codes and the change that made each version; every version-1 field keeps its meaning.',
    migrate: (data) => ({ ...data, schemaVersion: 2 }),
  },
];

/** A stored or embedded codebook row of any known version, brought to the current one (a study file's rows, a database's). */
export function migrateCodebookRow(row: Record<string, unknown>): Record<string, unknown> {
  let out = row;
  for (const step of CODEBOOK_MIGRATIONS) if (out.schemaVersion === step.from) out = step.migrate(out);
  return out;
}

export const CODEBOOK_FILE: DataFileKind<typeof CodebookSchema> = {
  label: 'codebook',
  declaration: CodebookSchema,
  currentVersion: CodebookSchema.properties.schemaVersion.const,
  versionOf: (data) => data.schemaVersion,
  migrations: CODEBOOK_MIGRATIONS,
};
