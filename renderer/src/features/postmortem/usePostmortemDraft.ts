import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import type { Incident } from '../../../../shared/model/incident.ts';
import { draftFromTemplate } from '../../../../shared/postmortem/document.ts';
import type { DraftContent, PostmortemRevision } from '../../../../shared/postmortem/draft.ts';
import { prefillPostmortem, type FinalCodeOfIncident } from '../../../../shared/postmortem/prefill.ts';
import type { PostmortemTemplate } from '../../../../shared/postmortem/template.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { postmortemHistory, restorePostmortemRevision, savePostmortemDraft } from '../../db/repositories/postmortems.ts';
import { selectionStamp } from '../../db/repositories/selection.ts';
import { countDecisions } from '../../db/repositories/labels.ts';
import type { SelectionWorkerResponse } from '../../workers/selection.worker.ts';
import { useWorkerAnswer } from '../protocol/useSelection.ts';
import { useUnsavedCodes } from '../../store/unsavedCodes.ts';

export type Lessons = Extract<SelectionWorkerResponse, { kind: 'postmortem' }>;
/** 'new': prefilled and not stored yet (the first change stores it). */
export type SaveState = { kind: 'new' | 'saved' | 'unsaved' | 'saving' } | { kind: 'error'; message: string };

/** How long typing pauses before the draft is saved as a revision. */
export const AUTOSAVE_MS = 800;

/** The lessons change when a summary, a code of the round or a decision does. */
const lessonsStamp = async (db: ReturnType<typeof getDatabase>, round: number) => `${await selectionStamp(db, round)}\u0000${await countDecisions(db)}`;

/** What the study teaches about one incident (from the selection worker): its final codes, similar incidents, standing. */
export function useLessons(incidentId: string, pair: { a: string; b: string } | null, round: number) {
  const db = getDatabase();
  const request = useMemo(() => (pair ? { dbName: db.name, round, kind: 'postmortem' as const, incidentId, coderA: pair.a, coderB: pair.b, limit: 8 } : null), [db.name, round, incidentId, pair]);
  return useWorkerAnswer<Lessons>(request, round, lessonsStamp);
}

/**
 * Text whose save failed as the editor closed (another incident, another screen): kept here for the session and given
 * back, marked not saved, when that incident's postmortem opens again. Nothing typed is dropped silently.
 */
const unsavedOnClose = new Map<string, { content: DraftContent; message: string }>();
const askBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
function keepUnsaved(incidentId: string, kept: { content: DraftContent; message: string }): void {
  if (unsavedOnClose.size === 0) window.addEventListener('beforeunload', askBeforeUnload);
  unsavedOnClose.set(incidentId, kept);
}
function takeUnsaved(incidentId: string): void {
  unsavedOnClose.delete(incidentId);
  if (unsavedOnClose.size === 0) window.removeEventListener('beforeunload', askBeforeUnload);
}

/**
 * One incident's postmortem as the author edits it: the stored draft as it stands, else a new one from the template,
 * prefilled from the incident and its final codes. Every change is saved as a revision once typing pauses (and at
 * once when the editor closes); "Saved" is said only once the revision is stored. A failed save keeps the text (and
 * asks before the screen is left); a restore holds editing until it is stored.
 */
export function usePostmortemDraft(args: { incident: Incident; codes: readonly FinalCodeOfIncident[] | null; template: PostmortemTemplate; codebook: Codebook; by: string }) {
  const { incident, codes, template, codebook, by } = args;
  const db = getDatabase();
  const history = useLiveQuery(() => postmortemHistory(db, incident.id), [db, incident.id]);
  const [content, setContent] = useState<DraftContent | null>(null);
  const [state, setState] = useState<SaveState>({ kind: 'new' });
  const [restoring, setRestoring] = useState(false);
  // The draft as last edited, for the saves (an edit sets it before React draws it).
  const latest = useRef<DraftContent | null>(null);
  // An edit not stored yet.
  const pending = useRef<DraftContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Text whose save failed when this incident's postmortem was last closed (read once, as the editor opens).
  const [rescued] = useState(() => unsavedOnClose.get(incident.id));
  useLayoutEffect(() => {
    if (!rescued) return;
    pending.current = rescued.content;
    takeUnsaved(incident.id);
  }, [rescued, incident.id]);
  // The draft to start from, once (set while drawing, as React allows for state derived from props): the rescued
  // text, else the stored head, else a new one (which waits for the final codes).
  if (content === null && history !== undefined && (rescued || history[0] || codes !== null)) {
    setContent(rescued?.content ?? history[0] ?? draftFromTemplate(template, prefillPostmortem(incident, codes!, codebook)));
    if (rescued) setState({ kind: 'error', message: `Not saved when you left it: ${rescued.message} Change anything to try again.` });
    else if (history[0]) setState({ kind: 'saved' });
  }
  useLayoutEffect(() => {
    latest.current = content;
  }, [content]);

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return true;
    setState({ kind: 'saving' });
    try {
      await savePostmortemDraft(db, incident.id, next, by, new Date());
      // Saved what was pending, unless the author typed on meanwhile (then that is saved next).
      if (pending.current === next) {
        pending.current = null;
        setState({ kind: 'saved' });
      }
      return true;
    } catch (e) {
      setState({ kind: 'error', message: `Not saved: ${(e as Error).message}` });
      return false;
    }
  }, [db, incident.id, by]);

  // While a restore is being stored, editing waits (the fields are read-only): an edit then would be written over it.
  const restoringNow = useRef(false);
  const edit = useCallback(
    (change: (draft: DraftContent) => DraftContent) => {
      const current = latest.current;
      if (!current || restoringNow.current) return;
      const next = change(current);
      latest.current = next;
      pending.current = next;
      setContent(next);
      setState({ kind: 'unsaved' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  // Closing the editor saves what is pending at once (unless the author chose to discard it); a failure keeps the text
  // for when it opens again, and leaving the page asks first while any such text is kept.
  const [discardsAtOpen] = useState(() => useUnsavedCodes.getState().discards);
  const closing = useRef(async () => {});
  useLayoutEffect(() => {
    closing.current = async () => {
      if (useUnsavedCodes.getState().discards !== discardsAtOpen) return;
      const left = pending.current;
      if (left && !(await flush())) keepUnsaved(incident.id, { content: left, message: 'the save failed.' });
    };
  });
  useEffect(() => () => void closing.current(), []);
  // Leaving the page with text not stored asks first; leaving the screen after a failed save asks too.
  const unsaved = state.kind === 'unsaved' || state.kind === 'saving' || state.kind === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  useEffect(() => {
    useUnsavedCodes.getState().setUnsaved(state.kind === 'error', 'postmortem');
    return () => useUnsavedCodes.getState().setUnsaved(false);
  }, [state.kind]);

  const restore = useCallback(
    async (revision: PostmortemRevision) => {
      setRestoring(true);
      restoringNow.current = true;
      try {
        if (!(await flush())) return;
        const restored = await restorePostmortemRevision(db, incident.id, revision.id, by, new Date());
        latest.current = restored;
        setContent(restored);
        setState({ kind: 'saved' });
      } catch (e) {
        setState({ kind: 'error', message: `Not restored: ${(e as Error).message}` });
      } finally {
        restoringNow.current = false;
        setRestoring(false);
      }
    },
    [db, incident.id, by, flush],
  );

  return { content, history: history ?? [], state, edit, flush, restore, restoring };
}
