import { decideProposal, proposalQueue, type Proposal, type ProposalStatus } from '../../../../shared/codebook/proposals.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { requireOpenProposal } from './codebooks.ts';

/** What an annotator proposes while coding: a new code (where, and its definition) or a change to one. */
export type NewProposal = Pick<Proposal, 'kind' | 'dimension' | 'targetPath' | 'code' | 'name' | 'text' | 'incidentId' | 'proposedBy'>;

/** Records a proposal made while coding; it waits, open, for the lead. */
export async function saveProposal(db: WorkbenchDatabase, proposal: NewProposal, now: Date, newId: () => string = () => crypto.randomUUID()): Promise<Proposal> {
  if (!proposal.text.trim()) throw new Error('Say what the proposal is: the definition of the new code, or the change and why.');
  if (proposal.kind === 'new-code' && !proposal.name.trim()) throw new Error('A proposed code needs a name.');
  const id = newId();
  const row: Proposal = {
    ...proposal,
    text: proposal.text.trim(),
    name: proposal.name.trim(),
    id,
    proposalId: id,
    source: 'coding',
    proposedAt: now.toISOString(),
    status: 'open',
    decidedBy: '',
    decidedAt: null,
    decisionNote: '',
    codebookVersion: null,
    previousId: null,
  };
  await db.proposals.add(row);
  return row;
}

/** Every proposal the lead has to see: made while coding, and noted on decisions during resolution. */
export async function listProposalQueue(db: WorkbenchDatabase): Promise<Proposal[]> {
  return db.transaction('r', [db.proposals, db.decisions], async () => proposalQueue(await db.proposals.toArray(), await db.decisions.toArray()));
}

/**
 * Merges (into an existing code, named in the note), rejects, or accepts a proposal without a change of its own (a
 * suggested change the lead makes by hand); a proposed new code is accepted by the codebook change that adds it.
 */
export async function decideOnProposal(db: WorkbenchDatabase, proposal: Proposal, decision: { status: Exclude<ProposalStatus, 'open'>; by: string; note: string; codebookVersion?: number | null }, now: Date): Promise<Proposal> {
  const row = decideProposal(proposal, { ...decision, codebookVersion: decision.codebookVersion ?? null }, crypto.randomUUID(), now);
  await db.transaction('rw', db.proposals, async () => {
    await requireOpenProposal(db, proposal);
    await db.proposals.add(row);
  });
  return row;
}
