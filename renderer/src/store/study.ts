import { create } from 'zustand';
import { StudyCatalog, type StudyEntry } from '../db/catalog.ts';
import { getActiveStudy, setActiveStudy } from '../db/activeStudy.ts';
import { WorkbenchDatabase, type UpgradeContext } from '../db/schema.ts';
import { activeStudyEntry, initStudy, listStudies, setActiveStudyId, sweepUnlistedStudies } from '../db/repositories/studies.ts';
import { rollBackUnfinishedImports, withImportLock } from '../db/repositories/imports.ts';
import { useImportJob } from '../features/import/importJob.ts';

/** Where the single-study versions kept the session (zustand's persist format), read once when upgrading. */
const LEGACY_SESSION_KEY = 'incident-workbench-session';

function legacySession(): ReturnType<UpgradeContext['legacySession']> {
  try {
    const stored = JSON.parse(localStorage.getItem(LEGACY_SESSION_KEY) ?? 'null') as { state?: { annotatorId?: string | null; leadName?: string; round?: number } } | null;
    return stored?.state ?? null;
  } catch {
    return null;
  }
}

const upgradeContext: UpgradeContext = { newId: () => crypto.randomUUID(), now: () => new Date(), legacySession };

let catalog: StudyCatalog | null = null;
export const getCatalog = () => (catalog ??= new StudyCatalog());

interface StudyState {
  /** The open study; null while opening. */
  entry: StudyEntry | null;
  studies: StudyEntry[];
  status: 'opening' | 'ready' | { error: string };
  /** Imports an earlier session left unfinished, undone on opening. */
  recovered: string[];
  /** Opens the study this machine used last (or the first one, made on first start). */
  start: () => Promise<void>;
  /** Closes the open study and opens another. */
  open: (entry: StudyEntry) => Promise<void>;
  refresh: () => Promise<void>;
}

async function openEntry(entry: StudyEntry): Promise<string[]> {
  const db = new WorkbenchDatabase(entry.dbName, upgradeContext);
  // Another window deleting this study (or opening it with a newer version) asks this one to let go. It closes for
  // good: reopening on the next write would silently make an empty database of the same name, and a label saved
  // there would be acknowledged and lost.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    useStudy.setState({ status: { error: `The study "${entry.name}" was deleted or upgraded in another window. Reload the page to go on.` } });
    return false;
  });
  await db.open();
  await initStudy(db, entry.name, new Date());
  setActiveStudy(entry, db);
  await setActiveStudyId(getCatalog(), entry.id);
  // An import still running in another window is waited for, not undone.
  return rollBackUnfinishedImports(db, withImportLock);
}

export const useStudy = create<StudyState>()((set, get) => ({
  entry: null,
  studies: [],
  status: 'opening',
  recovered: [],
  start: async () => {
    try {
      const entry = await activeStudyEntry(getCatalog(), new Date());
      const recovered = await openEntry(entry);
      set({ entry, recovered, status: 'ready', studies: await listStudies(getCatalog()) });
      // In the background: databases a cancelled study import or duplicate left unlisted.
      void sweepUnlistedStudies(getCatalog()).catch(() => {});
    } catch (e) {
      set({ status: { error: `The study could not be opened: ${(e as Error).message}` } });
    }
  },
  open: async (entry) => {
    if (getActiveStudy()?.id === entry.id) return;
    // An import writes into the study open when it began: switching meanwhile would show its result in another study.
    const job = useImportJob.getState().job.step;
    if (job === 'running' || job === 'confirm' || job === 'inspecting') {
      throw new Error('An import is running in this study: wait for it to finish, or cancel it, before opening another study.');
    }
    useImportJob.getState().reset();
    set({ status: 'opening' });
    try {
      const recovered = await openEntry(entry);
      set({ entry, recovered, status: 'ready', studies: await listStudies(getCatalog()) });
    } catch (e) {
      set({ status: { error: `The study "${entry.name}" could not be opened: ${(e as Error).message}` } });
    }
  },
  refresh: async () => {
    const studies = await listStudies(getCatalog());
    const current = get().entry;
    set({ studies, entry: studies.find((s) => s.id === current?.id) ?? current });
  },
}));
