import type { ExportFormat } from './format.ts';
import { isRecord, str } from './format.ts';

/** The value of the first configured timestamp whose name matches (incident.io lets each organisation name them). */
function timestamp(record: Record<string, unknown>, pattern: RegExp): unknown {
  const values = Array.isArray(record.incident_timestamp_values) ? record.incident_timestamp_values.filter(isRecord) : [];
  for (const v of values) {
    const name = isRecord(v.incident_timestamp) ? str(v.incident_timestamp.name) : '';
    const value = isRecord(v.value) ? v.value.value : undefined;
    if (pattern.test(name) && value) return value;
  }
  return null;
}

/** incident.io API v2 incidents ({incidents: […]}; FORMATS.md §6). */
export const INCIDENT_IO_INCIDENTS: ExportFormat = {
  id: 'incident-io-v2-json',
  name: 'incident.io incidents (API v2 JSON)',
  format: 'json',
  signatures: [['reference', 'incident_status', 'severity', 'mode']],
  mapping: {
    fields: {
      id: 'reference',
      title: 'name',
      description: 'summary',
      status: '__status',
      severity: 'severity.name',
      createdAt: 'created_at',
      detectedAt: '__detected',
      mitigatedAt: '__mitigated',
      resolvedAt: '__resolved',
      discussion: 'updates',
    },
    values: { status: { live: 'active', triage: 'active', paused: 'active', learning: 'mitigated', closed: 'resolved', declined: 'resolved', merged: 'resolved', canceled: 'resolved' } },
  },
  view(record) {
    const status = isRecord(record.incident_status) ? str(record.incident_status.category) || str(record.incident_status.name) : str(record.incident_status);
    return {
      ...record,
      __status: status,
      __detected: timestamp(record, /detect|report|impact start/i),
      __mitigated: timestamp(record, /mitigat|stabili[sz]/i),
      __resolved: timestamp(record, /resolv|closed/i),
    };
  },
};
