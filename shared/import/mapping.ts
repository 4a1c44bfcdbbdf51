import { Type, type Static } from '@sinclair/typebox';
import { KeyedBy, OneOf, OptionalEach } from '../files/schemaTypes.ts';
import type { DiscussionEntry, Incident } from '../model/incident.ts';
import { DETECTION_TYPES, INCIDENT_STATUSES, minutesBetween, SERVICE_STAGES, SEVERITIES } from '../model/incident.ts';
import { countHiddenCharacters } from '../text/hiddenText.ts';
import { parseInstant } from './instant.ts';
import { readPath } from './path.ts';
import { contentHash } from './contentHash.ts';
import { DURATION_UNITS, durationMinutes } from './duration.ts';
import { firstSentence } from './formats/format.ts';
import { DEFAULT_VALUE_MAPS, isPlaceholder, NO_VALUE, valueKey, type ValueMapName } from './values.ts';

/** The incident fields a source column can be mapped to. */
export const MAPPABLE_FIELDS = [
  'id',
  'title',
  'description',
  'status',
  'severity',
  'services',
  'owningTeam',
  'teamHistory',
  'createdAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
  'detectionType',
  'monitorName',
  'falseAlarm',
  'troubleshootingGuide',
  'serviceStage',
  'rootCauseText',
  'mitigationText',
  'discussion',
  'duration',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export const TIME_FIELDS = ['createdAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

export const FIELD_LABELS: Record<MappableField, string> = {
  id: 'Incident id',
  title: 'Title',
  description: 'Description',
  status: 'Status',
  severity: 'Severity',
  services: 'Service(s)',
  owningTeam: 'Owning team',
  teamHistory: 'Team history',
  createdAt: 'Created at',
  detectedAt: 'Detected at',
  mitigatedAt: 'Mitigated at',
  resolvedAt: 'Resolved at',
  detectionType: 'Detection type',
  monitorName: 'Monitor name',
  falseAlarm: 'False alarm',
  troubleshootingGuide: 'TSG present',
  serviceStage: 'Service stage',
  rootCauseText: 'Root-cause text',
  mitigationText: 'Mitigation text',
  discussion: 'Discussion',
  duration: 'Duration',
};

/** The value maps a mapping may carry, one per enumerated field (ValueMapName, values.ts). */
const VALUE_MAP_NAMES = ['status', 'severity', 'detectionType', 'serviceStage', 'falseAlarm', 'troubleshootingGuide'] as const satisfies readonly ValueMapName[];
// The list must name every value map: this line fails to compile when ValueMapName gains one the list lacks.
const everyValueMapNamed: Exclude<ValueMapName, (typeof VALUE_MAP_NAMES)[number]> extends never ? true : never = true;
void everyValueMapNamed;

export const FieldMappingSchema = Type.Object(
  {
    fields: Type.Object(OptionalEach(MAPPABLE_FIELDS, Type.String()), {
      additionalProperties: false,
      description: 'Incident field → the path in the source record it is read from; a field left out is not read.',
    }),
    values: Type.Optional(
      Type.Object(OptionalEach(VALUE_MAP_NAMES, KeyedBy(Type.String())), {
        additionalProperties: false,
        description: 'Raw value (lower-cased, trimmed) → study value, consulted before the defaults.',
      }),
    ),
    dateFormats: Type.Optional(
      Type.Object(OptionalEach(TIME_FIELDS, Type.String()), {
        additionalProperties: false,
        description: 'Fixed date format per time field (see instant.ts), e.g. "DD-MM-YYYY HH:mm".',
      }),
    ),
    timeZone: Type.Optional(Type.String({ description: 'The zone of times written without one: a zone name, or "path:<column>" to read it from each record.' })),
    durationUnit: Type.Optional(
      OneOf(DURATION_UNITS, { description: 'The unit of the duration field (a number); it gives the time to mitigate when no mitigation or resolution time does.' }),
    ),
    strict: Type.Optional(Type.Boolean({ description: 'Refuse a row whose optional field cannot be interpreted, instead of leaving that field empty with a warning.' })),
  },
  { additionalProperties: false, description: 'A column → field mapping: each field names a path in the source record (or nothing).' },
);
export type FieldMapping = Static<typeof FieldMappingSchema>;

export { DURATION_UNITS, type DurationUnit } from './duration.ts';

export interface RowError {
  file: string;
  /** 1-based data row (the header of a CSV is not counted). */
  row: number;
  field: string;
  message: string;
}

export interface MappingContext {
  file: string;
  row: number;
  format: string;
}


/** Text out of whatever a path found: strings as they are, lists joined by blank lines. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(asText).filter((s) => s !== '').join('\n\n');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['name', 'summary', 'title', 'label', 'value', 'message', 'body', 'text']) {
      if (typeof o[key] === 'string') return o[key] as string;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.flatMap(asList);
  if (typeof value === 'object') return asList(asText(value));
  return String(value)
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const pickString = (o: Record<string, unknown>, keys: string[]): string | null => {
  for (const k of keys) if (typeof o[k] === 'string' && o[k] !== '') return o[k] as string;
  return null;
};

function asDiscussion(value: unknown): DiscussionEntry[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  return items
    .map((item): DiscussionEntry | null => {
      if (typeof item !== 'object' || item === null) {
        const text = asText(item);
        return text === '' ? null : { at: null, author: null, text };
      }
      const o = item as Record<string, unknown>;
      const text = pickString(o, ['message', 'body', 'text', 'content', 'comment', 'Update_Body', 'description']) ?? '';
      const atRaw = pickString(o, ['at', 'created_at', 'createdAt', 'display_at', 'timestamp', 'time', 'occurred_at', 'Update_Timestamp']);
      const at = atRaw === null ? null : (parseInstant(atRaw) ?? null);
      const author = pickString(o, ['author', 'user', 'by', 'created_by', 'status', 'Update_Title']);
      return text === '' ? null : { at, author, text };
    })
    .filter((e): e is DiscussionEntry => e !== null);
}

/** What a raw value maps to: the mapping's own value map first, then the defaults; NO_VALUE ('') for a placeholder. */
export function lookupValue(map: ValueMapName, raw: string, mapping: FieldMapping): string | undefined {
  const key = valueKey(raw);
  const own = mapping.values?.[map];
  // The user's value map came from a file (a preset): its keys are data, so only its own properties count.
  if (own !== undefined && Object.prototype.hasOwnProperty.call(own, key)) return own[key];
  const defaults = map === 'falseAlarm' || map === 'troubleshootingGuide' ? DEFAULT_VALUE_MAPS.boolean : DEFAULT_VALUE_MAPS[map];
  const found = (defaults as Record<string, string>)[key];
  if (found !== undefined || (map !== 'falseAlarm' && map !== 'troubleshootingGuide')) return found;
  // Flags written as numbers (1.0, 0.0, 2) read as their truth.
  const number = Number(key);
  return key !== '' && Number.isFinite(number) ? (number !== 0 ? 'true' : 'false') : undefined;
}

/** A value an optional field could not take: the field is left empty, the raw value stays in the record. */
export interface FieldWarning {
  field: MappableField;
  /** The source path the value came from (what the user sees and can re-map). */
  path: string;
  value: string;
}

export type MappingOutcome = { incident: Incident; errors: []; warnings: FieldWarning[] } | { incident: null; errors: RowError[]; warnings: [] };

const TITLE_CHARS = 120;

/**
 * Normalises one source record. Never throws. A record is refused (row errors) only when it cannot be an
 * incident: it is not an object, or it has neither a title nor any text. A value an optional field cannot take
 * (an unknown status, a date that is not one) leaves that field empty and becomes a warning, unless the mapping
 * is strict, where it refuses the row as before.
 */
export function mapRecord(record: unknown, mapping: FieldMapping, ctx: MappingContext, raw: unknown = record): MappingOutcome {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { incident: null, errors: [{ file: ctx.file, row: ctx.row, field: '(record)', message: 'is not an object with fields' }], warnings: [] };
  }
  const errors: RowError[] = [];
  const warnings: FieldWarning[] = [];
  const pathOf = (field: MappableField) => mapping.fields[field] ?? field;
  const problem = (field: MappableField, value: string, message: string) => {
    if (mapping.strict) errors.push({ file: ctx.file, row: ctx.row, field: pathOf(field), message });
    else warnings.push({ field, path: pathOf(field), value });
  };
  const get = (field: MappableField): unknown => {
    const path = mapping.fields[field];
    return path ? readPath(record, path) : undefined;
  };
  // A placeholder ("N/A", "unknown", "-") says nothing, in a text as in a code: it reads as empty. Enumerated
  // fields see it through their value maps instead, so it is not dropped before them.
  const text = (field: MappableField) => asText(get(field)).trim();
  const meaningful = (value: string) => (isPlaceholder(value) ? '' : value);
  const list = (field: MappableField) => asList(get(field)).filter((item) => !isPlaceholder(item));
  const enumerated = <T extends string>(field: MappableField, map: ValueMapName, allowed: readonly string[]): T | null => {
    const value = text(field);
    if (value === '') return null;
    const found = lookupValue(map, value, mapping);
    if (found === NO_VALUE) return null;
    if (found !== undefined && allowed.includes(found)) return found as T;
    problem(field, value, `"${value}" is not a known ${FIELD_LABELS[field].toLowerCase()}; map it to one of ${allowed.join(', ')}`);
    return null;
  };
  const flag = (field: 'falseAlarm' | 'troubleshootingGuide'): boolean | null => {
    const value = enumerated<'true' | 'false'>(field, field, ['true', 'false']);
    return value === null ? null : value === 'true';
  };

  const incidentText = {
    description: meaningful(asText(get('description'))),
    rootCauseText: meaningful(asText(get('rootCauseText'))),
    mitigationText: meaningful(asText(get('mitigationText'))),
  };
  const discussion = asDiscussion(get('discussion'));
  // No title: the first sentence of the text stands in, so an incident is not lost for want of a heading.
  const fallbackText = [incidentText.description, incidentText.rootCauseText, incidentText.mitigationText, ...discussion.map((d) => d.text)].find((t) => t.trim() !== '') ?? '';
  const titleFromPath = meaningful(text('title')) !== '';
  const title = titleFromPath ? text('title') : firstSentence(fallbackText, TITLE_CHARS);
  if (title === '') {
    return { incident: null, errors: [{ file: ctx.file, row: ctx.row, field: pathOf('title'), message: 'has no title and no text; an incident needs one or the other' }], warnings: [] };
  }
  const idText = text('id');
  const status = enumerated<Incident['status'] & string>('status', 'status', INCIDENT_STATUSES);
  const severityRaw = text('severity');
  const severity = enumerated<Incident['severity'] & string>('severity', 'severity', SEVERITIES);
  const detectionType = enumerated<Incident['detectionType'] & string>('detectionType', 'detectionType', DETECTION_TYPES);
  const serviceStage = enumerated<Incident['serviceStage'] & string>('serviceStage', 'serviceStage', SERVICE_STAGES);
  const falseAlarm = flag('falseAlarm');
  const hasTroubleshootingGuide = flag('troubleshootingGuide');

  const zoneSetting = mapping.timeZone ?? null;
  const timeZone = zoneSetting?.startsWith('path:') ? asText(readPath(record, zoneSetting.slice(5))).trim() || null : zoneSetting;
  const times = { createdAt: null, detectedAt: null, mitigatedAt: null, resolvedAt: null } as Record<TimeField, string | null>;
  for (const field of TIME_FIELDS) {
    const value = get(field);
    const parsed = parseInstant(Array.isArray(value) ? value[0] : value, { format: mapping.dateFormats?.[field], timeZone });
    if (parsed === undefined) {
      const zoneNote = timeZone ? ` in time zone "${timeZone}"` : '';
      problem(field, asText(value), `"${asText(value)}" is not a date and time${mapping.dateFormats?.[field] ? ` of the form ${mapping.dateFormats[field]}` : ''}${zoneNote}`);
    } else times[field] = parsed;
  }
  const durationValue = get('duration');
  const duration = durationMinutes(Array.isArray(durationValue) ? durationValue[0] : durationValue, mapping.durationUnit);
  if (duration === undefined) problem('duration', asText(durationValue), `"${asText(durationValue)}" is not a duration`);

  if (errors.length > 0) return { incident: null, errors, warnings: [] };

  const teamHistory = list('teamHistory');
  const owningTeam = meaningful(text('owningTeam')) || teamHistory[teamHistory.length - 1] || null;
  if (owningTeam !== null && teamHistory.length === 0 && mapping.fields.teamHistory === undefined) teamHistory.push(owningTeam);
  const fromTimes = minutesBetween(times.createdAt, times.mitigatedAt ?? times.resolvedAt);
  return {
    incident: {
      id: idText !== '' ? idText : `${ctx.format}-${contentHash(raw)}`,
      title,
      ...incidentText,
      status,
      severity,
      severityRaw: severityRaw === '' ? null : severityRaw,
      services: [...new Set(list('services'))],
      owningTeam,
      teamHistory,
      transferHops: teamHistory.length === 0 ? null : teamHistory.length - 1,
      ...times,
      timeToMitigateMinutes: fromTimes ?? (duration === null || duration === undefined ? null : Math.round(duration)),
      detectionType,
      monitorName: meaningful(text('monitorName')) || null,
      falseAlarm,
      hasTroubleshootingGuide,
      serviceStage,
      discussion,
      // Field by field (joined text could glue one field's ZWJ to the next one's emoji); a title taken from the text is counted there.
      hiddenCharacters: [titleFromPath ? title : '', ...Object.values(incidentText), ...discussion.map((d) => d.text)].reduce((sum, t) => sum + countHiddenCharacters(t), 0),
      studySet: null,
      source: { file: ctx.file, row: ctx.row, format: ctx.format },
      raw,
    },
    errors: [],
    warnings,
  };
}
