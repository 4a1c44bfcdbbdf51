import type { Incident } from './incident.ts';

/**
 * What list screens show of an incident, stored beside it so a list never reads the record's raw source or
 * discussion. `order` sorts as compareIncidents does: by creation time (undated last), then by id.
 */
export type IncidentSummary = Pick<Incident, 'id' | 'title' | 'createdAt' | 'status' | 'severity' | 'services' | 'studySet' | 'hiddenCharacters'> & { order: string };

/** Sorts like compareIncidents: ISO instants compare as text; U+FFFF puts undated incidents after every date. */
export const incidentOrderKey = (i: Pick<Incident, 'createdAt' | 'id'>) => `${i.createdAt ?? '\uffff'}\u0000${i.id}`;

export function summarizeIncident(i: Incident): IncidentSummary {
  return {
    id: i.id,
    title: i.title,
    createdAt: i.createdAt,
    status: i.status,
    severity: i.severity,
    services: i.services,
    studySet: i.studySet,
    hiddenCharacters: i.hiddenCharacters,
    order: incidentOrderKey(i),
  };
}
