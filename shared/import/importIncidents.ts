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
 * Normalises records one at a time, so a caller can work in chunks (and yield, report progress or stop)
 * between them. Later rows with an id already seen replace the earlier one and are reported.
 */
export class IncidentNormaliser {
  private readonly byId = new Map<string, Incident>();
  private readonly errors: RowError[];
  private readonly duplicateIds = new Set<string>();

  constructor(
    private readonly source: ParsedSource,
    private readonly fileName: string,
    private readonly mapping: FieldMapping,
  ) {
    this.errors = [...source.errors];
  }

  get total(): number {
    return this.source.records.length;
  }

  /** Normalises records [from, to). */
  run(from: number, to: number): void {
    const end = Math.min(to, this.total);
    for (let i = from; i < end; i++) {
      const outcome = mapRecord(this.source.records[i], this.mapping, { file: this.fileName, row: i + 1, format: this.source.format });
      if (outcome.incident === null) {
        this.errors.push(...outcome.errors);
        continue;
      }
      const { incident } = outcome;
      if (this.byId.has(incident.id)) {
        this.duplicateIds.add(incident.id);
        this.errors.push({
          file: this.fileName,
          row: i + 1,
          field: this.mapping.fields.id ?? 'id',
          message: `id "${incident.id}" occurs again; this later row replaces the earlier one`,
        });
      }
      this.byId.set(incident.id, incident);
    }
  }

  result(): ImportResult {
    return { incidents: [...this.byId.values()], errors: this.errors, duplicateIds: [...this.duplicateIds] };
  }
}

/** Normalises every parsed record with the mapping, synchronously. Pure: the caller stores the result. */
export function normaliseRecords(
  source: ParsedSource,
  fileName: string,
  mapping: FieldMapping,
  options: { onProgress?: (p: ImportProgress) => void; shouldCancel?: () => boolean; chunkSize?: number } = {},
): ImportResult | 'cancelled' {
  const normaliser = new IncidentNormaliser(source, fileName, mapping);
  const chunk = options.chunkSize ?? 500;
  for (let i = 0; i < normaliser.total; i += chunk) {
    if (options.shouldCancel?.()) return 'cancelled';
    options.onProgress?.({ done: i, total: normaliser.total });
    normaliser.run(i, i + chunk);
  }
  options.onProgress?.({ done: normaliser.total, total: normaliser.total });
  return normaliser.result();
}
