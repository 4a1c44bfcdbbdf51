import { useState } from 'react';
import { describeCode, dimensionName, type Codebook } from '../../../shared/codebook/codebook.ts';
import type { Resolution } from '../../../shared/model/labels.ts';
import type { CodedPair } from '../../../shared/study/finalLabels.ts';
import { buildResolutionQueue, choiceSeenBy, codeOfChoice, nextOpenItem, type QueueItem } from '../../../shared/study/resolutionQueue.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { saveDecision } from '../db/repositories/labels.ts';
import { updateSettings } from '../db/repositories/settings.ts';
import { useCodebook, useIncident } from '../hooks/useStudyData.ts';
import { useCoderPair } from '../hooks/useCoderPair.ts';
import { CoderPairPicker } from '../components/CoderPairPicker.tsx';
import { CodeSelect } from '../components/CodeSelect.tsx';
import { IncidentReader } from '../components/IncidentReader.tsx';
import { VisibleText } from '../components/VisibleText.tsx';

const STATE_WORDS: Record<QueueItem['state'], string> = { open: 'open', resolved: 'resolved', stale: 'open again: a code changed after the decision' };

function SelectedIncident({ id }: { id: string }) {
  const incident = useIncident(id);
  return incident ? <IncidentReader incident={incident} /> : null;
}

export function ResolveScreen() {
  const codebook = useCodebook();
  const { loading, people, incidents, labels, decisions, settings, round, a, b, setCoders, outcome } = useCoderPair();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [leadDraft, setLeadDraft] = useState<string | null>(null);
  if (loading || !codebook || !outcome || !settings || !a || !b) return <p role="status">Loading…</p>;

  const { items: queue, open } = buildResolutionQueue(outcome, decisions, a.id, b.id);
  const selected = queue.find((p) => p.key === selectedKey) ?? queue.find((p) => p.state !== 'resolved') ?? queue[0] ?? null;
  const titleOf = new Map(incidents.map((i) => [i.id, i.title]));
  const leadName = leadDraft ?? settings.leadName;
  const rationaleOf = (p: CodedPair, coder: string) => labels.find((l) => l.incidentId === p.incidentId && l.dimension === p.dimension && l.round === p.round && l.annotatorId === coder)?.rationale ?? '';

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Resolve disagreements</h1>
      <CoderPairPicker people={people} a={a} b={b} onChange={setCoders} />
      <div className="toolbar">
        <label htmlFor="lead-name">Decided by</label>
        <input
          id="lead-name"
          value={leadName}
          onChange={(e) => setLeadDraft(e.target.value)}
          onBlur={() => leadDraft !== null && void updateSettings(getDatabase(), { leadName: leadDraft.trim() }).then(() => setLeadDraft(null))}
          placeholder="study lead's name"
          data-testid="lead-name"
        />
        <span className="muted">Round {round} (the study's current round).</span>
      </div>
      <p role="status" data-testid="queue-status">
        {queue.length === 0 ? `No disagreements between these two coders in round ${round}.` : `${open} of ${queue.length} disagreements open in round ${round}.`}
      </p>
      {selected && (
        <div className="split">
          <ul className="queue" aria-label="Disagreements" data-testid="disagreement-queue">
            {queue.map((item) => {
              const p = item.pair;
              const isSelected = item.key === selected.key;
              return (
                <li key={item.key}>
                  <button
                    type="button"
                    className={isSelected ? 'queue-item selected' : 'queue-item'}
                    aria-current={isSelected ? 'true' : undefined}
                    onClick={() => setSelectedKey(item.key)}
                    data-testid="queue-item"
                    data-incident-id={p.incidentId}
                    data-dimension={p.dimension}
                    data-resolved={item.state === 'resolved' ? 'true' : 'false'}
                    data-state={item.state}
                  >
                    <span className="row-title">
                      <VisibleText text={titleOf.get(p.incidentId) ?? p.incidentId} />
                    </span>
                    <span className="row-meta">
                      {dimensionName(codebook, p.dimension)} · {item.state === 'resolved' && item.decision ? `resolved: ${describeCode(codebook, p.dimension, item.decision.code)}` : STATE_WORDS[item.state]}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="detail">
            <ResolutionForm
              key={selected.key}
              pair={selected.pair}
              codebook={codebook}
              existing={selected.decision ?? null}
              coderA={a.id}
              coderB={b.id}
              rationaleA={rationaleOf(selected.pair, a.id)}
              rationaleB={rationaleOf(selected.pair, b.id)}
              leadName={leadName}
              nameA={a.name}
              nameB={b.name}
              onNext={() => {
                // Meeting mode: after a decision, straight on to the next open disagreement.
                const next = nextOpenItem(queue, selected.key);
                if (next) setSelectedKey(next.key);
              }}
            />
            <SelectedIncident id={selected.pair.incidentId} />
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
  coderA: string;
  coderB: string;
  rationaleA: string;
  rationaleB: string;
  leadName: string;
  nameA: string;
  nameB: string;
  onNext: () => void;
}) {
  const { pair, codebook, existing } = props;
  const [choice, setChoice] = useState<Resolution['choice']>(existing ? choiceSeenBy(existing, props.coderA) : 'A');
  const [other, setOther] = useState(existing?.choice === 'other' ? existing.code : '');
  const [rationale, setRationale] = useState(existing?.rationale ?? '');
  const [proposal, setProposal] = useState(existing?.proposedCodebookChange ?? '');
  const [state, setState] = useState<string>('');
  const codeA = pair.codeA!;
  const codeB = pair.codeB!;

  const save = async (thenNext = false) => {
    const code = codeOfChoice(choice, pair, other);
    if (code === '') return setState('Choose the other code first.');
    try {
      await saveDecision(getDatabase(), {
        incidentId: pair.incidentId,
        dimension: pair.dimension,
        round: pair.round,
        coderA: props.coderA,
        coderB: props.coderB,
        revisionA: pair.revisionA!,
        revisionB: pair.revisionB!,
        code,
        choice,
        rationale: rationale.trim(),
        resolvedBy: props.leadName.trim(),
        resolvedAt: new Date().toISOString(),
        codeA,
        codeB,
        proposedCodebookChange: proposal.trim(),
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
        <legend>Final {dimensionName(codebook, pair.dimension).toLowerCase()}</legend>
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
