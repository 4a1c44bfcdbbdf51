import type { Incident, IncidentStatus, Severity } from '../model/incident.ts';
import { minutesBetween } from '../model/incident.ts';
import { readPath } from './path.ts';

/** The incident fields a source column can be mapped to. */
export const MAPPABLE_FIELDS = [
  'id',
  'title',
  'description',
  'status',
  'severity',
  'services',
  'createdAt',
  'mitigatedAt',
  'resolvedAt',
  'rootCauseText',
  'mitigationText',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export const FIELD_LABELS: Record<MappableField, string> = {
  id: 'Incident id',
  title: 'Title',
  description: 'Description',
  status: 'Status',
  severity: 'Severity',
  services: 'Service(s)',
  createdAt: 'Created at',
  mitigatedAt: 'Mitigated at',
  resolvedAt: 'Resolved at',
  rootCauseText: 'Root-cause text',
  mitigationText: 'Mitigation text',
};

/** A column → field mapping: each field names a path in the source record (or nothing). */
export interface FieldMapping {
  fields: Partial<Record<MappableField, string>>;
  /** Raw value (lower-cased, trimmed) → normalised value; these extend the defaults below. */
  statusValues?: Record<string, IncidentStatus>;
  severityValues?: Record<string, Severity>;
}

export interface RowError {
  file: string;
  /** 1-based data row (the header of a CSV is not counted). */
  row: number;
  field: string;
  message: string;
}

export const DEFAULT_STATUS_VALUES: Record<string, IncidentStatus> = {
  active: 'active',
  open: 'active',
  new: 'active',
  'in progress': 'active',
  investigating: 'active',
  identified: 'active',
  triggered: 'active',
  acknowledged: 'active',
  mitigated: 'mitigated',
  monitoring: 'mitigated',
  resolved: 'resolved',
  closed: 'resolved',
  done: 'resolved',
  completed: 'resolved',
  postmortem: 'resolved',
};

export const DEFAULT_SEVERITY_VALUES: Record<string, Severity> = {
  high: 'high',
  critical: 'high',
  major: 'high',
  sev0: 'high',
  sev1: 'high',
  p0: 'high',
  p1: 'high',
  '1': 'high',
  medium: 'medium',
  moderate: 'medium',
  minor: 'medium',
  sev2: 'medium',
  p2: 'medium',
  '2': 'medium',
  low: 'low',
  none: 'low',
  maintenance: 'low',
  sev3: 'low',
  sev4: 'low',
  p3: 'low',
  p4: 'low',
  '3': 'low',
  '4': 'low',
};

export interface MappingContext {
  file: string;
  row: number;
  format: string;
}

export type MappingOutcome = { incident: Incident; errors: [] } | { incident: null; errors: RowError[] };

/** Text out of whatever a path found: strings as they are, lists joined by blank lines. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(asText).filter((s) => s !== '').join('\n\n');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.flatMap(asList);
  return String(value)
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * An instant as ISO 8601 UTC. Accepts ISO strings (with or without zone; without one they are taken as UTC),
 * `YYYY-MM-DD HH:MM[:SS]` and epoch milliseconds or seconds. Returns undefined when the text is not a date.
 */
export function parseInstant(value: unknown): string | null | undefined {
  const text = asText(value).trim();
  if (text === '') return null;
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const n = Number(text);
    return new Date(text.length === 10 ? n * 1000 : n).toISOString();
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone ? normaliseZone(zone) : 'Z'}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-31 over to March; refuse dates that do not exist.
  const check = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (check.getUTCMonth() + 1 !== Number(mo) || check.getUTCDate() !== Number(d)) return undefined;
  return new Date(ms).toISOString();
}

function normaliseZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** Normalises one source record. Never throws: every problem becomes a row error naming its field. */
export function mapRecord(record: unknown, mapping: FieldMapping, ctx: MappingContext): MappingOutcome {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ file: ctx.file, row: ctx.row, field, message });
  const get = (field: MappableField): unknown => {
    const path = mapping.fields[field];
    return path ? readPath(record, path) : undefined;
  };

  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { incident: null, errors: [{ ...ctx, field: '(record)', message: 'is not an object with fields' }] };
  }

  const idText = asText(get('id')).trim();
  const id = idText !== '' ? idText : `${ctx.file}#${ctx.row}`;
  const title = asText(get('title')).trim();
  if (title === '') fail(mapping.fields.title ?? 'title', 'title is empty; every incident needs one');

  const statusRaw = asText(get('status')).trim();
  let status: IncidentStatus | null = null;
  if (statusRaw !== '') {
    const key = statusRaw.toLowerCase();
    const found = mapping.statusValues?.[key] ?? DEFAULT_STATUS_VALUES[key];
    if (found) status = found;
    else fail(mapping.fields.status ?? 'status', `status "${statusRaw}" is not one of the known values; map it to active, mitigated or resolved`);
  }

  const severityRaw = asText(get('severity')).trim();
  let severity: Severity | null = null;
  if (severityRaw !== '') {
    const key = severityRaw.toLowerCase();
    severity = mapping.severityValues?.[key] ?? DEFAULT_SEVERITY_VALUES[key] ?? null;
    // An unknown severity is kept raw rather than refused: the study can still select on it later.
  }

  const times: Record<'createdAt' | 'mitigatedAt' | 'resolvedAt', string | null> = {
    createdAt: null,
    mitigatedAt: null,
    resolvedAt: null,
  };
  for (const field of ['createdAt', 'mitigatedAt', 'resolvedAt'] as const) {
    const raw = get(field);
    const parsed = parseInstant(raw);
    if (parsed === undefined) fail(mapping.fields[field] ?? field, `"${asText(raw)}" is not a date and time`);
    else times[field] = parsed;
  }

  if (errors.length > 0) return { incident: null, errors };

  return {
    incident: {
      id,
      title,
      description: asText(get('description')),
      status,
      severity,
      severityRaw: severityRaw === '' ? null : severityRaw,
      services: [...new Set(asList(get('services')))],
      createdAt: times.createdAt,
      mitigatedAt: times.mitigatedAt,
      resolvedAt: times.resolvedAt,
      timeToMitigateMinutes: minutesBetween(times.createdAt, times.mitigatedAt ?? times.resolvedAt),
      rootCauseText: asText(get('rootCauseText')),
      mitigationText: asText(get('mitigationText')),
      source: { file: ctx.file, row: ctx.row, format: ctx.format },
      raw: record,
    },
    errors: [],
  };
}

const NAME_HINTS: Record<MappableField, RegExp> = {
  id: /^(id|key|number|incident[ _-]?(id|number|key)|issue key|ticket)$/i,
  title: /^(title|summary|name|short[ _]?description|incident[ _]?title|subject)$/i,
  description: /^(description|details|body|text|message|incident[ _]?description)$/i,
  status: /^(status|state|incident[ _]?state)$/i,
  severity: /^(severity|sev|impact|priority|urgency)$/i,
  services: /^(services?|components?|component\/s|affected[ _]?services?|cmdb_ci|service[ _]?name)$/i,
  createdAt: /^(created([ _]?at|[ _]?on)?|opened([ _]?at)?|start(ed)?([ _]?(at|time))?|detected([ _]?at)?)$/i,
  mitigatedAt: /^(mitigated([ _]?at)?|mitigation[ _]?time|monitoring([ _]?at)?)$/i,
  resolvedAt: /^(resolved([ _]?at)?|closed([ _]?at)?|end(ed)?([ _]?(at|time))?)$/i,
  rootCauseText: /^(root[ _-]?cause([ _]?(text|description|analysis))?|rca|cause)$/i,
  mitigationText: /^(mitigation([ _]?(text|steps|description))?|resolution([ _]?notes)?|fix|close[ _]?notes)$/i,
};

/** Suggests a mapping from column names; each column is used for one field at most. */
export function suggestMapping(columns: readonly string[]): FieldMapping {
  const fields: Partial<Record<MappableField, string>> = {};
  const used = new Set<string>();
  for (const field of MAPPABLE_FIELDS) {
    const column = columns.find((c) => !used.has(c) && NAME_HINTS[field].test(c.trim()));
    if (column !== undefined) {
      fields[field] = column;
      used.add(column);
    }
  }
  return { fields };
}
