import { findFormat, type ExportFormat } from './formats/index.ts';
import { lookupValue, type FieldMapping, type MappableField, type RowError } from './mapping.ts';
import { readPath } from './path.ts';
import { IncidentNormaliser, type FieldWarningSummary, type ImportPlan } from './pipeline.ts';
import { settleDayMonthOrder, type DayMonthSettlement } from './dayMonth.ts';
import type { Incident } from '../model/incident.ts';
import { NO_VALUE, type ValueMapName } from './values.ts';

/** The first records as they would be stored with this plan, their problems, and the values fields could not read. */
export function previewImport(plan: ImportPlan, sample: readonly unknown[], rows = 5): { incidents: Incident[]; errors: RowError[]; warnings: FieldWarningSummary[] } {
  const normaliser = new IncidentNormaliser(plan);
  const incidents = normaliser.normalise(sample.slice(0, rows).map((record, i) => ({ row: i + 1, record })));
  return { incidents, errors: normaliser.takeErrors(), warnings: normaliser.warnings };
}

/**
 * How a numeric day/month path's values in the sample settle (a day over 12 decides), for a time field the user
 * picks by hand: its format, and whether nothing decided (then the screen asks). Null when the values are not
 * numeric day/month dates.
 */
export function settleDatesAt(format: ExportFormat | null, sample: readonly unknown[], path: string): DayMonthSettlement | null {
  const values: string[] = [];
  for (const source of viewSample(format, sample)) {
    const value = readPath(source, path);
    if (typeof value === 'string' && value.trim() !== '') values.push(value.trim());
  }
  return settleDayMonthOrder(values);
}

export interface ValueInSample {
  raw: string;
  count: number;
  /** What it maps to now (the mapping's own value map, else the defaults); null when it maps to nothing. */
  mapped: string | null;
  /** It maps to no value on purpose (a placeholder such as "unknown", or mapped so by the user). */
  empty: boolean;
}

/** How many of the sample's records become an incident under this plan: none means nothing can be imported. */
export function incidentsInSample(plan: ImportPlan, sample: readonly unknown[]): number {
  return previewImport(plan, sample, sample.length).incidents.length;
}

/** The sample as a built-in format's view sees it (what its mapping's paths read); the records as they are otherwise. */
export function viewSample(format: ExportFormat | null, sample: readonly unknown[]): unknown[] {
  const view = format?.view;
  if (!view) return [...sample];
  return sample.flatMap((record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
    try {
      return [view(record as Record<string, unknown>)];
    } catch {
      return []; // the preview lists this row's problem already
    }
  });
}

/**
 * The distinct raw values of an enumerated field in the sample, most frequent first, with what each maps to;
 * plus values an import found past the sample (`more`, from its warnings), so every one can be mapped.
 */
export function valuesInSample(plan: ImportPlan, sample: readonly unknown[], field: MappableField & ValueMapName, more: ReadonlyArray<{ value: string; rows: number }> = []): ValueInSample[] {
  const path = plan.mapping.fields[field];
  if (!path) return [];
  const counts = new Map<string, number>();
  for (const source of viewSample(plan.exportFormat, sample)) {
    const value = readPath(source, path);
    const text = (Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value)).trim();
    if (text !== '') counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  for (const { value, rows } of more) if (value.trim() !== '') counts.set(value.trim(), Math.max(counts.get(value.trim()) ?? 0, rows));
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([raw, count]) => {
      const found = lookupValue(field, raw, plan.mapping);
      return { raw, count, mapped: found || null, empty: found === NO_VALUE };
    });
}

/** The plan for a mapping chosen on screen: a built-in format's view stays in force under any mapping. */
export function planFor(fileName: string, format: ImportPlan['format'], formatId: string | null, mapping: FieldMapping): ImportPlan {
  return { fileName, format, exportFormat: formatId ? (findFormat(formatId) ?? null) : null, mapping };
}
