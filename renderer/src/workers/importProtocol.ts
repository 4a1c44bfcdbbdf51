import type { FieldMapping, RowError } from '../../../shared/import/mapping.ts';
import type { SourceFormat } from '../../../shared/import/parse.ts';

/** Messages between the import screen and the import worker. */
export type ImportRequest =
  | { type: 'inspect'; fileName: string; text: string; format?: SourceFormat }
  | { type: 'import'; fileName: string; text: string; format?: SourceFormat; mapping: FieldMapping; importedAt: string }
  | { type: 'commit' }
  | { type: 'cancel' };

export type ImportPhase = 'parsing' | 'normalising' | 'storing';

export interface InspectedSource {
  fileName: string;
  format: SourceFormat;
  columns: string[];
  total: number;
  /** The first records, unchanged, for the mapping preview. */
  sample: unknown[];
  presetId: string | null;
  suggested: FieldMapping;
  parseErrors: RowError[];
}

export type ImportResponse =
  | { type: 'inspected'; source: InspectedSource }
  | { type: 'progress'; phase: ImportPhase; done: number; total: number; elapsedMs: number }
  /** Some rows are invalid: the user decides whether the valid ones go in. */
  | { type: 'confirm'; valid: number; errors: RowError[] }
  | { type: 'done'; added: number; updated: number; rejected: number; errors: RowError[]; duplicateIds: string[] }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
