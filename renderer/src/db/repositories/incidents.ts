import { compareIncidents, type Incident } from '../../../../shared/model/incident.ts';
import type { ImportLogEntry, WorkbenchDatabase } from '../schema.ts';

/** Every incident, oldest first (see compareIncidents). */
export async function listIncidents(db: WorkbenchDatabase): Promise<Incident[]> {
  return (await db.incidents.toArray()).sort(compareIncidents);
}

export function countIncidents(db: WorkbenchDatabase): Promise<number> {
  return db.incidents.count();
}

export function getIncident(db: WorkbenchDatabase, id: string): Promise<Incident | undefined> {
  return db.incidents.get(id);
}

export function listImports(db: WorkbenchDatabase): Promise<ImportLogEntry[]> {
  return db.imports.orderBy('seq').toArray();
}
