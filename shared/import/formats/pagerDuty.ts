import type { ExportFormat } from './format.ts';
import { isRecord, str } from './format.ts';

/** PagerDuty REST v2 incidents ({incidents: […]} from GET /incidents; FORMATS.md §2). */
export const PAGERDUTY_INCIDENTS: ExportFormat = {
  id: 'pagerduty-rest-v2-json',
  name: 'PagerDuty incidents (REST API v2 JSON)',
  format: 'json',
  signatures: [['incident_number', 'urgency', 'escalation_policy']],
  mapping: {
    fields: {
      id: 'id',
      title: 'title',
      description: '__description',
      status: 'status',
      severity: '__severity',
      services: 'service.summary',
      owningTeam: 'teams[0].summary',
      teamHistory: 'teams[*].summary',
      createdAt: 'created_at',
      resolvedAt: 'resolved_at',
    },
  },
  view(record) {
    const body = isRecord(record.body) ? str(record.body.details) : '';
    const priority = isRecord(record.priority) ? str(record.priority.summary) : '';
    return { ...record, __description: str(record.description) || body, __severity: priority || str(record.urgency) };
  },
};

/** PagerDuty Analytics raw incidents (POST /analytics/raw/incidents), flat, as JSON or CSV (FORMATS.md §2). */
export const PAGERDUTY_ANALYTICS: ExportFormat = {
  id: 'pagerduty-analytics-raw',
  name: 'PagerDuty Analytics raw incidents (flat CSV or JSON)',
  format: 'csv',
  signatures: [['incident_number', 'service_name', 'seconds_to_resolve', 'urgency']],
  mapping: {
    fields: {
      id: 'id',
      title: 'description',
      status: 'status',
      severity: '__severity',
      services: 'service_name',
      owningTeam: 'team_name',
      createdAt: 'created_at',
      resolvedAt: 'resolved_at',
    },
  },
  view(record) {
    const major = str(record.major).toLowerCase() === 'true';
    return { ...record, __severity: major ? 'high' : str(record.priority_name) || str(record.urgency) };
  },
};
