import type { ExportFormat } from './format.ts';

/** GitHub's status history as rebuilt from its Atom feed (mrshu/github-statuses, FORMATS.md §1d). */
export const GITHUB_STATUS_HISTORY: ExportFormat = {
  id: 'github-status-history-jsonl',
  name: 'GitHub status history (JSON Lines)',
  format: 'jsonl',
  signatures: [['entry_id', 'status_sequence', 'updates', 'impact']],
  mapping: {
    fields: {
      id: 'id',
      title: 'title',
      description: 'updates[*].message',
      status: 'status_sequence[-1]',
      severity: 'impact',
      services: 'components',
      createdAt: 'started_at',
      resolvedAt: 'resolved_at',
      mitigationText: 'updates[-1].message',
      discussion: 'updates',
    },
  },
};
