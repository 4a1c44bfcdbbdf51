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

  it('takes JSON and JSON Lines of the same records as fitting', () => {
    const json = { fileName: 'a.json', format: 'json' as const, columns: ['Ticket#', 'Headline', 'detection'] };
    expect(mappingMisfits(mapping, null, json, { ...json, fileName: 'b.jsonl', format: 'jsonl' })).toEqual([]);
  });

  it('checks a built-in export applied by hand by its paths, not by recognition', () => {
    const cols = ['Issue key', 'Summary', 'Status', 'Created'];
    const a = { fileName: 'a.csv', format: 'csv' as const, columns: cols };
    const jiraByHand = { fields: { id: 'Issue key', title: 'Summary', status: 'Status', createdAt: 'Created' } };
    expect(mappingMisfits(jiraByHand, 'jira-issues-csv', a, { ...a, fileName: 'b.csv' })).toEqual([]);
  });

  it('asks a built-in export to be recognised in the other file too', () => {
    const jira = ['Issue key', 'Summary', 'Issue Type', 'Status', 'Priority', 'Created', 'Resolved'];
    const jiraFirst = { fileName: 'j1.csv', format: 'csv' as const, columns: jira };
    expect(mappingMisfits({ fields: {} }, 'jira-issues-csv', jiraFirst, { fileName: 'j2.csv', format: 'csv', columns: jira })).toEqual([]);
    expect(mappingMisfits({ fields: {} }, 'jira-issues-csv', jiraFirst, { fileName: 'x.csv', format: 'csv', columns: ['id', 'title'] })).toEqual(['it is not the same export as j1.csv']);
  });
});
