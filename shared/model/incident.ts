/** The normalised incident: what the study needs, with the source record kept unchanged beside it. */
export type IncidentStatus = 'active' | 'mitigated' | 'resolved';
export type Severity = 'high' | 'medium' | 'low';
export type DetectionType = 'human' | 'monitor';
export type ServiceStage = 'ga' | 'preview' | 'development';
/** The study's three sets (paper §III-C): open coding on taxonomy, new categories checked on validation, kappa on test. */
export type StudySet = 'taxonomy' | 'validation' | 'test';

/** One entry of the responders' discussion (an update, a comment, a timeline event). */
export interface DiscussionEntry {
  at: string | null;
  author: string | null;
  text: string;
}

export interface Incident {
  id: string;
  title: string;
  description: string;
  status: IncidentStatus | null;
  severity: Severity | null;
  /** The severity exactly as the export wrote it, for audit and re-mapping. */
  severityRaw: string | null;
  services: string[];
  /** Team that owns the incident now, and every team it was with in order (one transfer hop per change). */
  owningTeam: string | null;
  teamHistory: string[];
  transferHops: number | null;
  /** ISO 8601 UTC instants. */
  createdAt: string | null;
  detectedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** Minutes from creation to mitigation (or resolution when no mitigation time is known). */
  timeToMitigateMinutes: number | null;
  /** How the incident was detected (study paper §IV-A): by a human or by an automated monitor. */
  detectionType: DetectionType | null;
  monitorName: string | null;
  /** Closed as a false alarm (the paper excludes these from in-depth study). */
  falseAlarm: boolean | null;
  /** A troubleshooting guide (TSG) was linked. */
  hasTroubleshootingGuide: boolean | null;
  serviceStage: ServiceStage | null;
  rootCauseText: string;
  mitigationText: string;
  discussion: DiscussionEntry[];
  /** Hidden or direction-changing characters found in the incident's text on import (0 when clean). */
  hiddenCharacters: number;
  /** The study set (taxonomy / validation / test) the incident was split into, once it is. */
  studySet?: StudySet | null;
  /** Where the record came from: file name and 1-based data row. */
  source: { file: string; row: number; format: string };
  /** The source record, unchanged. */
  raw: unknown;
}

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['active', 'mitigated', 'resolved'];
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
export const DETECTION_TYPES: readonly DetectionType[] = ['human', 'monitor'];
export const SERVICE_STAGES: readonly ServiceStage[] = ['ga', 'preview', 'development'];

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
