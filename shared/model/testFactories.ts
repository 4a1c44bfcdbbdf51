import type { Incident } from './incident.ts';
import type { Label } from './labels.ts';

/** Test data builders, shared by the unit tests of every layer. */
export function makeLabel(incidentId: string, annotatorId: string, dimension: Label['dimension'], code: string): Label {
  return { incidentId, annotatorId, dimension, code, rationale: '', codebookId: 'cb', savedAt: '2024-01-01T00:00:00.000Z' };
}

export function makeIncident(id: string, patch: Partial<Incident> = {}): Incident {
  return {
    id,
    title: `Incident ${id}`,
    description: '',
    status: 'resolved',
    severity: 'high',
    severityRaw: 'Sev1',
    services: [],
    owningTeam: null,
    teamHistory: [],
    transferHops: null,
    createdAt: null,
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    timeToMitigateMinutes: null,
    rootCauseText: '',
    mitigationText: '',
    detectionType: null,
    monitorName: null,
    falseAlarm: null,
    hasTroubleshootingGuide: null,
    serviceStage: null,
    discussion: [],
    hiddenCharacters: 0,
    source: { file: 'f.csv', row: 1, format: 'csv' },
    raw: { id },
    ...patch,
  };
}
