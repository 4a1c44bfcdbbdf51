import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';

// One declaration per shape: the types below and schemas/incident.schema.json (npm run schemas) both come from these.

export const IncidentStatusSchema = OneOf(['active', 'mitigated', 'resolved']);
export const SeveritySchema = OneOf(['high', 'medium', 'low']);
export const DetectionTypeSchema = OneOf(['human', 'monitor']);
export const ServiceStageSchema = OneOf(['ga', 'preview', 'development']);
export const StudySetSchema = OneOf(['taxonomy', 'validation', 'test'], {
  description: 'The study\'s three sets (paper §III-C): open coding on taxonomy, new categories checked on validation, kappa on test.',
});

export type IncidentStatus = Static<typeof IncidentStatusSchema>;
export type Severity = Static<typeof SeveritySchema>;
export type DetectionType = Static<typeof DetectionTypeSchema>;
export type ServiceStage = Static<typeof ServiceStageSchema>;
export type StudySet = Static<typeof StudySetSchema>;

export const INCIDENT_STATUSES: readonly IncidentStatus[] = IncidentStatusSchema.enum;
export const SEVERITIES: readonly Severity[] = SeveritySchema.enum;
export const DETECTION_TYPES: readonly DetectionType[] = DetectionTypeSchema.enum;
export const SERVICE_STAGES: readonly ServiceStage[] = ServiceStageSchema.enum;
export const STUDY_SETS: readonly StudySet[] = StudySetSchema.enum;

const Instant = Nullable(Type.String({ format: 'date-time' }), { description: 'An ISO 8601 UTC instant, or null when the export has none.' });
const NullableText = Nullable(Type.String());
const Count = Type.Integer({ minimum: 0 });

export const DiscussionEntrySchema = Type.Object(
  { at: Instant, author: NullableText, text: Type.String() },
  { additionalProperties: false, description: 'One entry of the responders\' discussion (an update, a comment, a timeline event).' },
);
export type DiscussionEntry = Static<typeof DiscussionEntrySchema>;

export const IncidentSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Type.String({ minLength: 1 }),
    description: Type.String(),
    status: Nullable(IncidentStatusSchema),
    severity: Nullable(SeveritySchema),
    severityRaw: Nullable(Type.String(), { description: 'The severity exactly as the export wrote it, for audit and re-mapping.' }),
    services: Type.Array(Type.String(), { uniqueItems: true }),
    owningTeam: Nullable(Type.String(), { description: 'Team that owns the incident now.' }),
    teamHistory: Type.Array(Type.String(), { description: 'Every team the incident was with, in order (one transfer hop per change).' }),
    transferHops: Nullable(Count),
    createdAt: Instant,
    detectedAt: Instant,
    mitigatedAt: Instant,
    resolvedAt: Instant,
    timeToMitigateMinutes: Nullable(Count, { description: 'Minutes from creation to mitigation (or resolution when no mitigation time is known).' }),
    detectionType: Nullable(DetectionTypeSchema, { description: 'How the incident was detected (study paper §IV-A): by a human or by an automated monitor.' }),
    monitorName: NullableText,
    falseAlarm: Nullable(Type.Boolean(), { description: 'Closed as a false alarm (the paper excludes these from in-depth study).' }),
    hasTroubleshootingGuide: Nullable(Type.Boolean(), { description: 'A troubleshooting guide (TSG) was linked.' }),
    serviceStage: Nullable(ServiceStageSchema),
    rootCauseText: Type.String(),
    mitigationText: Type.String(),
    discussion: Type.Array(DiscussionEntrySchema),
    hiddenCharacters: Type.Integer({ minimum: 0, description: 'Hidden or direction-changing characters found in the incident\'s text on import (0 when clean).' }),
    studySet: Nullable(StudySetSchema, { description: 'The study set the incident was split into; null until it is split.' }),
    source: Type.Object(
      { file: Type.String(), row: Type.Integer({ minimum: 1 }), format: Type.String() },
      { additionalProperties: false, description: 'Where the record came from: file name and 1-based data row.' },
    ),
    raw: Type.Unknown({ description: 'The source record, unchanged.' }),
  },
  {
    additionalProperties: false,
    title: 'Incident',
    description: 'A normalised incident as stored (record version 3): what the study needs, with its source record unchanged in raw.',
  },
);
/** The normalised incident: what the study needs, with the source record kept unchanged beside it. */
export type Incident = Static<typeof IncidentSchema>;

/** Minutes between two ISO instants, or null if either is missing or the order is impossible. */
export function minutesBetween(startIso: string | null, endIso: string | null): number | null {
  if (!startIso || !endIso) return null;
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  return Math.round((end - start) / 60000);
}

/** The order incidents are listed in: oldest first by creation time (undated last), then by id. */
export function compareIncidents(a: Pick<Incident, 'createdAt' | 'id'>, b: Pick<Incident, 'createdAt' | 'id'>): number {
  if (a.createdAt !== b.createdAt) {
    if (a.createdAt === null) return 1;
    if (b.createdAt === null) return -1;
    return a.createdAt < b.createdAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
