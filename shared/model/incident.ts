/** The normalised incident: what the study needs, with the source record kept unchanged beside it. */
export type IncidentStatus = 'active' | 'mitigated' | 'resolved';
export type Severity = 'high' | 'medium' | 'low';

export interface Incident {
  id: string;
  title: string;
  description: string;
  status: IncidentStatus | null;
  severity: Severity | null;
  /** The severity exactly as the export wrote it, for audit and re-mapping. */
  severityRaw: string | null;
  services: string[];
  /** ISO 8601 UTC instants. */
  createdAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** Minutes from creation to mitigation (or resolution when no mitigation time is known). */
  timeToMitigateMinutes: number | null;
  rootCauseText: string;
  mitigationText: string;
  /** Where the record came from: file name and 1-based data row. */
  source: { file: string; row: number; format: string };
  /** The source record, unchanged. */
  raw: unknown;
}

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['active', 'mitigated', 'resolved'];
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

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
