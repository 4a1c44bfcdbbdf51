import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import type { Proposal } from '../codebook/proposals.ts';
import type { Person } from '../model/labels.ts';
import { makeResolution } from '../model/testFactories.ts';
import { finalLabelsCsv, proposalsCsv, resolutionsCsv } from './studyExports.ts';

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
const people: Person[] = [
  { id: 'a', name: 'Ana', role: 'annotator' } as Person,
  { id: 'b', name: '=Ben', role: 'annotator' } as Person,
];

describe('tidy CSV exports of the study outcome', () => {
  it('final labels: one row per incident and dimension, with the code name and where it came from', () => {
    const rows = parse(
      finalLabelsCsv(
        [
          { incidentId: 'I1', dimension: 'rootCause', code: 'code-bug', origin: 'agreed' },
          { incidentId: 'I2', dimension: 'symptom', code: 'deployment-failure/model-deployment-failure', origin: 'resolved' },
        ],
        loadDefaultCodebook(),
        2,
        ['Ana', '=Ben'],
      ),
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ incident_id: 'I2', code_name: 'Deployment failure › Model deployment failure', origin: 'resolved', round: '2', coder_b: "'=Ben" });
  });

  it('resolutions: the current decision per disagreement with its reason, a revisited one written once', () => {
    const first = makeResolution('I1', 'symptom', 'x', 'y', 'x', { id: 'd1', rationale: 'first thought', coderA: 'a', coderB: 'b' });
    const revisited = makeResolution('I1', 'symptom', 'x', 'y', 'y', { id: 'd2', previousId: 'd1', rationale: 'on reflection, +1', coderA: 'a', coderB: 'b', proposedCodebookChange: 'split x' });
    const rows = parse(resolutionsCsv([first, revisited], people));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ incident_id: 'I1', decided_code: 'y', rationale: 'on reflection, +1', proposed_codebook_change: 'split x', coder_a: 'Ana', coder_b: "'=Ben" });
  });

  it('proposed codebook changes: the proposals, and a change noted on a decision no proposal carries', () => {
    const proposal = { id: 'p1', proposalId: 'p1', kind: 'new-code', dimension: 'rootCause', targetPath: null, code: 'gpu', name: 'GPU memory', text: 'Out of GPU memory', incidentId: 'I9', source: 'coding', proposedBy: 'Ana', proposedAt: '2024-01-01T00:00:00.000Z', status: 'open', decidedBy: '', decidedAt: null, decisionNote: '', codebookVersion: null, previousId: null } as Proposal;
    const decision = makeResolution('I1', 'symptom', 'x', 'y', 'y', { proposedCodebookChange: 'merge x into y' });
    const rows = parse(proposalsCsv([proposal], [decision]));
    expect(rows.map((r) => [r.source, r.text])).toEqual([['coding', 'Out of GPU memory'], ['resolution', 'merge x into y']]);
  });
});
