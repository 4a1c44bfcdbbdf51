import { useState } from 'react';
import { describeCode, type Codebook } from '../../../shared/codebook/codebook.ts';
import { DIMENSION_NAMES, type Resolution } from '../../../shared/model/labels.ts';
import type { CodedPair } from '../../../shared/study/finalLabels.ts';
import { getDatabase } from '../db/schema.ts';
import { saveResolution } from '../db/repositories/labels.ts';
import { useCodebook } from '../hooks/useStudyData.ts';
import { useCoderPair } from '../hooks/useCoderPair.ts';
import { useSession } from '../store/session.ts';
import { CoderPairPicker } from '../components/CoderPairPicker.tsx';
import { CodeSelect } from '../components/CodeSelect.tsx';
import { IncidentReader } from '../components/IncidentReader.tsx';
import { VisibleText } from '../components/VisibleText.tsx';

const pairKey = (p: { incidentId: string; dimension: string }) => `${p.dimension}:${p.incidentId}`;

export function ResolveScreen() {
  const codebook = useCodebook();
  const { loading, annotators, incidents, labels, resolutions, a, b, setCoders, outcome } = useCoderPair();
  const { leadName, setLeadName } = useSession();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  if (loading || !codebook || !outcome) return <p role="status">Loading…</p>;

  const resolutionFor = (p: CodedPair) => resolutions.find((r) => r.incidentId === p.incidentId && r.dimension === p.dimension && r.codeA === p.codeA && r.codeB === p.codeB);
  const queue = outcome.disagreements;
  const open = queue.filter((p) => !resolutionFor(p)).length;
  const selected = queue.find((p) => pairKey(p) === selectedKey) ?? queue.find((p) => !resolutionFor(p)) ?? queue[0] ?? null;
  const titleOf = (id: string) => incidents.find((i) => i.id === id)?.title ?? id;

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Resolve disagreements</h1>
      <CoderPairPicker annotators={annotators} a={a} b={b} onChange={setCoders} />
      <div className="toolbar">
        <label htmlFor="lead-name">Decided by</label>
        <input id="lead-name" value={leadName} onChange={(e) => setLeadName(e.target.value)} placeholder="study lead's name" data-testid="lead-name" />
      </div>
      <p role="status" data-testid="queue-status">
        {queue.length === 0 ? 'No disagreements between these two coders.' : `${open} of ${queue.length} disagreements open.`}
      </p>
      {selected && (
        <div className="split">
          <ul className="queue" aria-label="Disagreements" data-testid="disagreement-queue">
            {queue.map((p) => {
              const resolved = resolutionFor(p);
              const isSelected = pairKey(p) === pairKey(selected);
              return (
                <li key={pairKey(p)}>
                  <button
                    type="button"
                    className={isSelected ? 'queue-item selected' : 'queue-item'}
                    aria-current={isSelected ? 'true' : undefined}
                    onClick={() => setSelectedKey(pairKey(p))}
                    data-testid="queue-item"
                    data-incident-id={p.incidentId}
                    data-dimension={p.dimension}
                    data-resolved={resolved ? 'true' : 'false'}
                  >
                    <span className="row-title">
                      <VisibleText text={titleOf(p.incidentId)} />
                    </span>
                    <span className="row-meta">
                      {DIMENSION_NAMES[p.dimension]} · {resolved ? `resolved: ${describeCode(codebook, p.dimension, resolved.code)}` : 'open'}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="detail">
            <ResolutionForm
              key={pairKey(selected)}
              pair={selected}
              codebook={codebook}
              existing={resolutionFor(selected) ?? null}
              rationaleA={labels.find((l) => l.incidentId === selected.incidentId && l.dimension === selected.dimension && l.annotatorId === a?.id)?.rationale ?? ''}
              rationaleB={labels.find((l) => l.incidentId === selected.incidentId && l.dimension === selected.dimension && l.annotatorId === b?.id)?.rationale ?? ''}
              leadName={leadName}
              nameA={a?.name ?? 'A'}
              nameB={b?.name ?? 'B'}
              onNext={() => {
                // Meeting mode: after a decision, straight on to the next open disagreement.
                const at = queue.findIndex((p) => pairKey(p) === pairKey(selected));
                const next = [...queue.slice(at + 1), ...queue.slice(0, at)].find((p) => !resolutionFor(p));
                if (next) setSelectedKey(pairKey(next));
              }}
            />
            {incidents.find((i) => i.id === selected.incidentId) && (
              <IncidentReader incident={incidents.find((i) => i.id === selected.incidentId)!} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function ResolutionForm(props: {
  pair: CodedPair;
  codebook: Codebook;
  existing: Resolution | null;
  rationaleA: string;
  rationaleB: string;
  leadName: string;
  nameA: string;
  nameB: string;
  onNext: () => void;
}) {
  const { pair, codebook, existing } = props;
  const [choice, setChoice] = useState<Resolution['choice']>(existing?.choice ?? 'A');
  const [other, setOther] = useState(existing?.choice === 'other' ? existing.code : '');
  const [rationale, setRationale] = useState(existing?.rationale ?? '');
  const [proposal, setProposal] = useState(existing?.proposedCodebookChange ?? '');
  const [state, setState] = useState<string>('');
  const codeA = pair.codeA!;
  const codeB = pair.codeB!;

  const save = async (thenNext = false) => {
    const code = choice === 'A' ? codeA : choice === 'B' ? codeB : other;
    if (code === '') return setState('Choose the other code first.');
    try {
      await saveResolution(getDatabase(), {
        incidentId: pair.incidentId,
        dimension: pair.dimension,
        code,
        choice,
        rationale: rationale.trim(),
        resolvedBy: props.leadName.trim(),
        resolvedAt: new Date().toISOString(),
        codeA,
        codeB,
        ...(proposal.trim() ? { proposedCodebookChange: proposal.trim() } : {}),
      });
      setState('Resolution saved.');
      if (thenNext) props.onNext();
    } catch (e) {
      setState(`Not saved: ${(e as Error).message}`);
    }
  };

  return (
    <form
      className="resolution"
      aria-label="Resolution"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="side-by-side" data-testid="coder-rationales">
        <div>
          <h2>{props.nameA}</h2>
          <p>{describeCode(codebook, pair.dimension, codeA)}</p>
          <p className="muted">{props.rationaleA ? <VisibleText text={props.rationaleA} /> : 'No reason given.'}</p>
        </div>
        <div>
          <h2>{props.nameB}</h2>
          <p>{describeCode(codebook, pair.dimension, codeB)}</p>
          <p className="muted">{props.rationaleB ? <VisibleText text={props.rationaleB} /> : 'No reason given.'}</p>
        </div>
      </div>
      <fieldset>
        <legend>Final {DIMENSION_NAMES[pair.dimension].toLowerCase()}</legend>
        <label className="choice">
          <input type="radio" name="choice" value="A" checked={choice === 'A'} onChange={() => setChoice('A')} data-testid="choose-a" />
          {props.nameA}: {describeCode(codebook, pair.dimension, codeA)}
        </label>
        <label className="choice">
          <input type="radio" name="choice" value="B" checked={choice === 'B'} onChange={() => setChoice('B')} data-testid="choose-b" />
          {props.nameB}: {describeCode(codebook, pair.dimension, codeB)}
        </label>
        <label className="choice">
          <input type="radio" name="choice" value="other" checked={choice === 'other'} onChange={() => setChoice('other')} data-testid="choose-other" />
          Another code
        </label>
        {choice === 'other' && (
          <>
            <label htmlFor="other-code">Other code</label>
            <CodeSelect id="other-code" codebook={codebook} dimension={pair.dimension} value={other} onChange={setOther} testId="other-code" />
          </>
        )}
        <label htmlFor="resolution-rationale">Why</label>
        <textarea id="resolution-rationale" rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} data-testid="resolution-rationale" />
        <label htmlFor="codebook-proposal">Proposed codebook change (optional)</label>
        <textarea
          id="codebook-proposal"
          rows={2}
          placeholder="e.g. add a sub-category, or sharpen a definition"
          value={proposal}
          onChange={(e) => setProposal(e.target.value)}
          data-testid="codebook-proposal"
        />
      </fieldset>
      {existing && (
        <p className="muted" data-testid="resolution-audit">
          Decided by {existing.resolvedBy} on {existing.resolvedAt.slice(0, 16).replace('T', ' ')} UTC: “{existing.rationale}”
          {existing.proposedCodebookChange ? ` Proposed codebook change: “${existing.proposedCodebookChange}”` : ''}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" data-testid="save-resolution">
          {existing ? 'Update resolution' : 'Save resolution'}
        </button>
        <button type="button" onClick={() => void save(true)} data-testid="save-resolution-next">
          Save and go to the next open one
        </button>
        <span role="status" data-testid="resolution-state">
          {state}
        </span>
      </div>
    </form>
  );
}
