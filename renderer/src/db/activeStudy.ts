import type { WorkbenchDatabase } from './schema.ts';
import type { StudyEntry } from './catalog.ts';

/** The study open in this window: every repository call of the screens goes to its database. */
let active: { entry: StudyEntry; db: WorkbenchDatabase } | null = null;

export function getDatabase(): WorkbenchDatabase {
  if (!active) throw new Error('No study is open.');
  return active.db;
}

export function getActiveStudy(): StudyEntry | null {
  return active?.entry ?? null;
}


export function setActiveStudy(entry: StudyEntry, db: WorkbenchDatabase): void {
  if (active && active.db !== db) active.db.close();
  active = { entry, db };
}
