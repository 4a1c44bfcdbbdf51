import type { Incident } from './incident.ts';
import type { Label, LabelRevision, Resolution } from './labels.ts';

/** Test data builders, shared by the unit tests of every layer. */
export function makeLabel(incidentId: string, annotatorId: string, dimension: Label['dimension'], code: string, round = 1): Label {
  return { incidentId, annotatorId, dimension, round, code, rationale: '', codebookId: 'cb', codebookVersion: 1, savedAt: '2024-01-01T00:00:00.000Z', revisionId: `r-${annotatorId}-${dimension}-${incidentId}-${round}` };
}

export function makeRevision(id: string, patch: Partial<LabelRevision> = {}): LabelRevision {
  return {
    id,
    incidentId: 'i1',
    annotatorId: 'a',
    dimension: 'symptom',
    round: 1,
    code: 'perf',
    rationale: '',
    codebookId: 'cb',
    codebookVersion: 1,
    savedAt: '2024-01-01T00:00:00.000Z',
    previousId: null,
    ...patch,
  };
}

export function makeResolution(incidentId: string, dimension: Resolution['dimension'], codeA: string, codeB: string, code: string, patch: Partial<Resolution> = {}): Resolution {
  return {
    id: `res-${incidentId}-${dimension}-${code}`,
    incidentId,
    dimension,
    round: 1,
    coderA: 'a',
    coderB: 'b',
    revisionA: 'ra',
    revisionB: 'rb',
    code,
    codeA,
    codeB,
    choice: code === codeA ? 'A' : code === codeB ? 'B' : 'other',
    rationale: 'because',
    resolvedBy: 'lead',
    resolvedAt: '2024-01-02T00:00:00.000Z',
    proposedCodebookChange: '',
    previousId: null,
    ...patch,
  };
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
    studySet: null,
    source: { file: 'f.csv', row: 1, format: 'csv' },
    raw: { id },
    ...patch,
  };
}
