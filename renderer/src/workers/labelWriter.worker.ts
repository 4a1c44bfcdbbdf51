/// <reference lib="webworker" />
import type { Dimension } from '../../../shared/model/labels.ts';
import { notifyLabelsChanged, saveIncidentCodesDirect } from '../db/repositories/labels.ts';
import { workerDatabases } from './workerDatabases.ts';

/**
 * Saves a coder's codes off the main thread. A code picked is saved at once, and the page is drawing the pick (the
 * next picker's options, "Saving…") just then: on the main thread every IndexedDB step of the transaction waited
 * behind that drawing (a save took 8–14 ms; alone it takes 2). Here nothing else runs. The page's live views learn of
 * the change as they do of every write in another context (Dexie's storage-mutated broadcast).
 */
export type LabelWriterRequest =
  | { id: number; kind: 'open'; dbName: string }
  | {
      id: number;
      kind: 'save';
      dbName: string;
      entry: { incidentId: string; annotatorId: string; round: number; codebookId: string; codebookVersion: number; now: string };
      codes: Partial<Record<Dimension, { code: string; rationale: string; secondaryCodes?: readonly string[] }>>;
    };
/** `revisions`: the ids of the label revisions the save added (none when nothing changed). */
export type LabelWriterResponse = { id: number; revisions: string[] } | { id: number; error: string };

const databaseOf = workerDatabases();

self.onmessage = async (event: MessageEvent<LabelWriterRequest>) => {
  const request = event.data;
  const post = (response: LabelWriterResponse) => (self as DedicatedWorkerGlobalScope).postMessage(response);
  try {
    const db = await databaseOf(request.dbName);
    if (request.kind === 'open') {
      // Opened ahead of the first save, so it pays no start-up.
      await db.open();
      post({ id: request.id, revisions: [] });
      return;
    }
    const added = await saveIncidentCodesDirect(db, { ...request.entry, now: new Date(request.entry.now) }, request.codes, { notify: false });
    // The coder hears "saved" first; the page's live views (the list's badges, the progress) follow a moment later.
    post({ id: request.id, revisions: added.map((r) => r.id) });
    if (added.length > 0) notifyLabelsChanged(db);
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  }
};
