import type { Incident } from './incident.ts';
import { countHiddenCharacters } from '../text/hiddenText.ts';

/**
 * Pure, ordered upgrade steps of stored records. Each step takes the shape one version wrote and returns
 * the next; the database's upgrade functions call them, and each has a fixture test.
 */

/** Schema version 1 of an incident: before detection, triage, discussion and hidden-text fields existed. */
export type IncidentV1 = Omit<
  Incident,
  'owningTeam' | 'teamHistory' | 'transferHops' | 'detectedAt' | 'detectionType' | 'monitorName' | 'falseAlarm' | 'hasTroubleshootingGuide' | 'serviceStage' | 'discussion' | 'hiddenCharacters'
>;

export function upgradeIncidentV1toV2(old: IncidentV1): Incident {
  return {
    ...old,
    owningTeam: null,
    teamHistory: [],
    transferHops: null,
    detectedAt: null,
    detectionType: null,
    monitorName: null,
    falseAlarm: null,
    hasTroubleshootingGuide: null,
    serviceStage: null,
    discussion: [],
    hiddenCharacters: countHiddenCharacters([old.title, old.description, old.rootCauseText, old.mitigationText].join('')),
  };
}
