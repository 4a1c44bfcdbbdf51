import type { Incident } from './incident.ts';

/**
 * What list screens, selection criteria and the general statistics (paper §IV) read of an incident, stored beside it
 * so none of them ever reads the record's raw source or discussion. `order` sorts as compareIncidents does: by creation
 * time (undated last), then by id.
 */
export type IncidentSummary = Pick<
  Incident,
  | 'id'
  | 'title'
  | 'createdAt'
  | 'status'
  | 'severity'
  | 'services'
  | 'owningTeam'
  | 'detectionType'
  | 'falseAlarm'
  | 'studySet'
  | 'hiddenCharacters'
  | 'transferHops'
  | 'timeToMitigateMinutes'
  | 'hasTroubleshootingGuide'
  | 'serviceStage'
  | 'monitorName'
> & { order: string; hasRootCauseText: boolean };

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
    owningTeam: i.owningTeam,
    detectionType: i.detectionType,
    falseAlarm: i.falseAlarm,
    hasRootCauseText: i.rootCauseText.trim() !== '',
    studySet: i.studySet,
    hiddenCharacters: i.hiddenCharacters,
    transferHops: i.transferHops,
    timeToMitigateMinutes: i.timeToMitigateMinutes,
    hasTroubleshootingGuide: i.hasTroubleshootingGuide,
    serviceStage: i.serviceStage,
    monitorName: i.monitorName,
    order: incidentOrderKey(i),
  };
}

/** An incident's searchable text, as the search reads it: id, title, description, root cause, mitigation and discussion, in lower case. */
export function searchTextOf(i: Incident): string {
  const parts = [i.id, i.title, i.description, i.rootCauseText, i.mitigationText];
  for (const entry of i.discussion) parts.push(entry.text);
  return parts.join('\n').toLowerCase();
}
