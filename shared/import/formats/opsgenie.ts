import type { ExportFormat } from './format.ts';
import { isRecord, str } from './format.ts';

/** Opsgenie incidents from the Incident API ({data: […]}), in wire camelCase or SDK snake_case (FORMATS.md §5). */
export const OPSGENIE_INCIDENTS: ExportFormat = {
  id: 'opsgenie-incidents-json',
  name: 'Opsgenie incidents (Incident API JSON)',
  format: 'json',
  signatures: [['tinyId', 'message', 'status', 'priority'], ['tiny_id', 'message', 'status', 'priority']],
  mapping: {
    fields: {
      id: 'id',
      title: 'message',
      description: 'description',
      status: 'status',
      severity: 'priority',
      services: 'tags',
      owningTeam: '__team',
      createdAt: '__created',
      resolvedAt: '__resolved',
      detectionType: 'source',
    },
    values: { detectionType: { api: 'monitor', integration: 'monitor', web: 'human', mobile: 'human' } },
  },
  view(record) {
    const team = record.ownerTeam ?? record.owner_team;
    return {
      ...record,
      __team: isRecord(team) ? str(team.name) : str(team),
      __created: record.createdAt ?? record.created_at ?? record.impactStartDate,
      __resolved: record.impactEndDate ?? (['resolved', 'closed'].includes(str(record.status)) ? (record.updatedAt ?? record.updated_at) : null),
    };
  },
};
