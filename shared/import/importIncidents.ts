import type { Incident } from '../model/incident.ts';
import { mapRecord, type FieldMapping, type RowError } from './mapping.ts';
import type { ParsedSource } from './parse.ts';

export interface ImportResult {
  incidents: Incident[];
  errors: RowError[];
  /** Ids that occur more than once in the file; the last occurrence wins, and each repeat is an error row. */
  duplicateIds: string[];
}

export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * Normalises every parsed record with the mapping. Pure: the caller stores the result.
 * `onProgress` is called every `progressEvery` records; `shouldCancel` is checked as often.
 */
export function normaliseRecords(
  source: ParsedSource,
  fileName: string,
  mapping: FieldMapping,
  options: { onProgress?: (p: ImportProgress) => void; shouldCancel?: () => boolean; progressEvery?: number } = {},
): ImportResult | 'cancelled' {
  const byId = new Map<string, Incident>();
  const errors: RowError[] = [...source.errors];
  const duplicateIds = new Set<string>();
  const total = source.records.length;
  const every = options.progressEvery ?? 500;
  for (let i = 0; i < total; i++) {
    if (i % every === 0) {
      if (options.shouldCancel?.()) return 'cancelled';
      options.onProgress?.({ done: i, total });
    }
    const outcome = mapRecord(source.records[i], mapping, { file: fileName, row: i + 1, format: source.format });
    if (outcome.incident === null) {
      errors.push(...outcome.errors);
      continue;
    }
    const { incident } = outcome;
    if (byId.has(incident.id)) {
      duplicateIds.add(incident.id);
      errors.push({ file: fileName, row: i + 1, field: mapping.fields.id ?? 'id', message: `id "${incident.id}" occurs again; this later row replaces the earlier one` });
    }
    byId.set(incident.id, incident);
  }
  options.onProgress?.({ done: total, total });
  return { incidents: [...byId.values()], errors, duplicateIds: [...duplicateIds] };
}
