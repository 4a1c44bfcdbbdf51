import { describe, expect, it } from 'vitest';
import { mappingMisfits } from './fileFit.ts';

describe('whether one mapping fits several files', () => {
  const mapping = { fields: { id: 'Ticket#', title: 'Headline', detectionType: 'detection.method' } };
  const first = { fileName: 'a.csv', format: 'csv' as const, columns: ['Ticket#', 'Headline', 'detection'] };

  it('fits a file with the same columns, whatever their case', () => {
    expect(mappingMisfits(mapping, null, first, { fileName: 'b.csv', format: 'csv', columns: ['ticket#', 'HEADLINE', 'Detection', 'extra'] })).toEqual([]);
  });

  it('says what is missing, or that the container differs', () => {
    expect(mappingMisfits(mapping, null, first, { fileName: 'c.csv', format: 'csv', columns: ['Ticket#', 'Summary'] })).toEqual(['it has no "Headline", "detection.method"']);
    expect(mappingMisfits(mapping, null, first, { fileName: 'd.json', format: 'json', columns: ['Ticket#', 'Headline'] })).toEqual(['it is JSON, where a.csv is CSV']);
  });

  it('asks a built-in export to be recognised in the other file too', () => {
    const jira = ['Issue key', 'Summary', 'Issue Type', 'Status', 'Priority', 'Created', 'Resolved'];
    const jiraFirst = { fileName: 'j1.csv', format: 'csv' as const, columns: jira };
    expect(mappingMisfits({ fields: {} }, 'jira-issues-csv', jiraFirst, { fileName: 'j2.csv', format: 'csv', columns: jira })).toEqual([]);
    expect(mappingMisfits({ fields: {} }, 'jira-issues-csv', jiraFirst, { fileName: 'x.csv', format: 'csv', columns: ['id', 'title'] })).toEqual(['it is not the same export as j1.csv']);
  });
});
