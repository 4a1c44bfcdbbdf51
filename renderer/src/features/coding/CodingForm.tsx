import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeCode, dimensionsOf, type Codebook } from '../../../../shared/codebook/codebook.ts';
import type { IncidentMarks } from '../../../../shared/coding/coderMarks.ts';
import type { Dimension, Label } from '../../../../shared/model/labels.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { create } from 'zustand';
import { useUnsavedCodes } from '../../store/unsavedCodes.ts';
import { CodePicker } from './CodePicker.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';

export interface DimensionDraft {
  code: string;
  secondaryCodes: string[];
  rationale: string;
}
type Draft = Record<Dimension, DimensionDraft>;

/** The stored codes of an incident as a draft (dimension ids are data: the draft has no prototype keys). */
function draftOf(dimensions: readonly Dimension[], labels: readonly Label[], incidentId: string): Draft {
  const draft = Object.create(null) as Draft;
  for (const d of dimensions) draft[d] = { code: '', secondaryCodes: [], rationale: '' };
  for (const l of labels) if (l.incidentId === incidentId && l.dimension in draft) draft[l.dimension] = { code: l.code, secondaryCodes: [...(l.secondaryCodes ?? [])], rationale: l.rationale };
  return draft;
}

type SaveState = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

/**
 * Whether the form's last save is under way, done or failed. Kept in a store of its own, read only by the status line:
 * saying "Saved." redraws that line, not the form (a code is saved at once, so this is on the coder's path).
 */
const useSaveState = create<{ state: SaveState; set: (state: SaveState) => void }>()((set) => ({ state: { kind: 'idle' }, set: (state) => set({ state }) }));

function SaveStatus({ dirty }: { dirty: boolean }) {
  const state = useSaveState((s) => s.state);
  return (
    <>
      <span role="status" data-testid="save-state" data-state={state.kind}>
        {state.kind === 'saved' && 'Saved.'}
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'idle' && dirty && 'Unsaved changes.'}
      </span>
      {state.kind === 'error' && <span role="alert">{state.message}</span>}
    </>
  );
}

/**
 * Plays a held key where the keyboard is now, as typing it would: its keydown, and where nothing handled that, the
 * character typed into (or Backspace deleted from) the box (a synthetic keydown types nothing by itself).
 */
function playKey(key: string): void {
  const at = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
  if (!at.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))) return;
  // Enter on a button, Space on a button or a box: what the key does there is a click.
  const clickable = at instanceof HTMLButtonElement || (at instanceof HTMLInputElement && (at.type === 'checkbox' || at.type === 'radio'));
  if (clickable && (key === ' ' || (key === 'Enter' && at instanceof HTMLButtonElement))) {
    at.click();
    return;
  }
  if (!(at instanceof HTMLInputElement || at instanceof HTMLTextAreaElement) || (key.length !== 1 && key !== 'Backspace')) return;
  const setValue = Object.getOwnPropertyDescriptor(at instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype, 'value')!.set!;
  setValue.call(at, key === 'Backspace' ? at.value.slice(0, -1) : at.value + key);
  at.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * The codes of one incident. A code picked is saved at once as a revision (one transaction, resolved only once
 * IndexedDB has committed, so "Saved" is never shown for a code that is not stored) and the keyboard moves to
 * the next dimension; when every dimension has a code, "go on when coded" opens the next incident. Rationales and the
 * private note are saved with the codes, with Save, or with Ctrl+Enter (save and next); until then they are unsaved,
 * and leaving asks first.
 */
export function CodingForm(props: {
  incidentId: string;
  codebook: Codebook;
  labels: readonly Label[];
  marks: IncidentMarks;
  autoAdvance: boolean;
  /** Saves, and resolves with the ids of the label revisions it added (the stored state the form then waits for). */
  onSave: (codes: Partial<Draft>, note?: string) => Promise<string[]>;
  onSaveUnsure: (unsure: boolean) => Promise<void>;
  onUndo: (dimension: Dimension) => void;
  /** Opens the next incident; false when there is none (the last of the list). */
  onNext: () => boolean;
}) {
  const { incidentId, codebook, labels, marks } = props;
  const dimensions = dimensionsOf(codebook);
  const ids = dimensions.map((d) => d.id);
  const storedKey = `${labels
    .filter((l) => l.incidentId === incidentId)
    .map((l) => l.revisionId)
    .sort()
    .join(',')}|${marks.note}`;
  const [draft, setDraft] = useState<Draft>(() => draftOf(ids, labels, incidentId));
  const [note, setNote] = useState(marks.note);
  const [shownKey, setShownKey] = useState(storedKey);
  const setState = useSaveState((s) => s.set);
  // A new form (another incident) starts with nothing said about saving.
  useLayoutEffect(() => useSaveState.getState().set({ kind: 'idle' }), []);
  const [dirty, setDirty] = useState(false);
  const [addingSecondary, setAddingSecondary] = useState<Dimension | null>(null);
  // The form's own saves: how many are under way, and what the stored state will hold once they show (the label
  // revisions they added, the note they saved). Codes are saved at once while the next ones are picked, so the stored
  // state lags the form for a moment; adopting it meanwhile would show a pick undone.
  const [inFlight, setInFlight] = useState(0);
  const [expected, setExpected] = useState<{ revisions: ReadonlySet<string>; note: string | null }>({ revisions: new Set(), note: null });
  const storedRevisions = new Set(labels.filter((l) => l.incidentId === incidentId).map((l) => l.revisionId));
  const caughtUp = [...expected.revisions].every((id) => storedRevisions.has(id)) && (expected.note === null || expected.note === marks.note);
  // When the stored codes change under a form with no unsaved edit and no save of its own still to show (an undo,
  // another window), the form shows them; an edit being typed is never wiped.
  if (storedKey !== shownKey && !dirty && inFlight === 0 && caughtUp) {
    setShownKey(storedKey);
    setDraft(draftOf(ids, labels, incidentId));
    setNote(marks.note);
    if (expected.revisions.size > 0 || expected.note !== null) setExpected({ revisions: new Set(), note: null });
  }

  const setUnsaved = useUnsavedCodes((s) => s.setUnsaved);
  useEffect(() => {
    setUnsaved(dirty);
  }, [dirty, setUnsaved]);
  useEffect(() => () => setUnsaved(false), [setUnsaved]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const pickers = useRef(new Map<Dimension, HTMLInputElement>());
  const nextButton = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // After "save and next" (or a last code picked) the new form takes the keyboard to its first code, and the keys
  // typed while it was coming (and while they are played) are played on it, one per task so the pickers draw between
  // them; once a played key moves on again, the next form plays the rest.
  useEffect(() => {
    const keys = useUnsavedCodes.getState();
    if (keys.advance === null) return;
    const move = keys.moves;
    // A dialog opened meanwhile (the keys sheet, a question) keeps the keyboard; what was held is dropped.
    if (document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')) {
      keys.cancelAdvance();
      return;
    }
    pickers.current.get(ids[0]!)?.focus();
    let live = true;
    void (async () => {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!live || useUnsavedCodes.getState().moves !== move) return;
        const key = useUnsavedCodes.getState().nextHeld();
        if (key === undefined) return;
        playKey(key);
      }
    })();
    return () => {
      live = false;
    };
    // Once, for the incident this form was made for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Moves to the next incident by keyboard, holding keys typed meanwhile; back to `stay` when that cannot be done. */
  const advance = async (saved: Promise<boolean>, stay: () => void) => {
    const keys = useUnsavedCodes.getState();
    keys.startAdvance();
    // Off the pickers: a key typed now is for the next incident, never a code of this one.
    formRef.current?.focus();
    if ((await saved) && props.onNext()) return;
    keys.cancelAdvance();
    stay();
  };

  // Counts edits, so a save that finishes while the user kept typing does not mark the newer edit as saved.
  const edits = useRef(0);
  // What the handlers save: the draft as last drawn, or as a handler just set it (before React draws it).
  const latest = useRef({ draft, note });
  useLayoutEffect(() => {
    latest.current = { draft, note };
  }, [draft, note]);

  const save = async (codes: Partial<Draft>, withNote: boolean): Promise<boolean> => {
    const editsAtSave = edits.current;
    const savedNote = withNote ? latest.current.note : undefined;
    // The transaction starts before React draws "Saving…" (and the draft): IndexedDB works while the page draws.
    const saving = props.onSave(codes, savedNote);
    setState({ kind: 'saving' });
    setInFlight((n) => n + 1);
    try {
      const revisions = await saving;
      setExpected((e) => ({ revisions: new Set([...e.revisions, ...revisions]), note: savedNote === undefined ? e.note : savedNote.trim() === '' ? '' : savedNote }));
      if (edits.current !== editsAtSave) {
        setState({ kind: 'idle' });
        return true;
      }
      setState({ kind: 'saved' });
      // What is left unsaved: a rationale not part of this save, or the note.
      const unsavedLeft = !withNote && latest.current.note !== marks.note;
      const rationalesLeft = ids.some((d) => !(d in codes) && latest.current.draft[d]!.rationale !== (labels.find((l) => l.dimension === d && l.incidentId === incidentId)?.rationale ?? ''));
      const stillDirty = unsavedLeft || rationalesLeft;
      setDirty(stillDirty);
      if (!stillDirty) useUnsavedCodes.getState().setUnsaved(false);
      return true;
    } catch (e) {
      setState({ kind: 'error', message: `Not saved: ${(e as Error).message}` });
      setDirty(true);
      return false;
    } finally {
      setInFlight((n) => n - 1);
    }
  };

  const saveAllAndNext = () => advance(save(latest.current.draft, true), () => nextButton.current?.focus());

  const pick = async (dimension: Dimension, code: string) => {
    edits.current += 1;
    const next = Object.assign(Object.create(null) as Draft, latest.current.draft, {
      [dimension]: { ...latest.current.draft[dimension]!, code, secondaryCodes: latest.current.draft[dimension]!.secondaryCodes.filter((c) => c !== code) },
    });
    latest.current = { ...latest.current, draft: next };
    const saved = save({ [dimension]: next[dimension]! }, false);
    setDraft(next);
    const at = ids.indexOf(dimension);
    const allCoded = ids.every((d) => next[d]!.code !== '');
    if (at < ids.length - 1) pickers.current.get(ids[at + 1]!)?.focus();
    else if (allCoded && props.autoAdvance) await advance(saved, () => nextButton.current?.focus());
    else nextButton.current?.focus();
  };

  // One stable handler per dimension for the pickers (drawn again only when their own props change).
  const pickNow = useRef(pick);
  useLayoutEffect(() => {
    pickNow.current = pick;
  });
  const onPick = useCallback((code: string, dimension: Dimension) => void pickNow.current(dimension, code), []);

  const setSecondary = (dimension: Dimension, secondaryCodes: string[]) => {
    edits.current += 1;
    const next = Object.assign(Object.create(null) as Draft, latest.current.draft, { [dimension]: { ...latest.current.draft[dimension]!, secondaryCodes } });
    setDraft(next);
    latest.current = { ...latest.current, draft: next };
    void save({ [dimension]: next[dimension]! }, false);
  };

  const edit = (change: () => void) => {
    edits.current += 1;
    change();
    setState({ kind: 'idle' });
    setDirty(true);
  };

  return (
    <form
      ref={formRef}
      // Holds the keyboard while the next incident opens.
      tabIndex={-1}
      className="coding-form"
      aria-label="Codes for this incident"
      onSubmit={(e) => {
        e.preventDefault();
        void save(latest.current.draft, true);
      }}
      onKeyDown={(e) => {
        // Ctrl+Enter (⌘+Enter on a Mac): save and go to the next incident, without leaving the keyboard.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          // Once per move: a second one while moving would skip an incident.
          if (useUnsavedCodes.getState().advance === null) void saveAllAndNext();
        }
        if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save(latest.current.draft, true);
        }
      }}
      aria-keyshortcuts="Control+Enter Control+S"
      data-testid="coding-form"
      data-incident-id={incidentId}
    >
      {dimensions.map(({ id: dimension, name }) => {
        const d = draft[dimension]!;
        return (
          <fieldset key={dimension} data-testid={`dimension-${dimension}`}>
            <legend>
              <VisibleText text={name} />
            </legend>
            <CodePicker
              ref={(el) => {
                if (el) pickers.current.set(dimension, el);
                else pickers.current.delete(dimension);
              }}
              codebook={codebook}
              dimension={dimension}
              label={`Primary ${name.toLowerCase()}`}
              value={d.code}
              onPick={onPick}
              testId={`code-${dimension}`}
            />
            {d.code !== '' && (
              <div className="secondary-codes">
                {d.secondaryCodes.length > 0 && <span className="muted">Also:</span>}
                {d.secondaryCodes.map((c) => (
                  <span key={c} className="chip" data-testid={`secondary-${dimension}`} data-code={c}>
                    {visibleTextString(describeCode(codebook, dimension, c))}
                    <button type="button" className="link-button" aria-label={`Remove secondary code ${visibleTextString(describeCode(codebook, dimension, c))}`} onClick={() => setSecondary(dimension, d.secondaryCodes.filter((x) => x !== c))}>
                      ×
                    </button>
                  </span>
                ))}
                {addingSecondary === dimension ? (
                  <CodePicker
                    ref={(el) => el?.focus()}
                    codebook={codebook}
                    dimension={dimension}
                    label={`Secondary ${name.toLowerCase()}`}
                    value=""
                    exclude={[d.code, ...d.secondaryCodes]}
                    onPick={(code) => {
                      setAddingSecondary(null);
                      setSecondary(dimension, [...d.secondaryCodes, code]);
                      pickers.current.get(dimension)?.focus();
                    }}
                    onEscape={() => {
                      setAddingSecondary(null);
                      pickers.current.get(dimension)?.focus();
                    }}
                    testId={`secondary-picker-${dimension}`}
                  />
                ) : (
                  <button type="button" className="link-button" onClick={() => setAddingSecondary(dimension)} data-testid={`add-secondary-${dimension}`}>
                    + secondary code
                  </button>
                )}
              </div>
            )}
            <div className="dimension-row">
              <label htmlFor={`rationale-${incidentId}-${dimension}`} className="sr-only">
                Why {name.toLowerCase()} (optional)
              </label>
              <input
                id={`rationale-${incidentId}-${dimension}`}
                type="text"
                placeholder={d.code === '' ? 'Why (once a code is picked)' : 'Why (optional)'}
                // A reason belongs to a code: with none picked there is nothing it could be saved with.
                disabled={d.code === ''}
                value={d.rationale}
                onChange={(e) => edit(() => setDraft((x) => Object.assign(Object.create(null) as Draft, x, { [dimension]: { ...x[dimension]!, rationale: e.target.value } })))}
                data-testid={`rationale-${dimension}`}
              />
              <button
                type="button"
                className="link-button"
                onClick={() => props.onUndo(dimension)}
                disabled={dirty}
                title={dirty ? 'Save or change back your edits first: undo goes back one saved change' : 'Goes back one saved change; undoing an undo redoes it'}
                data-testid={`undo-${dimension}`}
              >
                Undo
              </button>
            </div>
          </fieldset>
        );
      })}
      <fieldset className="marks">
        <legend>Your marks (not codes)</legend>
        <label className="check">
          <input type="checkbox" checked={marks.unsure} onChange={(e) => void props.onSaveUnsure(e.target.checked)} data-testid="unsure" aria-keyshortcuts="f" />
          Unsure about this incident (f)
        </label>
        <label htmlFor={`note-${incidentId}`}>Private note (stays on this machine; never in a label package)</label>
        <textarea id={`note-${incidentId}`} rows={2} value={note} onChange={(e) => edit(() => setNote(e.target.value))} data-testid="private-note" aria-keyshortcuts="n" />
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" data-testid="save-labels" title="Ctrl+S">
          Save
        </button>
        <button ref={nextButton} type="button" onClick={() => void saveAllAndNext()} data-testid="save-next" title="Ctrl+Enter">
          Save and next
        </button>
        <SaveStatus dirty={dirty} />
      </div>
    </form>
  );
}
