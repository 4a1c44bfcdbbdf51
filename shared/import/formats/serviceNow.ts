import type { ExportFormat } from './format.ts';
import { str } from './format.ts';
import { minutesBetween } from '../../model/incident.ts';

/**
 * ServiceNow incident exports, including the audit event log where each row is one state of an incident
 * (FORMATS.md §4): rows with the same number are merged, and every change of assignment group is a
 * transfer hop. "?" means empty; dates are day-first.
 */
export const SERVICENOW_INCIDENTS: ExportFormat = {
  id: 'servicenow-incident-csv',
  name: 'ServiceNow incidents (CSV, incl. the audit event log)',
  format: 'csv',
  signatures: [['number', 'incident_state', 'opened_at'], ['number', 'state', 'short_description', 'opened_at']],
  mapping: {
    fields: {
      id: 'number',
      title: '__title',
      description: 'description',
      status: '__state',
      severity: 'priority',
      services: '__service',
      owningTeam: 'assignment_group',
      createdAt: 'opened_at',
      resolvedAt: '__resolved',
      detectionType: 'contact_type',
      mitigationText: '__closeNotes',
      rootCauseText: 'cause',
    },
    dateFormats: { createdAt: 'DD-MM-YYYY HH:mm', resolvedAt: 'DD-MM-YYYY HH:mm' },
    values: {
      status: { 'awaiting user info': 'active', 'awaiting problem': 'active', 'awaiting vendor': 'active', 'awaiting evidence': 'active', '-100': 'active' },
      detectionType: { phone: 'human', email: 'human', 'self service': 'human', ivr: 'human', 'direct opening': 'human', chat: 'human', 'event management': 'monitor', monitoring: 'monitor' },
    },
  },
  fieldSources: { __state: 'incident_state', __resolved: 'resolved_at', __service: 'cmdb_ci', __title: 'short_description' },
  view(record) {
    // Column names are data: a column called __proto__ must stay a column, not become the prototype.
    const clean = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) clean[k] = v === '?' ? '' : v;
    const parts = [str(clean.category), str(clean.subcategory), str(clean.u_symptom)].filter((p) => p !== '');
    return {
      ...clean,
      __title: str(clean.short_description) || `${str(clean.number)}: ${parts.join(' / ') || 'incident'}`,
      __state: str(clean.incident_state) || str(clean.state),
      __service: str(clean.business_service) || str(clean.cmdb_ci),
      __resolved: str(clean.resolved_at) || str(clean.closed_at),
      __closeNotes: str(clean.close_notes) || str(clean.closed_code) || str(clean.close_code),
    };
  },
  merge(earlier, later) {
    const history = [...earlier.teamHistory];
    for (const team of later.teamHistory) if (history[history.length - 1] !== team) history.push(team);
    const rows = Array.isArray(earlier.raw) ? earlier.raw : [earlier.raw];
    const createdAt = earlier.createdAt ?? later.createdAt;
    return {
      ...later,
      createdAt,
      timeToMitigateMinutes: minutesBetween(createdAt, later.mitigatedAt ?? later.resolvedAt),
      teamHistory: history,
      transferHops: history.length === 0 ? null : history.length - 1,
      owningTeam: later.owningTeam ?? earlier.owningTeam,
      raw: [...rows, later.raw],
    };
  },
};
