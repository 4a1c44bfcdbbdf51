import { CodebookSchema } from '../codebook/codebook.ts';
import type { DataFileKind, Migration } from './readFile.ts';

/** A codebook file (schemas/codebook.schema.json). Version 1 is the first; its migrations start when version 2 does. */
export const CODEBOOK_MIGRATIONS: readonly Migration[] = [];

export const CODEBOOK_FILE: DataFileKind<typeof CodebookSchema> = {
  label: 'codebook',
  declaration: CodebookSchema,
  currentVersion: CodebookSchema.properties.schemaVersion.const,
  versionOf: (data) => data.schemaVersion,
  migrations: CODEBOOK_MIGRATIONS,
};
