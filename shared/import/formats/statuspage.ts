import type { ExportFormat } from './format.ts';
import { isRecord, str } from './format.ts';

interface Update {
  status: string;
  body: string;
  created_at: string;
  affected_components?: Array<{ name?: string }> | null;
}

/** Atlassian Statuspage public API v2, /api/v2/incidents.json (FORMATS.md §1). */
export const STATUSPAGE_INCIDENTS: ExportFormat = {
  id: 'statuspage-v2-incidents',
  name: 'Atlassian Statuspage incidents (API v2 JSON)',
  format: 'json',
  signatures: [['name', 'incident_updates', 'impact', 'shortlink']],
  mapping: {
    fields: {
      id: 'id',
      title: 'name',
      description: '__description',
      status: 'status',
      severity: 'impact',
      services: '__services',
      createdAt: '__createdAt',
      mitigatedAt: '__mitigatedAt',
      resolvedAt: 'resolved_at',
      discussion: '__updates',
    },
  },
  fieldSources: { __createdAt: 'started_at', __mitigatedAt: 'monitoring_at' },
  view(record) {
    const updates = (Array.isArray(record.incident_updates) ? record.incident_updates : [])
      .filter(isRecord)
      .map((u) => u as unknown as Update)
      .sort((a, b) => str(a.created_at).localeCompare(str(b.created_at)));
    const components = (Array.isArray(record.components) ? record.components : []).filter(isRecord).map((c) => str(c.name));
    const affected = updates.flatMap((u) => (Array.isArray(u.affected_components) ? u.affected_components : []).map((c) => str(c?.name)));
    // monitoring_at is often null even when a "monitoring" update exists (FORMATS.md §1).
    const firstMonitoring = updates.find((u) => u.status === 'monitoring')?.created_at;
    return {
      ...record,
      __description: updates.map((u) => u.body).filter((b) => b).join('\n\n'),
      __services: [...new Set([...components, ...affected].filter((s) => s !== ''))],
      __createdAt: record.started_at ?? record.created_at,
      __mitigatedAt: record.monitoring_at ?? firstMonitoring ?? null,
      __updates: updates.map((u) => ({ at: u.created_at, status: u.status, body: u.body })),
    };
  },
};

/** /api/v2/components.json: a list of components, which is not an incident export. */
export const STATUSPAGE_COMPONENTS: ExportFormat = {
  id: 'statuspage-v2-components',
  name: 'Atlassian Statuspage components (API v2 JSON)',
  format: 'json',
  signatures: [['name', 'status', 'position', 'showcase', 'group_id']],
  mapping: { fields: {} },
  notIncidents:
    'is a Statuspage components list (/api/v2/components.json), not incidents. Import /api/v2/incidents.json instead; its incidents name their components.',
};
