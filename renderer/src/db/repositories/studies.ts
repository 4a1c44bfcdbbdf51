import Dexie from 'dexie';
import { loadDefaultCodebook } from '../../../../shared/codebook/codebook.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import { STUDY_TABLES, type StudyTables } from '../../../../shared/study/studyFile.ts';
import { defaultStudySettings } from '../../../../shared/study/studySettings.ts';
import { studyDatabaseName, type StudyCatalog, type StudyEntry } from '../catalog.ts';
import { DATABASE_NAME, WorkbenchDatabase, type LocalStateRow } from '../schema.ts';
import { rebuildCurrentLabels } from './labels.ts';
import { isImportRunning } from './imports.ts';
import { countIncidents, putIncidents } from './incidents.ts';

export type NewId = () => string;
const randomId: NewId = () => crypto.randomUUID();

export async function listStudies(catalog: StudyCatalog): Promise<StudyEntry[]> {
  return (await catalog.studies.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Sets up a study's database on first open: its settings, the paper's codebook and two annotator profiles (the
 * method needs two independent coders). A study that has settings (upgraded, imported, duplicated) is left as it is.
 */
export async function initStudy(db: WorkbenchDatabase, name: string, now: Date, newId: NewId = randomId): Promise<void> {
  await db.transaction('rw', db.settings, db.codebookVersions, db.people, async () => {
    if (await db.settings.get('study')) return;
    const codebook = loadDefaultCodebook();
    await db.codebookVersions.put(codebook);
    await db.settings.put(defaultStudySettings(name, { id: codebook.id, version: codebook.version }, now, `study-${newId()}`));
    if ((await db.people.count()) === 0) {
      // A lead, who sees every code and unblinds rounds, and two annotators, who code blind.
      const people: Person[] = (
        [
          ['Lead', 'lead'],
          ['Annotator A', 'annotator'],
          ['Annotator B', 'annotator'],
        ] as const
      ).map(([n, role], i) => ({ id: newId(), name: n, role, createdAt: new Date(now.getTime() + i).toISOString() }));
      await db.people.bulkAdd(people);
    }
  });
}

function uniqueName(wanted: string, taken: readonly StudyEntry[]): string {
  const names = new Set(taken.map((s) => s.name.toLowerCase()));
  if (!names.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) if (!names.has(`${wanted} (${n})`.toLowerCase())) return `${wanted} (${n})`;
}

/**
 * The study this machine opens: the one chosen last, else the first. With no study at all, the first one is made on
 * the database the single-study versions used, so their data (upgraded to version 3 on open) becomes that study.
 */
export async function activeStudyEntry(catalog: StudyCatalog, now: Date, newId: NewId = randomId): Promise<StudyEntry> {
  return catalog.transaction('rw', catalog.studies, catalog.machine, async () => {
    const chosen = await catalog.machine.get('activeStudy');
    const entry = chosen && 'value' in chosen ? await catalog.studies.get(chosen.value) : undefined;
    if (entry) return entry;
    const first = (await listStudies(catalog))[0];
    if (first) return first;
    const created: StudyEntry = { id: newId(), name: 'My study', dbName: DATABASE_NAME, createdAt: now.toISOString() };
    await catalog.studies.add(created);
    await catalog.machine.put({ key: 'activeStudy', value: created.id });
    return created;
  });
}

export async function setActiveStudyId(catalog: StudyCatalog, id: string): Promise<void> {
  await catalog.machine.put({ key: 'activeStudy', value: id });
}

/** A new, empty study in a database of its own. */
export async function createStudy(catalog: StudyCatalog, name: string, now: Date, newId: NewId = randomId): Promise<StudyEntry> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A study needs a name.');
  const id = newId();
  const entry: StudyEntry = { id, name: uniqueName(trimmed, await listStudies(catalog)), dbName: studyDatabaseName(id), createdAt: now.toISOString() };
  await withStoringLock(async () => {
    const db = new WorkbenchDatabase(entry.dbName);
    try {
      await initStudy(db, entry.name, now, newId);
    } finally {
      db.close();
    }
    await catalog.studies.add(entry);
  });
  return entry;
}

export async function renameStudy(catalog: StudyCatalog, entry: StudyEntry, db: WorkbenchDatabase, name: string): Promise<StudyEntry> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A study needs a name.');
  const others = (await listStudies(catalog)).filter((s) => s.id !== entry.id);
  if (others.some((s) => s.name.toLowerCase() === trimmed.toLowerCase())) throw new Error(`A study named "${trimmed}" already exists.`);
  await db.settings.update('study', { name: trimmed });
  const renamed = { ...entry, name: trimmed };
  await catalog.studies.put(renamed);
  return renamed;
}

/** What deleting a study would remove, for the confirmation; and whether an import is writing into it now. */
export async function describeStudyContents(db: WorkbenchDatabase): Promise<{ incidents: number; labelRevisions: number; decisions: number; people: number; importing: boolean }> {
  const [incidents, labelRevisions, decisions, people, importing] = await Promise.all([countIncidents(db), db.labelRevisions.count(), db.decisions.count(), db.people.count(), isImportRunning(db)]);
  return { incidents, labelRevisions, decisions, people, importing };
}

/** Deletes a study and all its work: its database goes, then its entry. */
export async function deleteStudy(catalog: StudyCatalog, entry: StudyEntry): Promise<void> {
  await Dexie.delete(entry.dbName);
  await catalog.studies.delete(entry.id);
  const active = await catalog.machine.get('activeStudy');
  if (active && 'value' in active && active.value === entry.id) await catalog.machine.delete('activeStudy');
}

/** Every table the study file carries, read from a study's database. */
export async function readStudyTables(db: WorkbenchDatabase): Promise<StudyTables> {
  return db.transaction('r', [...STUDY_TABLES.map((name) => db.table(name)), db.importJournal], async () => {
    // An import under way has written part of its rows: a copy of them would lose the undo log that can take them back.
    if ((await db.importJournal.count()) > 0) throw new Error('An import into this study has not finished (or was interrupted and is undone when the study is next opened); try again after it.');
    const rows = await Promise.all(STUDY_TABLES.map((name) => db.table(name).toArray()));
    return Object.fromEntries(STUDY_TABLES.map((name, i) => [name, rows[i]])) as unknown as StudyTables;
  });
}

/**
 * The tables of a starter file: the study as the lead sends it to an annotator (incidents, codebook versions, people,
 * sets, cohorts, assignments, unblinded rounds, postmortem templates), with nobody's labels, decisions, proposals, notes,
 * identity switches or postmortem drafts,
 * so the annotator's machine holds only their own labels.
 */
export function starterTables(tables: StudyTables): StudyTables {
  return {
    ...tables,
    labelRevisions: [],
    decisions: [],
    proposals: [],
    coderMarks: [],
    imports: [],
    studyEvents: tables.studyEvents.filter((e) => e.kind === 'unblind'),
    // A postmortem states final codes: the lead's, never an annotator's to see before unblinding.
    postmortemRevisions: [],
  };
}

/** Fills an empty study's database from tables (a study file, a duplicate), and derives its projections. */
export async function writeStudyTables(db: WorkbenchDatabase, tables: StudyTables): Promise<void> {
  await db.transaction('rw', [...STUDY_TABLES.map((name) => db.table(name)), db.summaries, db.searchTexts, db.counters, db.currentLabels], async () => {
    for (const name of STUDY_TABLES) {
      if ((await db.table(name).count()) > 0) throw new Error(`The study to fill is not empty (it has ${name}).`);
    }
    for (const name of STUDY_TABLES) {
      if (name === 'incidents') {
        await putIncidents(db, tables.incidents);
        await db.counters.put({ key: 'incidents', value: tables.incidents.length });
      } else await db.table(name).bulkPut(tables[name]);
    }
  });
  await rebuildCurrentLabels(db);
}

/**
 * A new study holding the given tables (from a study file, or a copy of another study). A copy is given its own
 * name and id; a study from a file keeps the name it has inside the file (so exporting it again gives the same bytes), and
 * only its entry in this machine's list gets a number when the name is taken here.
 */
export async function addStudyFromTables(
  catalog: StudyCatalog,
  tables: StudyTables,
  now: Date,
  options: { copyName?: string; newId?: NewId; /** What the new study's copy on this machine keeps of its own (never in a file). */ localState?: LocalStateRow[] } = {},
): Promise<StudyEntry> {
  const id = (options.newId ?? randomId)();
  const settings = tables.settings[0];
  if (!settings) throw new Error('The study has no settings.');
  const wanted = options.copyName ?? settings.name;
  const entry: StudyEntry = { id, name: uniqueName(wanted, await listStudies(catalog)), dbName: studyDatabaseName(id), createdAt: now.toISOString() };
  const db = new WorkbenchDatabase(entry.dbName);
  try {
    // A copy is another study (its own id: another study's label packages are refused); a study from a file is the same study.
    await writeStudyTables(db, options.copyName ? { ...tables, settings: [{ ...settings, name: entry.name, studyId: `study-${randomId()}` }] } : tables);
    if (options.localState?.length) await db.localState.bulkPut(options.localState);
  } catch (e) {
    db.close();
    await Dexie.delete(entry.dbName);
    throw e;
  }
  db.close();
  await catalog.studies.add(entry);
  return entry;
}

/** Runs fn holding the storing lock (shared), where Web Locks exist. */
function withStoringLock<T>(fn: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(STORING_STUDY_LOCK, { mode: 'shared' }, fn) : fn();
}

/** Held (shared) by every worker storing a new study; the sweep below takes it exclusively, so never meets one. */
export const STORING_STUDY_LOCK = 'incident-workbench-storing-study';

/**
 * Deletes study databases this machine's list does not name: left by a study file import or a duplicate that was
 * cancelled (its worker stopped) before the study was listed. Runs only when no store is under way anywhere.
 */
export async function sweepUnlistedStudies(catalog: StudyCatalog): Promise<string[]> {
  if (typeof indexedDB.databases !== 'function' || typeof navigator === 'undefined' || !navigator.locks) return [];
  const swept = await navigator.locks.request(STORING_STUDY_LOCK, { mode: 'exclusive', ifAvailable: true }, async (lock) => {
    if (!lock) return [];
    const listed = new Set((await listStudies(catalog)).map((s) => s.dbName));
    const unlisted = (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith(studyDatabaseName('')) && !listed.has(name));
    for (const name of unlisted) await Dexie.delete(name);
    return unlisted;
  });
  return swept ?? [];
}
