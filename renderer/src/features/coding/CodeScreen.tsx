import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { dimensionName, dimensionsOf } from '../../../../shared/codebook/codebook.ts';
import { assignedSets, describeSets } from '../../../../shared/protocol/assignments.ts';
import { describeProgress } from '../../../../shared/protocol/progress.ts';
import { queryWords } from '../../../../shared/protocol/criteria.ts';
import { STUDY_SETS, type StudySet } from '../../../../shared/model/incident.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { undoLastChange } from '../../db/repositories/labels.ts';
import { prepareLabelWriter, saveCodes } from './saveCodes.ts';
import { saveMarks } from '../../db/repositories/marks.ts';
import { listAssignments } from '../../db/repositories/assignments.ts';
import { positionOf, summariesStamp } from '../../db/repositories/incidents.ts';
import { readResumePoint, saveResumePoint } from '../../db/repositories/identity.ts';
import { useCodebook, useIncident, useSettings } from '../../hooks/useStudyData.ts';
import { useIncidentWindow, useLabelsFor } from '../../hooks/useIncidentWindow.ts';
import { useViewer } from '../../hooks/useViewer.ts';
import { useNavigation } from '../../store/navigation.ts';
import { useUnsavedCodes } from '../../store/unsavedCodes.ts';
import { IncidentList } from '../../components/IncidentList.tsx';
import { IncidentReader } from '../../components/IncidentReader.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';
import { askSelectionWorker, useWorkerAnswer } from '../protocol/useSelection.ts';
import type { SelectionWorkerResponse } from '../../workers/selection.worker.ts';
import { ProposeCode } from '../codebook/ProposeCode.tsx';
import { IdentityPanel } from '../study/IdentityPanel.tsx';
import { ExportMyLabels } from './LabelPackages.tsx';
import { CodingForm } from './CodingForm.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';
import { useCodingView, type CodingScope } from './codingStore.ts';

type CodingList = Extract<SelectionWorkerResponse, { kind: 'codingList' }>;
type Progress = Extract<SelectionWorkerResponse, { kind: 'progress' }>;
const NO_IDS: readonly string[] = [];
const summariesOnly = (db: ReturnType<typeof getDatabase>) => summariesStamp(db);

function Reader({ id, highlight }: { id: string; highlight: readonly string[] }) {
  const incident = useIncident(id);
  return incident ? <IncidentReader incident={incident} highlight={highlight} /> : <p role="status">Loading the incident…</p>;
}

/** Keys besides letters and numbers that are held while moving to the next incident (what the pickers take). */
const HELD_KEYS = new Set(['Enter', 'Backspace', 'Escape', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** Keys typed where text goes are text, not shortcuts. */
const typingIn = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function CodeScreen() {
  const viewer = useViewer();
  const codebook = useCodebook();
  const settings = useSettings();
  const go = useNavigation((s) => s.go);
  const me = viewer?.me ?? null;
  const round = settings?.currentRound ?? 1;
  const view = useCodingView();
  const query = useDeferredValue(view.query);
  const meId = me?.id ?? null;
  const scope = view.scope;
  // What is assigned to this coder in this round, and the sets the list shows: read together, so both keep their
  // identity between draws (the worker is asked again only when they change).
  const scoped = useLiveQuery(async () => {
    const assigned = meId ? assignedSets(await listAssignments(getDatabase()), meId, round) : null;
    const sets: StudySet[] | null = scope === 'assigned' ? assigned : scope === 'all' ? null : [scope];
    return { assigned, sets };
  }, [meId, round, scope]);
  const assigned = scoped?.assigned ?? null;
  const sets = scoped?.sets ?? null;
  const dimensions = useMemo(() => (codebook ? dimensionsOf(codebook).map((d) => d.id) : []), [codebook]);
  // Blind coding: only the current person's own labels, in the current round, are ever read on this screen.
  const uncodedOnly = view.uncodedOnly;
  const listQuery = useMemo(() => (meId && scoped ? { annotatorId: meId, dimensions, sets, query, uncodedOnly } : null), [meId, scoped, dimensions, sets, query, uncodedOnly]);
  // Every incident in list order needs no worker (a study of 100k opens at once); any filter asks it for the ids,
  // again only when the incidents or the filter change, so coding never reshuffles the list under the coder.
  const filtered = sets !== null || view.uncodedOnly || query.trim() !== '';
  const db = getDatabase();
  const listAnswer = useWorkerAnswer<CodingList>(listQuery && filtered ? { dbName: db.name, round, kind: 'codingList', list: listQuery } : null, round, summariesOnly);
  const ids = filtered ? (listAnswer.answer?.ids ?? null) : null;
  const list = useIncidentWindow(me?.id ?? null, round, filtered ? (ids ?? NO_IDS) : null);
  const progress = useWorkerAnswer<Progress>(me ? { dbName: db.name, round, kind: 'progress', coders: [me.id], dimensions, assigned: [assigned] } : null, round);

  // The selection is an incident (its id), with the list position it was chosen at: the form stays on that incident
  // when the list scrolls away or an import moves the rows, so an unsaved edit is never dropped.
  const [selection, setSelection] = useState<{ index: number; id: string | null }>({ index: 0, id: null });
  const leave = useUnsavedCodes((s) => s.leave);
  // Whether the coder has chosen an incident on this screen (then where they left off last time is not applied).
  const chosen = useRef(false);
  const count = list.count ?? 0;
  const idAt = useCallback((index: number) => list.rowAt(index)?.id ?? ids?.[index] ?? null, [list, ids]);
  const select = useCallback(
    (index: number) =>
      leave(() => {
        chosen.current = true;
        setSelection({ index, id: idAt(index) });
      }),
    [leave, idAt],
  );
  const index = Math.min(selection.index, Math.max(0, count - 1));
  // A position chosen before its row was loaded (End, a jump) takes the row's id once the window has it.
  const selectedId = selection.id ?? idAt(index);
  const selected = useLabelsFor(me?.id ?? null, round, selectedId);
  const [undoState, setUndoState] = useState('');

  // Resume where this coder left off in this round on this machine: read once the list is known, and taken only if
  // the coder has not chosen an incident meanwhile; where they are is written only after it was read (else the first
  // incident, shown while reading, would be written over it).
  const [resumed, setResumed] = useState('');
  const resumeKey = `${me?.id}\u0000${round}\u0000${filtered ? (ids === null ? 'loading' : 'ids') : 'all'}`;
  useEffect(() => {
    if (!me || resumed === resumeKey || (filtered && ids === null)) return;
    let live = true;
    void (async () => {
      const id = await readResumePoint(getDatabase(), me.id, round);
      const at = id === null ? null : ids ? ids.indexOf(id) : await positionOf(getDatabase(), id);
      if (!live) return;
      if (id !== null && at !== null && at >= 0 && !chosen.current) setSelection({ index: at, id });
      setResumed(resumeKey);
    })();
    return () => {
      live = false;
    };
  }, [me, round, filtered, ids, resumed, resumeKey]);
  useEffect(() => {
    if (me && selectedId && resumed === resumeKey) void saveResumePoint(getDatabase(), me.id, round, selectedId);
  }, [me, round, selectedId, resumed, resumeKey]);

  const jumpTo = async (id: string): Promise<boolean> => {
    const at = ids ? ids.indexOf(id) : await positionOf(getDatabase(), id);
    if (at === null || at < 0) return false;
    leave(() => {
      chosen.current = true;
      setSelection({ index: at, id });
    });
    return true;
  };
  const [nextState, setNextState] = useState('');
  const nextUncoded = async () => {
    if (!listQuery) return;
    const answer = await askSelectionWorker({ dbName: db.name, round, kind: 'nextUncoded', list: listQuery, afterId: selectedId });
    if ('error' in answer) setNextState(answer.error);
    else if ('kind' in answer && answer.kind === 'nextUncoded') {
      setNextState(answer.incidentId === null ? 'Every incident of this list has a code in every dimension.' : '');
      if (answer.incidentId !== null) {
        const keys = useUnsavedCodes.getState();
        keys.startAdvance();
        if (answer.incidentId === selectedId || !(await jumpTo(answer.incidentId))) keys.cancelAdvance();
      }
    }
  };

  const screenRef = useRef<HTMLDivElement>(null);
  // The screen's keys work wherever the focus is on it, on the page itself too (after a click on empty space, or
  // when a screen opens with the focus on its heading); keys a box handles (a picker's numbers) never get here.
  const onKeyDown = (e: KeyboardEvent) => {
    const inScreen = e.target === document.body || (e.target instanceof Node && screenRef.current?.contains(e.target));
    if (!inScreen || e.defaultPrevented || useUnsavedCodes.getState().pending) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !(e.target instanceof HTMLElement && e.target.closest('.coding-form'))) {
      e.preventDefault();
      screenRef.current?.querySelector<HTMLButtonElement>('[data-testid="save-next"]')?.click();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
    const form = screenRef.current?.querySelector('.coding-form');
    if (/^[0-9]$/.test(e.key) && form) {
      // A number typed anywhere else goes to the first dimension still without a code.
      const pickers = [...form.querySelectorAll<HTMLElement>('.code-picker')].filter((p) => !p.closest('.secondary-codes'));
      const target = pickers.find((p) => p.dataset.value === '') ?? pickers[0];
      const input = target?.querySelector<HTMLInputElement>('input');
      if (!input) return;
      e.preventDefault();
      input.focus();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, bubbles: true }));
      return;
    }
    const keys: Record<string, () => void> = {
      j: () => select(Math.min(index + 1, count - 1)),
      k: () => select(Math.max(index - 1, 0)),
      u: () => void nextUncoded(),
      '?': () => view.set({ shortcutsOpen: true }),
      '/': () => screenRef.current?.querySelector<HTMLInputElement>('#coding-search')?.focus(),
      n: () => screenRef.current?.querySelector<HTMLTextAreaElement>('[data-testid="private-note"]')?.focus(),
      f: () => screenRef.current?.querySelector<HTMLInputElement>('[data-testid="unsure"]')?.click(),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  // The label writer opens the study before the first code is picked.
  useEffect(() => prepareLabelWriter(db.name), [db.name]);
  const keyHandler = useRef(onKeyDown);
  useLayoutEffect(() => {
    keyHandler.current = onKeyDown;
  });
  useEffect(() => {
    const listen = (e: KeyboardEvent) => keyHandler.current(e);
    // On the way to the next incident, a key typed is for its form's pickers (numbers, letters to search, Enter,
    // Backspace, arrows): held before anything on the page sees it, so it is neither taken by the incident just left
    // nor played out of order with the keys held before it. Tab still moves the focus; a dialog keeps its keys; the
    // keys played back (not typed) pass.
    const hold = (e: KeyboardEvent) => {
      if (!e.isTrusted || e.ctrlKey || e.metaKey || e.altKey || !(/^[\p{L}\p{N} ]$/u.test(e.key) || HELD_KEYS.has(e.key))) return;
      if (useUnsavedCodes.getState().pending || document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')) return;
      if (!useUnsavedCodes.getState().typeAhead(e.key)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    document.addEventListener('keydown', hold, true);
    document.addEventListener('keydown', listen);
    return () => {
      document.removeEventListener('keydown', listen);
      document.removeEventListener('keydown', hold, true);
      // Keys held for a form that will not come (the screen closed) are dropped, not played on a later one.
      useUnsavedCodes.getState().cancelAdvance();
    };
  }, []);

  // The heading is there from the first draw, so the app can take the keyboard to it when the screen opens.
  if (!viewer || !codebook || !settings || !scoped || !me) {
    return (
      <div className="screen coding-screen" ref={screenRef}>
        <h1 tabIndex={-1}>Code incidents</h1>
        {viewer && !me ? <IdentityPanel compact /> : <p role="status">Loading…</p>}
      </div>
    );
  }
  const dimensionCount = dimensions.length;
  const highlight = queryWords(query);
  const mine = progress.answer?.coders[0];
  const scopes: Array<{ value: CodingScope; label: string }> = [
    { value: 'assigned', label: `My assignment (${describeSets(assigned)})` },
    { value: 'all', label: 'Every incident' },
    ...STUDY_SETS.map((s) => ({ value: s as CodingScope, label: `The ${s} set` })),
  ];
  const undo = async (dimension: Dimension) => {
    if (!selectedId) return;
    const undone = await undoLastChange(getDatabase(), { incidentId: selectedId, annotatorId: me.id, dimension, round }, new Date());
    setUndoState(undone ? `Undid the last ${dimensionName(codebook, dimension).toLowerCase()} change (it stays in the history).` : 'Nothing to undo.');
  };

  return (
    <div className="screen coding-screen" ref={screenRef}>
      <h1 tabIndex={-1}>Code incidents</h1>
      <div className="toolbar">
        <span data-testid="coding-as">
          Coding as <strong><VisibleText text={me.name} /></strong> in round {round}
        </span>
        <button type="button" className="link-button" onClick={() => go('study')} data-testid="switch-from-code">
          (not you? switch on the Study screen)
        </button>
        <span className="muted" data-testid="coded-count">
          {mine ? `${describeProgress(mine.assigned)} of ${describeSets(assigned)}; you see only your own codes.` : 'Counting your codes…'}
        </span>
        <button type="button" onClick={() => void nextUncoded()} data-testid="next-uncoded" aria-keyshortcuts="u">
          Next uncoded (u)
        </button>
        <button type="button" onClick={() => view.set({ shortcutsOpen: true })} data-testid="show-shortcuts" aria-keyshortcuts="?">
          Shortcuts (?)
        </button>
        <label className="check">
          <input type="checkbox" checked={view.autoAdvance} onChange={(e) => view.set({ autoAdvance: e.target.checked })} data-testid="auto-advance" />
          Next incident once every dimension has a code
        </label>
        <ExportMyLabels annotatorId={me.id} annotatorName={me.name} />
        <span role="status" data-testid="next-state">
          {nextState}
        </span>
      </div>
      {view.shortcutsOpen && <ShortcutSheet onClose={() => view.set({ shortcutsOpen: false })} />}
      {mine && mine.bySet.length > 1 && (
        <p className="muted" data-testid="progress-by-set">
          {mine.bySet.map((p) => `${p.set ?? 'not in a set'}: ${p.coded}/${p.incidents}`).join(' · ')}
        </p>
      )}
      <div className="coding-layout">
        <div className="coding-list-column">
          <div className="list-filters">
            <label htmlFor="coding-scope">Show</label>
            <select id="coding-scope" value={view.scope} onChange={(e) => leave(() => view.set({ scope: e.target.value as CodingScope }))} data-testid="coding-scope">
              {scopes.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <label className="check">
              <input type="checkbox" checked={view.uncodedOnly} onChange={(e) => leave(() => view.set({ uncodedOnly: e.target.checked }))} data-testid="uncoded-only" />
              Only incidents I have not coded
            </label>
            <label htmlFor="coding-search">Search (/)</label>
            <input id="coding-search" type="search" value={view.query} onChange={(e) => view.set({ query: e.target.value })} data-testid="coding-search" />
          </div>
          {filtered && ids === null ? (
            <p role="status">{listAnswer.error ?? 'Finding the incidents…'}</p>
          ) : count === 0 ? (
            <p data-testid="empty-list">
              {list.count === 0 && !filtered ? 'No incidents yet. ' : 'No incident matches. '}
              {!filtered && (
                <button type="button" onClick={() => go('import')}>
                  Import some
                </button>
              )}
            </p>
          ) : (
            <IncidentList
              count={count}
              rowAt={list.rowAt}
              onRange={list.onRange}
              selectedIndex={index}
              onSelect={select}
              label="Incidents to code"
              badge={(i) => {
                const coded = Object.keys(list.labelsOf(i.id)).length;
                const unsure = list.marksOf(i.id).unsure ? ' · ⚑ unsure' : '';
                return `${coded}/${dimensionCount} coded${unsure}${i.studySet ? ` · ${i.studySet}` : ''}${i.hiddenCharacters > 0 ? ` · ⚠ ${i.hiddenCharacters} hidden character${i.hiddenCharacters === 1 ? '' : 's'}` : ''}`;
              }}
            />
          )}
        </div>
        <div className="coding-reader-column">{selectedId && count > 0 ? <Reader id={selectedId} highlight={highlight} /> : null}</div>
        <div className="coding-form-column">
          {selectedId && count > 0 && selected !== undefined ? (
            <>
              <CodingForm
                // A new form per person, round and incident; within one, the form follows the stored codes (an undo).
                key={`${me.id}:${round}:${selectedId}`}
                incidentId={selectedId}
                codebook={codebook}
                labels={selected.labels}
                marks={selected.marks}
                autoAdvance={view.autoAdvance}
                onSave={async (codes, note) => {
                  const now = new Date();
                  const revisions = await saveCodes(getDatabase().name, { incidentId: selectedId, annotatorId: me.id, codebookId: codebook.id, codebookVersion: codebook.version, round, now }, codes);
                  if (note !== undefined) await saveMarks(getDatabase(), { incidentId: selectedId, annotatorId: me.id, round }, { note }, now);
                  return revisions;
                }}
                onSaveUnsure={async (unsure) => {
                  await saveMarks(getDatabase(), { incidentId: selectedId, annotatorId: me.id, round }, { unsure }, new Date());
                }}
                onUndo={(dimension) => void undo(dimension)}
                onNext={() => {
                  if (index + 1 >= count) return false;
                  select(index + 1);
                  return true;
                }}
              />
              <ProposeCode codebook={codebook} incidentId={selectedId} annotatorId={me.id} />
            </>
          ) : count > 0 ? (
            <p role="status">Loading…</p>
          ) : null}
          <p role="status" className="muted" data-testid="undo-state">
            {undoState}
          </p>
        </div>
      </div>
    </div>
  );
}
