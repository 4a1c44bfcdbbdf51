import { compareIncidents, type Incident, type StudySet } from '../../../../shared/model/incident.ts';
import type { ImportLogEntry, WorkbenchDatabase } from '../schema.ts';

/** Every incident, oldest first (see compareIncidents). */
export async function listIncidents(db: WorkbenchDatabase): Promise<Incident[]> {
  return (await db.incidents.toArray()).sort(compareIncidents);
}

export function countIncidents(db: WorkbenchDatabase): Promise<number> {
  return db.incidents.count();
}

export function listImports(db: WorkbenchDatabase): Promise<ImportLogEntry[]> {
  return db.imports.orderBy('seq').toArray();
}

/** Records each incident's study set (a seeded split); incidents not in the split lose theirs. */
export async function assignStudySets(db: WorkbenchDatabase, split: ReadonlyMap<string, StudySet>): Promise<void> {
  await db.incidents.toCollection().modify((incident) => {
    incident.studySet = split.get(incident.id) ?? null;
  });
}
