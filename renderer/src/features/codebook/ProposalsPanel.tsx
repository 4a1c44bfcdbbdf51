import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { dimensionName, flattenCodes } from '../../../../shared/codebook/codebook.ts';
import type { Proposal } from '../../../../shared/codebook/proposals.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { decideOnProposal, listProposalQueue } from '../../db/repositories/proposals.ts';
import { useCodebook, usePeople } from '../../hooks/useStudyData.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { SAY_WHO_YOU_ARE, useActorName } from '../../hooks/useActorName.ts';

/**
 * Every proposal in one list (open-coding proposals made while coding, and codebook changes suggested while resolving
 * disagreements); the lead accepts (a new code goes through the change form), merges into an existing code, or
 * rejects each, saying why.
 */
export function ProposalsPanel({ onAccept }: { onAccept: (proposal: Proposal) => void }) {
  const proposals = useLiveQuery(() => listProposalQueue(getDatabase()), []);
  const people = usePeople();
  const codebook = useCodebook();
  const actor = useActorName();
  const [deciding, setDeciding] = useState<{ proposal: Proposal; status: 'merged' | 'rejected' | 'accepted' } | null>(null);
  const [note, setNote] = useState('');
  const [into, setInto] = useState('');
  const [problem, setProblem] = useState('');
  if (!proposals || !codebook) return null;
  const nameOf = (id: string) => people?.find((p) => p.id === id)?.name ?? id;
  const decide = async () => {
    if (!deciding) return;
    setProblem('');
    try {
      if (!actor) throw new Error(SAY_WHO_YOU_ARE);
      if (deciding.status === 'merged' && !into) throw new Error('Choose the code it is merged into.');
      const text = deciding.status === 'merged' ? `Merged into "${into}"${note.trim() ? `: ${note.trim()}` : ''}` : note;
      await decideOnProposal(getDatabase(), deciding.proposal, { status: deciding.status, by: actor, note: text, codebookVersion: deciding.status === 'accepted' ? codebook.version : null }, new Date());
      setDeciding(null);
      setNote('');
      setInto('');
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const open = proposals.filter((p) => p.status === 'open').length;
  return (
    <section aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">
        Proposals <span className="muted">({open} open of {proposals.length})</span>
      </h2>
      {proposals.length === 0 && <p className="muted">No proposals yet. Annotators propose codes while coding; changes noted while resolving disagreements appear here too.</p>}
      <ul className="proposals" data-testid="proposal-list">
        {proposals.map((p) => (
          <li key={p.proposalId} data-testid="proposal" data-status={p.status}>
            <p>
              <strong>
                {p.kind === 'new-code' ? `New ${dimensionName(codebook, p.dimension).toLowerCase()} code “` : `Change to ${dimensionName(codebook, p.dimension).toLowerCase()} `}
                <VisibleText text={p.kind === 'new-code' ? p.name : (p.targetPath ?? 'codes')} />
                {p.kind === 'new-code' ? '”' : ''}
              </strong>
              {p.kind === 'new-code' && p.targetPath && <> under “<VisibleText text={p.targetPath} />”</>} ·{' '}
              <span className="muted">
                {p.source === 'resolution' ? 'noted while resolving' : 'proposed while coding'} by <VisibleText text={nameOf(p.proposedBy)} />
                {p.incidentId && (
                  <>
                    {' '}
                    on <VisibleText text={p.incidentId} />
                  </>
                )}
              </span>
            </p>
            <p>
              <VisibleText text={p.text} />
            </p>
            {p.status !== 'open' ? (
              <p className="muted" data-testid="proposal-decision">
                {p.status} by <VisibleText text={p.decidedBy} />
                {p.codebookVersion !== null && ` (version ${p.codebookVersion})`}
                {p.decisionNote && (
                  <>
                    : <VisibleText text={p.decisionNote} />
                  </>
                )}
              </p>
            ) : (
              <div className="toolbar">
                <button type="button" onClick={() => (p.kind === 'new-code' ? onAccept(p) : setDeciding({ proposal: p, status: 'accepted' }))} data-testid="proposal-accept">
                  Accept…
                </button>
                <button type="button" onClick={() => setDeciding({ proposal: p, status: 'merged' })} data-testid="proposal-merge">
                  Merge into an existing code…
                </button>
                <button type="button" onClick={() => setDeciding({ proposal: p, status: 'rejected' })} data-testid="proposal-reject">
                  Reject…
                </button>
              </div>
            )}
            {deciding?.proposal.proposalId === p.proposalId && (
              <div className="form-grid" data-testid="proposal-decide">
                {deciding.status === 'merged' && (
                  <>
                    <label htmlFor="proposal-into">Existing code</label>
                    <select id="proposal-into" value={into} onChange={(e) => setInto(e.target.value)}>
                      <option value="">— choose —</option>
                      {flattenCodes(codebook, p.dimension).map((c) => (
                        <option key={c.path} value={c.path}>
                          {c.name} ({c.path})
                        </option>
                      ))}
                    </select>
                  </>
                )}
                <label htmlFor="proposal-note">{deciding.status === 'accepted' ? 'Note (the change you will make)' : 'Why'}</label>
                <input id="proposal-note" value={note} onChange={(e) => setNote(e.target.value)} data-testid="proposal-note" />
                <span />
                <span className="toolbar">
                  <button type="button" onClick={() => void decide()} data-testid="proposal-confirm">
                    {deciding.status === 'accepted' ? 'Accept' : deciding.status === 'merged' ? 'Merge' : 'Reject'}
                  </button>
                  <button type="button" onClick={() => setDeciding(null)}>
                    Cancel
                  </button>
                </span>
                {problem && (
                  <p role="alert" style={{ gridColumn: '1 / -1' }}>
                    <VisibleText text={problem} />
                  </p>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
