import type { ExportFormat } from './format.ts';
import { CLOUD_STATUS_EXTRACTIONS, CLOUD_STATUS_LABELS } from './cloudStatusLabels.ts';
import { GITHUB_STATUS_HISTORY } from './githubStatusHistory.ts';
import { ICPE_INCIDENT_STAGES } from './icpeIncidentStages.ts';
import { ICPE_STATUS_HISTORY } from './icpeStatusHistory.ts';
import { INCIDENT_IO_INCIDENTS } from './incidentIo.ts';
import { JIRA_ISSUES } from './jira.ts';
import { OPSGENIE_INCIDENTS } from './opsgenie.ts';
import { PAGERDUTY_ANALYTICS, PAGERDUTY_INCIDENTS } from './pagerDuty.ts';
import { POSTMORTEM_LIST } from './postmortemList.ts';
import { SERVICENOW_INCIDENTS } from './serviceNow.ts';
import { STATUSPAGE_COMPONENTS, STATUSPAGE_INCIDENTS } from './statuspage.ts';

export type { ExportFormat } from './format.ts';
export { ViewError } from './format.ts';

/** Every built-in format; each has a preset mapping, and detection picks among them. */
export const BUILT_IN_FORMATS: readonly ExportFormat[] = [
  STATUSPAGE_INCIDENTS,
  STATUSPAGE_COMPONENTS,
  GITHUB_STATUS_HISTORY,
  ICPE_STATUS_HISTORY,
  ICPE_INCIDENT_STAGES,
  CLOUD_STATUS_LABELS,
  CLOUD_STATUS_EXTRACTIONS,
  SERVICENOW_INCIDENTS,
  PAGERDUTY_INCIDENTS,
  PAGERDUTY_ANALYTICS,
  JIRA_ISSUES,
  OPSGENIE_INCIDENTS,
  INCIDENT_IO_INCIDENTS,
  POSTMORTEM_LIST,
];

export function findFormat(id: string): ExportFormat | undefined {
  return BUILT_IN_FORMATS.find((f) => f.id === id);
}

/**
 * The built-in format whose signature columns all appear (names compared without case), preferring the
 * most specific; null for a generic file, which is then mapped by its column names.
 */
export function detectFormat(columns: readonly string[]): ExportFormat | null {
  const present = new Set(columns.map((c) => c.toLowerCase()));
  let best: { format: ExportFormat; size: number } | null = null;
  for (const format of BUILT_IN_FORMATS) {
    for (const signature of format.signatures) {
      if (signature.every((c) => present.has(c.toLowerCase())) && (best === null || signature.length > best.size)) {
        best = { format, size: signature.length };
      }
    }
  }
  return best?.format ?? null;
}
