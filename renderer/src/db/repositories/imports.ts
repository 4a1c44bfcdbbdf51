import type { Incident } from '../../../../shared/model/incident.ts';
import type { ImportLogEntry, WorkbenchDatabase } from '../schema.ts';
import { addToIncidentCount, deleteIncidents, putIncidents } from './incidents.ts';

/**
 * An import writes in batches as it reads, and keeps an undo log of each batch: the ids it added and the
 * records it replaced. Until it is committed it can be rolled back exactly — on cancel, when the user
 * declines rows with errors, or on the next start after a crash. Labels are never touched.
 */
export interface ImportHandle {
  importId: string;
  fileName: string;
  batches: number;
  added: number;
  updated: number;
  /** Ids stored before the import began: only these can be replaced, so only these are read back for the undo log. */
  existingIds: Set<string>;
  /** Ids this import added: a later batch repeating one must not record it as replaced. */
  addedIds: Set<string>;
  /** Ids this import replaced already: their pre-import version is in the log once. */
  replacedIds: Set<string>;
}

export async function beginImport(db: WorkbenchDatabase, importId: string, fileName: string, now: Date): Promise<ImportHandle> {
  await db.importJournal.put({ importId, fileName, startedAt: now.toISOString() });
  const existingIds = new Set(await db.incidents.toCollection().primaryKeys());
  return { importId, fileName, batches: 0, added: 0, updated: 0, existingIds, addedIds: new Set(), replacedIds: new Set() };
}

export async function writeImportBatch(db: WorkbenchDatabase, handle: ImportHandle, incidents: readonly Incident[]): Promise<void> {
  if (incidents.length === 0) return;
  const batch = handle.batches++;
  const addedIds: string[] = [];
  const replacing: string[] = [];
  for (const { id } of incidents) {
    if (!handle.existingIds.has(id)) {
      if (!handle.addedIds.has(id)) addedIds.push(id);
    } else if (!handle.replacedIds.has(id)) replacing.push(id);
  }
  // Booked before the write starts, so batches may be queued while earlier ones are still being written;
  // IndexedDB runs their transactions in order. A failed write fails the import, which is then rolled back.
  for (const id of addedIds) handle.addedIds.add(id);
  for (const id of replacing) handle.replacedIds.add(id);
  handle.added += addedIds.length;
  handle.updated += replacing.length;
  await db.transaction('rw', [db.incidents, db.summaries, db.searchTexts, db.counters, db.importUndo], async () => {
    // A fresh import reads nothing back; the undo entry and the incidents go in without a round trip between.
    const replaced = replacing.length === 0 ? [] : ((await db.incidents.bulkGet(replacing)) as Incident[]);
    // A re-imported incident keeps the study set it was split into: the export knows nothing of the study.
    const setOf = new Map(replaced.map((r) => [r.id, r.studySet]));
    const stored = setOf.size === 0 ? incidents : incidents.map((i) => (setOf.has(i.id) ? { ...i, studySet: setOf.get(i.id)! } : i));
    await Promise.all([db.importUndo.put({ importId: handle.importId, batch, addedIds, replaced }), putIncidents(db, stored), addToIncidentCount(db, addedIds.length)]);
  });
}

/** Makes the import permanent and logs it; only now is it acknowledged to the user as done. */
export async function commitImport(db: WorkbenchDatabase, handle: ImportHandle, log: Omit<ImportLogEntry, 'added' | 'updated' | 'seq'>): Promise<ImportLogEntry> {
  const entry: ImportLogEntry = { ...log, added: handle.added, updated: handle.updated };
  await db.transaction('rw', db.importUndo, db.importJournal, db.imports, async () => {
    await db.importUndo.where('importId').equals(handle.importId).delete();
    await db.importJournal.delete(handle.importId);
    await db.imports.add(entry);
  });
  return entry;
}

/** Undoes every batch of an import, newest first, in one transaction: the database is as before it began. */
export async function rollBackImport(db: WorkbenchDatabase, importId: string): Promise<void> {
  await db.transaction('rw', [db.incidents, db.summaries, db.searchTexts, db.counters, db.importUndo, db.importJournal], async () => {
    const batches = await db.importUndo.where('importId').equals(importId).toArray();
    batches.sort((a, b) => b.batch - a.batch);
    for (const b of batches) {
      await deleteIncidents(db, b.addedIds);
      await putIncidents(db, b.replaced);
    }
    await db.importUndo.where('importId').equals(importId).delete();
    await db.importJournal.delete(importId);
  });
}

/**
 * Imports a crash left unfinished are rolled back at start; returns their file names. Each is undone only
 * while holding its import's lock (`exclusive`): a window that just died releases it at once, and an
 * import still running in another window is waited for — it then commits, and is left alone.
 */
export async function rollBackUnfinishedImports(
  db: WorkbenchDatabase,
  exclusive: (importId: string, fn: () => Promise<boolean>) => Promise<boolean> = (_id, fn) => fn(),
): Promise<string[]> {
  const undone: string[] = [];
  for (const entry of await db.importJournal.toArray()) {
    const rolledBack = await exclusive(entry.importId, async () => {
      if (!(await db.importJournal.get(entry.importId))) return false; // it finished meanwhile
      await rollBackImport(db, entry.importId);
      return true;
    });
    if (rolledBack) undone.push(entry.fileName);
  }
  return undone;
}

/** The Web Lock an import holds while it runs. */
export const importLockName = (importId: string) => `incident-workbench-import:${importId}`;

/** Runs fn holding an import's lock: at once if no window runs that import, else when it ends. */
export function withImportLock(importId: string, fn: () => Promise<boolean>): Promise<boolean> {
  return navigator.locks.request(importLockName(importId), fn);
}

/** Every incident, for tests and exports that must compare whole states. */
export function snapshotIncidents(db: WorkbenchDatabase): Promise<Incident[]> {
  return db.incidents.toArray();
}

/** The names of the Web Locks held now, in any window (none where Web Locks do not exist). */
async function heldLockNames(): Promise<string[]> {
  if (typeof navigator === 'undefined' || !navigator.locks) return [];
  return ((await navigator.locks.query()).held ?? []).map((l) => l.name ?? '');
}

/**
 * Whether an import into this study is running now, in this window or another: one whose journal entry is there and
 * whose lock is held. (An entry whose lock is free was left by a crash, and is undone when the study opens.)
 */
export async function isImportRunning(db: WorkbenchDatabase, heldLocks: () => Promise<readonly string[]> = heldLockNames): Promise<boolean> {
  const journal = await db.importJournal.toArray();
  if (journal.length === 0) return false;
  const held = new Set(await heldLocks());
  return journal.some((entry) => held.has(importLockName(entry.importId)));
}
