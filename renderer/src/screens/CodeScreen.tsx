import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Dimension } from '../../../shared/model/labels.ts';
import { dimensionName, dimensionsOf } from '../../../shared/codebook/codebook.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { countLabelsOf, saveIncidentCodes, undoLastChange } from '../db/repositories/labels.ts';
import { updateSettings } from '../db/repositories/settings.ts';
import { useCodebook, useIncident, usePeople, useSettings } from '../hooks/useStudyData.ts';
import { useIncidentWindow, useLabelsFor } from '../hooks/useIncidentWindow.ts';
import { useNavigation } from '../store/navigation.ts';
import { IncidentList } from '../components/IncidentList.tsx';
import { IncidentReader } from '../components/IncidentReader.tsx';
import { CodingForm } from '../components/CodingForm.tsx';
import { ProposeCode } from '../features/codebook/ProposeCode.tsx';
import { useUnsavedCodes } from '../store/unsavedCodes.ts';
import { ExportMyLabels } from '../features/coding/LabelPackages.tsx';

function Reader({ id }: { id: string }) {
  const incident = useIncident(id);
  return incident ? <IncidentReader incident={incident} /> : <p role="status">Loading the incident…</p>;
}

export function CodeScreen() {
  const people = usePeople();
  const codebook = useCodebook();
  const settings = useSettings();
  const go = useNavigation((s) => s.go);
  const current = people?.find((a) => a.id === settings?.whoAmI) ?? null;
  const round = settings?.currentRound ?? 1;
  // Blind coding: only the current annotator's own labels, in the current round, are ever read on this screen.
  const list = useIncidentWindow(current?.id ?? null, round);
  const given = useLiveQuery(() => (current ? countLabelsOf(getDatabase(), current.id, round) : 0), [current?.id, round]);
  // The selection is an incident (its id), with the list position it was chosen at: the form stays on that
  // incident when the list scrolls away or an import moves the rows, so an unsaved edit is never dropped.
  const [selection, setSelection] = useState<{ index: number; id: string | null }>({ index: 0, id: null });
  const leave = useUnsavedCodes((s) => s.leave);
  // Another incident only once unsaved codes are saved or knowingly discarded.
  const select = (index: number) => leave(() => setSelection({ index, id: list.rowAt(index)?.id ?? null }));
  const [undoState, setUndoState] = useState('');
  const index = Math.min(selection.index, Math.max(0, (list.count ?? 1) - 1));
  // A position chosen before its row was loaded (End, a jump) takes the row's id once the window has it.
  const selectedId = selection.id ?? list.rowAt(index)?.id ?? null;
  const selectedLabels = useLabelsFor(current?.id ?? null, round, selectedId);

  if (list.count === undefined || !people || !codebook || !settings) return <p role="status">Loading…</p>;
  const count = list.count;
  const dimensionCount = dimensionsOf(codebook).length;
  const selected = selectedId === null ? null : { id: selectedId };
  const undo = async (dimension: Dimension) => {
    if (!current || !selected) return;
    const undone = await undoLastChange(getDatabase(), { incidentId: selected.id, annotatorId: current.id, dimension, round }, new Date());
    setUndoState(undone ? `Undid the last ${dimensionName(codebook, dimension).toLowerCase()} change (it stays in the history).` : 'Nothing to undo.');
  };

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Code incidents</h1>
      <div className="toolbar">
        <label htmlFor="annotator">Coding as</label>
        <select id="annotator" value={current?.id ?? ''} onChange={(e) => void updateSettings(getDatabase(), { whoAmI: e.target.value || null })} data-testid="annotator-select">
          <option value="">— choose who you are —</option>
          {people.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label htmlFor="round">Round</label>
        <input
          id="round"
          type="number"
          min={1}
          value={round}
          onChange={(e) => {
            const next = Number(e.target.value);
            if (Number.isInteger(next) && next >= 1) void updateSettings(getDatabase(), { currentRound: next });
          }}
          style={{ width: '4rem' }}
          data-testid="round"
        />
        {current && (
          <span className="muted" data-testid="coded-count">
            {given ?? 0} of {count * dimensionCount} codes given by {current.name} in round {round} ({count} incidents × {dimensionCount} dimensions). You see only your own codes.
          </span>
        )}
        {current && <ExportMyLabels annotatorId={current.id} annotatorName={current.name} />}
      </div>
      {count === 0 && (
        <p>
          No incidents yet.{' '}
          <button type="button" onClick={() => go('import')}>
            Import some
          </button>
        </p>
      )}
      {!current && count > 0 && <p className="warning">Choose who you are before coding, so your codes stay apart from the other coder's.</p>}
      {current && count > 0 && (
        <div className="split">
          <IncidentList
            count={count}
            rowAt={list.rowAt}
            onRange={list.onRange}
            selectedIndex={index}
            onSelect={select}
            label="Incidents to code"
            badge={(i) => {
              const coded = Object.keys(list.labelsOf(i.id)).length;
              return `${coded}/${dimensionCount} coded${i.hiddenCharacters > 0 ? ` · ⚠ ${i.hiddenCharacters} hidden character${i.hiddenCharacters === 1 ? '' : 's'}` : ''}`;
            }}
          />
          <div className="detail">
            {selected && selectedLabels !== undefined ? (
              <>
                <Reader id={selected.id} />
                <CodingForm
                  // A new form per annotator, round and incident; within one, the form follows the stored codes (an undo).
                  key={`${current.id}:${round}:${selected.id}`}
                  incidentId={selected.id}
                  codebook={codebook}
                  labels={selectedLabels ?? []}
                  onSave={async (draft) => {
                    await saveIncidentCodes(getDatabase(), { incidentId: selected.id, annotatorId: current.id, codebookId: codebook.id, codebookVersion: codebook.version, round, now: new Date() }, draft);
                  }}
                  onUndo={(dimension) => void undo(dimension)}
                  onNext={() => select(Math.min(index + 1, count - 1))}
                />
                <ProposeCode codebook={codebook} incidentId={selected.id} annotatorId={current.id} />
              </>
            ) : (
              <p role="status">Loading…</p>
            )}
            <p role="status" className="muted" data-testid="undo-state">
              {undoState}
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
