import { describe, expect, it } from 'vitest';
import { makeResolution } from '../model/testFactories.ts';
import { decideProposal, proposalQueue, type Proposal } from './proposals.ts';

const proposal = (patch: Partial<Proposal> = {}): Proposal => ({
  id: 'p1', proposalId: 'p1', kind: 'new-code', dimension: 'rootCause', targetPath: null, code: 'gpu', name: 'GPU', text: 'GPU faults', incidentId: null,
  source: 'coding', proposedBy: 'a', proposedAt: '2024-01-01T00:00:00.000Z', status: 'open', decidedBy: '', decidedAt: null, decisionNote: '', codebookVersion: null, previousId: null,
  ...patch,
});

describe('the proposal queue', () => {
  it('lists each suggestion noted on a disagreement once, from its current decision, and keeps the lead\'s answer when the decision is replaced', () => {
    const first = makeResolution('i1', 'symptom', 'x', 'y', 'x', { id: 'd1', proposedCodebookChange: 'split x' });
    // The same disagreement decided again (or carried over by a codebook change): the note is still there.
    const again = makeResolution('i1', 'symptom', 'x', 'y', 'y', { id: 'd2', previousId: 'd1', resolvedAt: '2024-01-03T00:00:00.000Z', proposedCodebookChange: 'split x' });
    const queue = proposalQueue([], [first, again]);
    expect(queue.map((p) => [p.source, p.status, p.text])).toEqual([['resolution', 'open', 'split x']]);
    const rejected = decideProposal(queue[0]!, { status: 'rejected', by: 'Lee', note: 'no', codebookVersion: null }, 'r1', new Date('2024-01-04T00:00:00Z'));
    expect(rejected.previousId).toBeNull();
    const third = makeResolution('i1', 'symptom', 'x2', 'y', 'y', { id: 'd3', previousId: 'd2', resolvedAt: '2024-01-05T00:00:00.000Z', proposedCodebookChange: 'split x' });
    expect(proposalQueue([rejected], [first, again, third]).map((p) => [p.status, p.decisionNote])).toEqual([['rejected', 'no']]);
  });

  it('puts open proposals first, and a decision on one is a new revision of it', () => {
    const open = proposal({ id: 'p2', proposalId: 'p2', proposedAt: '2024-01-02T00:00:00.000Z' });
    const accepted = decideProposal(proposal(), { status: 'accepted', by: 'Lee', note: '', codebookVersion: 2 }, 'p1b', new Date('2024-01-03T00:00:00Z'));
    expect(accepted).toMatchObject({ id: 'p1b', proposalId: 'p1', previousId: 'p1', status: 'accepted', codebookVersion: 2 });
    expect(proposalQueue([proposal(), accepted, open], []).map((p) => [p.proposalId, p.status])).toEqual([['p2', 'open'], ['p1', 'accepted']]);
    expect(() => decideProposal(proposal(), { status: 'rejected', by: 'Lee', note: ' ', codebookVersion: null }, 'x', new Date())).toThrow(/Say why/);
    expect(() => decideProposal(proposal(), { status: 'accepted', by: ' ', note: '', codebookVersion: 1 }, 'x', new Date())).toThrow(/who decided/);
  });
});
