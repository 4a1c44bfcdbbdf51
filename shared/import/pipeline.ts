import type { Incident } from '../model/incident.ts';
import { detectFormat, findFormat, ViewError, type ExportFormat } from './formats/index.ts';
import { FIELD_LABELS, MAPPABLE_FIELDS, mapRecord, type FieldMapping, type FieldWarning, type MappableField, type RowError } from './mapping.ts';
import { suggestMapping } from './suggest.ts';
import { IMPORT_LIMITS, screenRecords } from './limits.ts';
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

/** Records the mapping is suggested from (the mapping screen's sample is as large). */
export const SAMPLE_RECORDS = 200;

/** Distinct values listed per warned field; the count covers them all. */
const WARNED_VALUES_LISTED = 50;

/**
 * One warning per field for a whole import: how many rows had a value the field could not take (left empty,
 * the raw value kept in the record) and which values, most frequent first, so the user can map them and re-run.
 */
export interface FieldWarningSummary {
  file: string;
  field: MappableField;
  path: string;
  rows: number;
  values: Array<{ value: string; rows: number }>;
  /** More distinct values than listed. */
  moreValues: number;
  message: string;
}

/** The source column behind a view field of a built-in format (what the user can see), else the path itself. */
function sourceOf(plan: ImportPlan, path: string): string {
  const sources = plan.exportFormat?.fieldSources;
  // The path may be a column name from the file: only the format's own keys count.
  return sources !== undefined && Object.prototype.hasOwnProperty.call(sources, path) ? sources[path]! : path;
}

/** Distinct unreadable values remembered per field, and their length kept: the count covers the rest. */
const WARNED_VALUES_KEPT = 1000;
const WARNED_VALUE_CHARS = 200;

/** Adds a batch's warnings to the running tallies (a Map per field; values are data, so a Map too). */
export interface WarningTally {
  path: string;
  rows: number;
  values: Map<string, number>;
  /** Rows whose value was not kept (past WARNED_VALUES_KEPT distinct ones). */
  unlisted: number;
}

export function tallyWarnings(into: Map<MappableField, WarningTally>, warnings: readonly FieldWarning[]): void {
  for (const w of warnings) {
    let entry = into.get(w.field);
    if (!entry) into.set(w.field, (entry = { path: w.path, rows: 0, values: new Map(), unlisted: 0 }));
    entry.rows += 1;
    const value = w.value.length > WARNED_VALUE_CHARS ? `${w.value.slice(0, WARNED_VALUE_CHARS - 1)}…` : w.value;
    const seen = entry.values.get(value);
    if (seen !== undefined) entry.values.set(value, seen + 1);
    else if (entry.values.size < WARNED_VALUES_KEPT) entry.values.set(value, 1);
    else entry.unlisted += 1;
  }
}

export function summariseWarnings(file: string, tallies: ReadonlyMap<MappableField, WarningTally>): FieldWarningSummary[] {
  const order = (field: MappableField) => MAPPABLE_FIELDS.indexOf(field);
  return [...tallies].sort((a, b) => order(a[0]) - order(b[0])).map(([field, { path, rows, values, unlisted }]) => {
    const sorted = [...values].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const listed = sorted.slice(0, WARNED_VALUES_LISTED).map(([value, n]) => ({ value, rows: n }));
    return {
      file,
      field,
      path,
      rows,
      values: listed,
      moreValues: sorted.length - listed.length + (unlisted > 0 ? 1 : 0),
      message: `${rows} row${rows === 1 ? '' : 's'}: ${FIELD_LABELS[field]} (from "${path}") could not read ${unlisted > 0 ? 'more than ' : ''}${sorted.length} distinct value${sorted.length === 1 ? '' : 's'}; left empty, the raw value kept`,
    };
  });
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
  private readonly warningTallies = new Map<MappableField, WarningTally>();
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
        for (const e of outcome.errors) this.errors.push({ ...e, field: sourceOf(plan, e.field) });
        continue;
      }
      this.accepted += 1;
      if (outcome.warnings.length > 0) {
        tallyWarnings(
          this.warningTallies,
          outcome.warnings.map((w) => ({ ...w, path: sourceOf(plan, w.path) })),
        );
      }
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

  /** One warning per field that could not take some values, over everything normalised so far. */
  get warnings(): FieldWarningSummary[] {
    return summariseWarnings(this.plan.fileName, this.warningTallies);
  }
}

export interface TextImportResult {
  plan: ImportPlan;
  columns: string[];
  total: number;
  incidents: Incident[];
  errors: RowError[];
  warnings: FieldWarningSummary[];
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
  const records = screenRecords(pending, fileName, IMPORT_LIMITS, readerErrors);
  const plan = planImport(fileName, format, reader.columns(), override, records.slice(0, SAMPLE_RECORDS).map((r) => r.record));
  const normaliser = new IncidentNormaliser(plan);
  const byId = new Map<string, Incident>();
  for (const incident of normaliser.normalise(records)) byId.set(incident.id, incident);
  return {
    plan,
    columns: reader.columns(),
    total: reader.rowsRead(),
    incidents: [...byId.values()],
    errors: [...readerErrors, ...normaliser.takeErrors()].sort((a, b) => a.row - b.row),
    warnings: normaliser.warnings,
    duplicateIds: normaliser.duplicates,
  };
}
