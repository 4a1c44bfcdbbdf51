import type { ExportFormat } from './format.ts';
import { str } from './format.ts';

const STAGES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
const NOT_SERVICES = new Set(['incident_id', 'Incident_Title', 'incident_impact_level', 'Incident_color', 'provider', 'start_timestamp', 'close_timestamp', 'time_span', 'over_one_day']);

/** The ICPE'25 / FAILS cleaned table: one row per incident, one column group per Statuspage stage (FORMATS.md §1c). */
export const ICPE_INCIDENT_STAGES: ExportFormat = {
  id: 'icpe-incident-stages-csv',
  name: 'Statuspage incident stages (ICPE 2025 / FAILS CSV)',
  format: 'csv',
  signatures: [['incident_id', 'Incident_Title', 'incident_impact_level', 'investigating_timestamp', 'resolved_timestamp']],
  mapping: {
    fields: {
      id: 'incident_id',
      title: 'Incident_Title',
      description: 'investigating_description',
      status: '__status',
      severity: 'incident_impact_level',
      services: '__services',
      createdAt: 'start_timestamp',
      mitigatedAt: 'monitoring_timestamp',
      resolvedAt: '__resolvedAt',
      rootCauseText: '__rootCause',
      mitigationText: 'monitoring_description',
      discussion: '__stages',
    },
    // 0 = none, 1 = minor, 2 = major, 3 = critical; the meaning of 4 is not documented, so it stays unmapped.
    values: { severity: { '0': 'low', '1': 'medium', '2': 'high', '3': 'high', '4': '' } },
  },
  view(record) {
    const services = Object.keys(record).filter(
      (k) => !NOT_SERVICES.has(k) && !/_(flag|timestamp|description)$/.test(k) && str(record[k]).trim() === '1',
    );
    const done = (stage: string) => str(record[`${stage}_flag`]) === '1';
    return {
      ...record,
      __services: services,
      __status: done('resolved') || done('postmortem') ? 'resolved' : done('monitoring') ? 'mitigated' : 'active',
      __resolvedAt: str(record.resolved_timestamp) || str(record.close_timestamp),
      __rootCause: [str(record.identified_description), str(record.postmortem_description)].filter((t) => t !== '').join('\n\n'),
      __stages: STAGES.filter(done).map((stage) => ({ at: str(record[`${stage}_timestamp`]), status: stage, body: str(record[`${stage}_description`]) })),
    };
  },
};
