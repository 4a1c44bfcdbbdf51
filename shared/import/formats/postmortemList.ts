import type { ExportFormat } from './format.ts';
import { firstSentence, str } from './format.ts';

/** A Markdown list of public post-mortems (danluu/post-mortems): company, link and a summary per entry. */
export const POSTMORTEM_LIST: ExportFormat = {
  id: 'postmortem-list-markdown',
  name: 'List of post-mortems (Markdown)',
  format: 'markdown',
  signatures: [['section', 'name', 'url', 'summary']],
  mapping: { fields: { id: 'url', title: '__title', description: 'summary' } },
  view(record) {
    return { ...record, __title: `${str(record.name)}: ${firstSentence(str(record.summary))}` };
  },
};
