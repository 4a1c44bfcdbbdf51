import type { ExportFormat } from './format.ts';
import { firstSentence, htmlToText, str } from './format.ts';

const TIME_ONLY = /^\d{1,2}:\d{2}(:\d{2})?$/;

/**
 * Human-labelled AWS / Azure / GCP status reports (atlarge-research llm-cloud-incident-extraction, CC0).
 * The first column is an unnamed pandas index. AWS gives times of day without a date: those stay unknown.
 */
export const CLOUD_STATUS_LABELS: ExportFormat = {
  id: 'cloud-status-labels-csv',
  name: 'Labelled cloud status reports (AWS / Azure / GCP CSV)',
  format: 'csv',
  signatures: [['label_service_name', 'label_start_time', 'label_end_time', 'label_timezone', 'label_user_symptom']],
  mapping: {
    fields: {
      id: '__id',
      title: '__title',
      description: '__description',
      services: 'label_service_name',
      createdAt: '__start',
      resolvedAt: '__end',
      rootCauseText: '__rootCause',
    },
    timeZone: 'path:label_timezone',
  },
  fieldSources: { __start: 'label_start_time', __end: 'label_end_time', __title: 'status', __id: '(column 1)' },
  view(record) {
    const vendor = str(record.vendor) || 'cloud';
    const index = str(record['(column 1)']);
    const symptom = str(record.label_user_symptom);
    // Times of day without a date, and the "UNKNOWN" placeholder, leave the instant unknown.
    const dated = (v: unknown) => (TIME_ONLY.test(str(v).trim()) || str(v).trim().toUpperCase() === 'UNKNOWN' ? '' : str(v));
    const rootCause = str(record.label_root_cause);
    return {
      ...record,
      __id: `${vendor}-${index}`,
      __title: str(record.status) || str(record.external_description) || `${str(record.label_service_name)}: ${firstSentence(symptom)}`,
      __description: htmlToText(str(record.description)),
      __start: dated(record.label_start_time),
      __end: dated(record.label_end_time),
      __rootCause: rootCause.toUpperCase() === 'UNKNOWN' ? '' : rootCause,
    };
  },
};

/** LLM extractions over the same reports (one JSON object per line, same order as the label files). */
export const CLOUD_STATUS_EXTRACTIONS: ExportFormat = {
  id: 'cloud-status-llm-extractions-jsonl',
  name: 'LLM-extracted cloud status fields (JSON Lines)',
  format: 'jsonl',
  signatures: [['service_name', 'user_symptom', 'user_symptom_category', 'start_time', 'timezone']],
  mapping: {
    fields: { title: '__title', description: 'user_symptom', services: 'service_name', rootCauseText: 'root_cause' },
  },
  view(record) {
    return { ...record, __title: `${str(record.service_name)}: ${firstSentence(str(record.user_symptom))}` };
  },
};
