import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';
import { DimensionSchema, type Resolution } from '../model/labels.ts';
import { chainHeads } from '../coding/revisionChains.ts';
import { currentResolutions, decisionKey } from '../coding/labelHistory.ts';

/**
 * Open coding (paper §III-C): while coding the taxonomy set an annotator proposes a new code or a change to one; the
 * lead accepts, merges or rejects it. A proposal's state is a chain of revisions (convention 16): a decision on it
 * is a new revision, never an edit. Changes suggested while resolving disagreements join the same list.
 */
export const ProposalStatusSchema = OneOf(['open', 'accepted', 'merged', 'rejected']);
export type ProposalStatus = Static<typeof ProposalStatusSchema>;

export const ProposalSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'This revision.' }),
    proposalId: Type.String({ minLength: 1, description: 'The proposal every revision of it shares.' }),
    kind: OneOf(['new-code', 'change'], { description: 'A code to add, or a change to an existing code.' }),
    dimension: DimensionSchema,
    targetPath: Nullable(Type.String({ minLength: 1 }), { description: 'Where: the parent of a new code (null: top level), or the code to change.' }),
    code: Type.String({ description: 'The code proposed (a new code), or empty.' }),
    name: Type.String(),
    text: Type.String({ minLength: 1, description: 'The definition proposed, or the change and why.' }),
    incidentId: Nullable(Type.String({ minLength: 1 }), { description: 'The incident it came up on.' }),
    source: OneOf(['coding', 'resolution']),
    proposedBy: Type.String({ minLength: 1 }),
    proposedAt: Type.String({ format: 'date-time' }),
    status: ProposalStatusSchema,
    decidedBy: Type.String(),
    decidedAt: Nullable(Type.String({ format: 'date-time' })),
    decisionNote: Type.String({ description: 'Why it was accepted, merged (and into which code) or rejected.' }),
    codebookVersion: Nullable(Type.Integer({ minimum: 1 }), { description: 'The codebook version that took it in, when accepted.' }),
    previousId: Nullable(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, title: 'Proposal' },
);
export type Proposal = Static<typeof ProposalSchema>;

/** The current state of every proposal. */
export function currentProposals(revisions: Iterable<Proposal>): Proposal[] {
  const heads = chainHeads(revisions, (p) => p.proposalId, (a, b) => ((a.decidedAt ?? a.proposedAt) !== (b.decidedAt ?? b.proposedAt) ? (a.decidedAt ?? a.proposedAt) > (b.decidedAt ?? b.proposedAt) : a.id > b.id));
  return [...heads.values()].sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.proposalId.localeCompare(b.proposalId));
}

/**
 * The proposal id a resolution's suggested change is listed under: the disagreement's, so a later decision on it
 * (revisited, or carried over by a codebook change) does not list the suggestion again once the lead decided on it.
 */
export const resolutionProposalId = (decision: Pick<Resolution, 'incidentId' | 'dimension' | 'round' | 'coderA' | 'coderB'>) => `resolution:${decisionKey(decision).split('\u0000').join('|')}`;

/**
 * Every proposal the lead has to see: those made while coding and one per decision that noted a change to the
 * codebook (its current state once the lead decided on it; open before). Open ones first.
 */
export function proposalQueue(revisions: Iterable<Proposal>, decisions: Iterable<Resolution>): Proposal[] {
  const current = currentProposals(revisions);
  const known = new Set(current.map((p) => p.proposalId));
  for (const d of currentResolutions(decisions).values()) {
    const note = d.proposedCodebookChange.trim();
    if (note === '' || known.has(resolutionProposalId(d))) continue;
    known.add(resolutionProposalId(d));
    current.push({
      id: resolutionProposalId(d),
      proposalId: resolutionProposalId(d),
      kind: 'change',
      dimension: d.dimension,
      targetPath: d.code,
      code: '',
      name: '',
      text: note,
      incidentId: d.incidentId,
      source: 'resolution',
      proposedBy: d.resolvedBy,
      proposedAt: d.resolvedAt,
      status: 'open',
      decidedBy: '',
      decidedAt: null,
      decisionNote: '',
      codebookVersion: null,
      previousId: null,
    });
  }
  const rank = (p: Proposal) => (p.status === 'open' ? 0 : 1);
  return current.sort((a, b) => rank(a) - rank(b) || a.proposedAt.localeCompare(b.proposedAt) || a.proposalId.localeCompare(b.proposalId));
}

/** The revision recording the lead's decision on a proposal. */
export function decideProposal(
  proposal: Proposal,
  decision: { status: Exclude<ProposalStatus, 'open'>; by: string; note: string; codebookVersion: number | null },
  newId: string,
  now: Date,
): Proposal {
  if (!decision.by.trim()) throw new Error('A decision on a proposal needs the name of who decided.');
  if (decision.status !== 'accepted' && !decision.note.trim()) throw new Error(`Say why the proposal is ${decision.status}.`);
  return {
    ...proposal,
    id: newId,
    status: decision.status,
    decidedBy: decision.by.trim(),
    decidedAt: now.toISOString(),
    decisionNote: decision.note.trim(),
    codebookVersion: decision.codebookVersion,
    // A suggestion from a resolution has no stored revision until now: this is its first.
    previousId: proposal.source === 'resolution' && proposal.id === proposal.proposalId ? null : proposal.id,
  };
}
