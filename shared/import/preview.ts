import { findFormat } from './formats/index.ts';
import { lookupValue, type FieldMapping, type MappableField, type RowError } from './mapping.ts';
import { readPath } from './path.ts';
import { IncidentNormaliser, type ImportPlan } from './pipeline.ts';
import type { Incident } from '../model/incident.ts';
import type { ValueMapName } from './values.ts';

/** The first records as they would be stored with this plan, and their problems. */
export function previewImport(plan: ImportPlan, sample: readonly unknown[], rows = 5): { incidents: Incident[]; errors: RowError[] } {
  const normaliser = new IncidentNormaliser(plan);
  const incidents = normaliser.normalise(sample.slice(0, rows).map((record, i) => ({ row: i + 1, record })));
  return { incidents, errors: normaliser.takeErrors() };
}

export interface ValueInSample {
  raw: string;
  count: number;
  /** What it maps to now (the mapping's own value map, else the defaults); null when it maps to nothing. */
  mapped: string | null;
}

/** The distinct raw values of an enumerated field in the sample, most frequent first, with what each maps to. */
export function valuesInSample(plan: ImportPlan, sample: readonly unknown[], field: MappableField & ValueMapName): ValueInSample[] {
  const path = plan.mapping.fields[field];
  if (!path) return [];
  const view = plan.exportFormat?.view;
  const counts = new Map<string, number>();
  for (const record of sample) {
    if (typeof record !== 'object' || record === null) continue;
    let source: unknown;
    try {
      source = view ? view(record as Record<string, unknown>) : record;
    } catch {
      continue; // the preview lists this row's problem already
    }
    const value = readPath(source, path);
    const text = (Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value)).trim();
    if (text !== '') counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([raw, count]) => ({ raw, count, mapped: lookupValue(field, raw, plan.mapping) || null }));
}

/** The plan for a mapping chosen on screen: a built-in format's view stays in force under any mapping. */
export function planFor(fileName: string, format: ImportPlan['format'], formatId: string | null, mapping: FieldMapping): ImportPlan {
  return { fileName, format, exportFormat: formatId ? (findFormat(formatId) ?? null) : null, mapping };
}
