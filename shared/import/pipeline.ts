import type { Incident } from '../model/incident.ts';
import { detectFormat, findFormat, ViewError, type ExportFormat } from './formats/index.ts';
import { mapRecord, type FieldMapping, type RowError } from './mapping.ts';
import { suggestMapping } from './suggest.ts';
import { createRecordReader, detectSourceFormat, readAll, type SourceFormat, type SourceRecord } from './readers/index.ts';

/** What an import will do: the container, the recognised export (if any) and the mapping in force. */
export interface ImportPlan {
  fileName: string;
  format: SourceFormat;
  exportFormat: ExportFormat | null;
  mapping: FieldMapping;
}

/** Chooses the plan from the first records: a built-in export when its columns are there, else a mapping suggested from the names and the sample's values. */
export function planImport(fileName: string, format: SourceFormat, columns: readonly string[], override?: { formatId?: string; mapping?: FieldMapping }, sample: readonly unknown[] = []): ImportPlan {
  const exportFormat = override?.formatId ? (findFormat(override.formatId) ?? null) : detectFormat(columns);
  if (override?.formatId && !exportFormat) throw new Error(`unknown format "${override.formatId}"`);
  const mapping = override?.mapping ?? exportFormat?.mapping ?? suggestMapping(columns, sample).mapping;
  return { fileName, format, exportFormat, mapping };
}

/**
 * Normalises records batch by batch (so callers can stream, store and report between batches). Rows that
 * repeat an id replace the earlier one and are reported, except in audit-log formats, which merge them.
 */
export class IncidentNormaliser {
  private readonly seen = new Map<string, Incident | true>();
  private errors: RowError[] = [];
  private readonly duplicateIds = new Set<string>();
  private valid = 0;
  private accepted = 0;
  private refused = false;

  constructor(private readonly plan: ImportPlan) {}

  normalise(records: readonly SourceRecord[]): Incident[] {
    const { plan } = this;
    const out = new Map<string, Incident>();
    for (const { row, record } of records) {
      const ctx = { file: plan.fileName, row, format: plan.exportFormat?.id ?? plan.format };
      const at = { file: plan.fileName, row };
      let view: unknown = record;
      if (plan.exportFormat?.notIncidents) {
        if (!this.refused) this.errors.push({ file: plan.fileName, row: 0, field: '(file)', message: plan.exportFormat.notIncidents });
        this.refused = true;
        continue;
      }
      if (plan.exportFormat?.view && typeof record === 'object' && record !== null && !Array.isArray(record)) {
        try {
          view = plan.exportFormat.view(record as Record<string, unknown>);
        } catch (e) {
          this.errors.push({ ...at, field: e instanceof ViewError ? e.field : '(record)', message: (e as Error).message });
          continue;
        }
      }
      const outcome = mapRecord(view, plan.mapping, ctx, record);
      if (outcome.incident === null) {
        const sources = plan.exportFormat?.fieldSources ?? {};
        this.errors.push(...outcome.errors.map((e) => ({ ...e, field: sources[e.field] ?? e.field })));
        continue;
      }
      this.accepted += 1;
      let incident = outcome.incident;
      const earlier = this.seen.get(incident.id);
      if (earlier === undefined) this.valid += 1;
      else if (plan.exportFormat?.merge && earlier !== true) incident = plan.exportFormat.merge(earlier, incident);
      else {
        this.duplicateIds.add(incident.id);
        this.errors.push({ ...at, field: plan.mapping.fields.id ?? 'id', message: `id "${incident.id}" occurs again; this later row replaces the earlier one` });
      }
      this.seen.set(incident.id, plan.exportFormat?.merge ? incident : true);
      out.set(incident.id, incident);
    }
    return [...out.values()];
  }

  /** Row errors found since the last call (reader errors are added by the caller). */
  takeErrors(): RowError[] {
    const got = this.errors;
    this.errors = [];
    return got;
  }

  /** Distinct incidents normalised so far. */
  get validCount(): number {
    return this.valid;
  }

  /** Rows that became an incident (a repeated id counts each time). */
  get acceptedRows(): number {
    return this.accepted;
  }

  get duplicates(): string[] {
    return [...this.duplicateIds];
  }
}

export interface TextImportResult {
  plan: ImportPlan;
  columns: string[];
  total: number;
  incidents: Incident[];
  errors: RowError[];
  duplicateIds: string[];
}

/**
 * A whole text through the same reader and normaliser the streaming import uses, chunk by chunk.
 * For tests and small inputs; the worker and the CLI stream instead.
 */
export function importText(fileName: string, text: string, override?: { format?: SourceFormat; formatId?: string; mapping?: FieldMapping }, chunkSize = 64 * 1024): TextImportResult {
  const format = override?.format ?? findFormat(override?.formatId ?? '')?.format ?? detectSourceFormat(fileName, text.slice(0, 4096));
  const reader = createRecordReader(format, fileName);
  const { records: pending, errors: readerErrors } = readAll(reader, text, chunkSize);
  const plan = planImport(fileName, format, reader.columns(), override);
  const normaliser = new IncidentNormaliser(plan);
  const byId = new Map<string, Incident>();
  for (const incident of normaliser.normalise(pending)) byId.set(incident.id, incident);
  return {
    plan,
    columns: reader.columns(),
    total: pending.length,
    incidents: [...byId.values()],
    errors: [...readerErrors, ...normaliser.takeErrors()].sort((a, b) => a.row - b.row),
    duplicateIds: normaliser.duplicates,
  };
}
