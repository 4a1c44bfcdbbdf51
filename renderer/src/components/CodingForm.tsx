import { useEffect, useRef, useState } from 'react';
import { dimensionsOf, type Codebook } from '../../../shared/codebook/codebook.ts';
import type { Dimension, Label } from '../../../shared/model/labels.ts';
import { CodeSelect } from './CodeSelect.tsx';
import { useUnsavedCodes } from '../store/unsavedCodes.ts';

type Draft = Record<Dimension, { code: string; rationale: string }>;

/** An empty code for each of the codebook's dimensions (ids are data: the draft has no prototype keys). */
const emptyDraft = (dimensions: readonly Dimension[]): Draft => {
  const draft = Object.create(null) as Draft;
  for (const d of dimensions) draft[d] = { code: '', rationale: '' };
  return draft;
};

/**
 * One primary code per dimension, with a short rationale. Saving resolves only once IndexedDB has
 * committed, so "Saved" is never shown for a label that could still be lost.
 */
export function CodingForm(props: {
  incidentId: string;
  codebook: Codebook;
  labels: readonly Label[];
  onSave: (draft: Draft) => Promise<void>;
  /** Undoes the last saved change of one dimension (as a new revision). */
  onUndo: (dimension: Dimension) => void;
  onNext: () => void;
}) {
  const { incidentId, codebook, labels } = props;
  const dimensions = dimensionsOf(codebook);
  const fromStored = (): Draft => {
    const initial = emptyDraft(dimensions.map((d) => d.id));
    for (const l of labels) if (l.incidentId === incidentId && l.dimension in initial) initial[l.dimension] = { code: l.code, rationale: l.rationale };
    return initial;
  };
  // The stored state this form shows: the revisions of the incident's current labels.
  const storedKey = labels
    .filter((l) => l.incidentId === incidentId)
    .map((l) => l.revisionId)
    .sort()
    .join(',');
  const [draft, setDraft] = useState<Draft>(fromStored);
  const [shownKey, setShownKey] = useState(storedKey);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);
  // When the stored codes change under a form with no unsaved edit (an undo, a save), the form shows them; an edit
  // being typed is never wiped.
  if (storedKey !== shownKey && !dirty) {
    setShownKey(storedKey);
    setDraft(fromStored());
  }

  // Moving to another incident or screen with codes not yet saved asks first (the app's navigation reads this).
  const setUnsaved = useUnsavedCodes((s) => s.setUnsaved);
  useEffect(() => {
    setUnsaved(dirty);
  }, [dirty, setUnsaved]);
  useEffect(() => () => setUnsaved(false), [setUnsaved]);
  // After "save and next" the new form takes the keyboard to its first code, so coding goes on without the mouse.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const { focusNextForm, setFocusNextForm } = useUnsavedCodes.getState();
    if (!focusNextForm) return;
    setFocusNextForm(false);
    formRef.current?.querySelector<HTMLElement>('select')?.focus();
  }, []);

  // Closing the window with codes not yet saved asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Counts edits, so a save that finishes while the user kept typing does not mark the newer edit as saved.
  const edits = useRef(0);
  const update = (dimension: Dimension, patch: Partial<Draft[Dimension]>) => {
    edits.current += 1;
    setDraft((d) => Object.assign(Object.create(null) as Draft, d, { [dimension]: { code: '', rationale: '', ...d[dimension], ...patch } }));
    setState({ kind: 'idle' });
    setDirty(true);
  };

  const save = async (thenNext: boolean) => {
    setState({ kind: 'saving' });
    const editsAtSave = edits.current;
    try {
      await props.onSave(draft);
      if (edits.current !== editsAtSave) {
        // Typed on while saving: what was saved is stored, the newer edit is still to save.
        setState({ kind: 'idle' });
        return;
      }
      setState({ kind: 'saved' });
      setDirty(false);
      useUnsavedCodes.getState().setUnsaved(false);
      if (thenNext) {
        useUnsavedCodes.getState().setFocusNextForm(true);
        props.onNext();
      }
    } catch (e) {
      setState({ kind: 'error', message: `Not saved: ${(e as Error).message}` });
    }
  };

  return (
    <form
      ref={formRef}
      className="coding-form"
      aria-label="Codes for this incident"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
      onKeyDown={(e) => {
        // Ctrl+Enter (⌘+Enter on a Mac): save and go to the next incident, without leaving the keyboard.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save(true);
        }
      }}
      aria-keyshortcuts="Control+Enter"
    >
      {dimensions.map(({ id: dimension, name }) => (
        <fieldset key={dimension}>
          <legend>{name}</legend>
          <label htmlFor={`code-${dimension}`}>Primary {name.toLowerCase()}</label>
          <CodeSelect
            id={`code-${dimension}`}
            codebook={codebook}
            dimension={dimension}
            value={draft[dimension]?.code ?? ''}
            onChange={(code) => update(dimension, { code })}
            testId={`code-${dimension}`}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => props.onUndo(dimension)}
            disabled={dirty}
            title={dirty ? 'Save or change back your edits first: undo goes back one saved change' : 'Goes back one saved change; undoing an undo redoes it'}
            data-testid={`undo-${dimension}`}
          >
            Undo last saved change
          </button>
          <label htmlFor={`rationale-${dimension}`}>Why (optional)</label>
          <textarea
            id={`rationale-${dimension}`}
            rows={2}
            value={draft[dimension]?.rationale ?? ''}
            onChange={(e) => update(dimension, { rationale: e.target.value })}
            data-testid={`rationale-${dimension}`}
          />
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={state.kind === 'saving'} data-testid="save-labels">
          Save
        </button>
        <button type="button" disabled={state.kind === 'saving'} onClick={() => void save(true)} data-testid="save-next" title="Ctrl+Enter">
          Save and next
        </button>
        <span role="status" data-testid="save-state" data-state={state.kind}>
          {state.kind === 'saved' && 'Saved.'}
          {state.kind === 'saving' && 'Saving…'}
          {state.kind === 'idle' && dirty && 'Unsaved changes.'}
        </span>
        {state.kind === 'error' && <span role="alert">{state.message}</span>}
      </div>
    </form>
  );
}

export type { Draft as CodingDraft };
