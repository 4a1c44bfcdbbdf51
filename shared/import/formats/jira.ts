import type { ExportFormat } from './format.ts';
import { str } from './format.ts';

/** The first column whose name matches, for Jira's per-instance "Custom field (…)" columns. */
function customField(record: Record<string, unknown>, pattern: RegExp): unknown {
  const key = Object.keys(record).find((k) => pattern.test(k));
  return key === undefined ? '' : record[key];
}

/**
 * Jira issue CSV export (FORMATS.md §3). Repeated columns (Component/s, Comment, Labels) arrive as lists.
 * Severity and root cause live in instance-specific custom fields, found by name.
 */
export const JIRA_ISSUES: ExportFormat = {
  id: 'jira-issues-csv',
  name: 'Jira issues (CSV export)',
  format: 'csv',
  signatures: [['Summary', 'Issue key', 'Issue Type', 'Status']],
  mapping: {
    fields: {
      id: 'Issue key',
      title: 'Summary',
      description: 'Description',
      status: '__status',
      severity: '__severity',
      services: 'Component/s',
      createdAt: 'Created',
      resolvedAt: 'Resolved',
      rootCauseText: '__rootCause',
      mitigationText: '__mitigation',
      discussion: 'Comment',
    },
    dateFormats: { createdAt: 'DD/MMM/YY hh:mm A', resolvedAt: 'DD/MMM/YY hh:mm A' },
    values: { status: { 'to do': 'active', backlog: 'active', 'selected for development': 'active', 'in review': 'active', 'won\u2019t do': 'resolved', "won't do": 'resolved' } },
  },
  view(record) {
    return {
      ...record,
      __status: str(record['Status Category']) === 'Done' ? 'done' : str(record.Status),
      __severity: str(customField(record, /^custom field \((severity|sev|impact)\)$/i)) || str(record.Priority),
      __rootCause: customField(record, /^custom field \(root ?cause.*\)$/i),
      __mitigation: customField(record, /^custom field \((mitigation|resolution notes?|fix).*\)$/i),
    };
  },
};
