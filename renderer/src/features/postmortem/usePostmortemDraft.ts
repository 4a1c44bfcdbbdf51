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
import type { SelectionWorkerResponse } from '../../workers/selection.worker.ts';
import { useWorkerAnswer } from '../protocol/useSelection.ts';

export type Lessons = Extract<SelectionWorkerResponse, { kind: 'postmortem' }>;
export type SaveState = { kind: 'saved' | 'unsaved' | 'saving' } | { kind: 'error'; message: string };

/** How long typing pauses before the draft is saved as a revision. */
export const AUTOSAVE_MS = 800;

/** The lessons change when a summary, a code of the round or a decision does. */
const lessonsStamp = async (db: ReturnType<typeof getDatabase>, round: number) => `${await selectionStamp(db, round)}\u0000${await db.decisions.count()}`;

/** What the study teaches about one incident (from the selection worker): its final codes, similar incidents, standing. */
export function useLessons(incidentId: string, pair: { a: string; b: string } | null, round: number) {
  const db = getDatabase();
  const request = useMemo(() => (pair ? { dbName: db.name, round, kind: 'postmortem' as const, incidentId, coderA: pair.a, coderB: pair.b, limit: 8 } : null), [db.name, round, incidentId, pair]);
  return useWorkerAnswer<Lessons>(request, round, lessonsStamp);
}

/**
 * One incident's postmortem as the author edits it: the stored draft as it stands, else a new one from the template,
 * prefilled from the incident and its final codes. Every change is saved as a revision once typing pauses (and at
 * once when the editor closes); "saved" is said only once the revision is stored.
 */
export function usePostmortemDraft(args: { incident: Incident; codes: readonly FinalCodeOfIncident[] | null; template: PostmortemTemplate; codebook: Codebook; by: string }) {
  const { incident, codes, template, codebook, by } = args;
  const db = getDatabase();
  const history = useLiveQuery(() => postmortemHistory(db, incident.id), [db, incident.id]);
  const [content, setContent] = useState<DraftContent | null>(null);
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const pending = useRef<DraftContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The draft to start from, once (set while drawing, as React allows for state derived from props): the stored head,
  // or a new one, which waits for the final codes.
  if (content === null && history !== undefined && (history[0] || codes !== null)) {
    setContent(history[0] ?? draftFromTemplate(template, prefillPostmortem(incident, codes!, codebook)));
  }

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return;
    setState({ kind: 'saving' });
    try {
      await savePostmortemDraft(db, incident.id, next, by, new Date());
      // Saved what was pending, unless the author typed on meanwhile (then that is saved next).
      if (pending.current === next) {
        pending.current = null;
        setState({ kind: 'saved' });
      }
    } catch (e) {
      setState({ kind: 'error', message: `Not saved: ${(e as Error).message}` });
    }
  }, [db, incident.id, by]);

  const edit = useCallback(
    (change: (draft: DraftContent) => DraftContent) => {
      setContent((current) => {
        if (!current) return current;
        const next = change(current);
        pending.current = next;
        return next;
      });
      setState({ kind: 'unsaved' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  // Closing the editor (another incident, another screen) saves what is pending at once; leaving the page asks first.
  const flushNow = useRef(flush);
  useLayoutEffect(() => {
    flushNow.current = flush;
  });
  useEffect(() => () => void flushNow.current(), []);
  useEffect(() => {
    if (state.kind !== 'unsaved' && state.kind !== 'saving' && state.kind !== 'error') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.kind]);

  const restore = useCallback(
    async (revision: PostmortemRevision) => {
      await flush();
      const restored = await restorePostmortemRevision(db, incident.id, revision.id, by, new Date());
      setContent(restored);
      setState({ kind: 'saved' });
    },
    [db, incident.id, by, flush],
  );

  return { content, history: history ?? [], state, edit, flush, restore };
}

