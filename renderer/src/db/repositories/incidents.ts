import { compareIncidents, type Incident } from '../../../../shared/model/incident.ts';
import type { ImportLogEntry, WorkbenchDatabase } from '../schema.ts';

export interface StoreIncidentsOutcome {
  added: number;
  updated: number;
}

/**
 * Stores an import in one transaction: either every incident lands or none does, so a cancel or a
 * crash half-way leaves the database exactly as before. Incidents are upserted by id; labels are never touched.
 */
export async function storeImportedIncidents(
  db: WorkbenchDatabase,
  incidents: readonly Incident[],
  log: Omit<ImportLogEntry, 'added' | 'updated' | 'seq'>,
  options: { batchSize?: number; onProgress?: (stored: number) => void; shouldCancel?: () => boolean } = {},
): Promise<StoreIncidentsOutcome> {
  const batchSize = options.batchSize ?? 2000;
  return db.transaction('rw', db.incidents, db.imports, async () => {
    let added = 0;
    let updated = 0;
    for (let start = 0; start < incidents.length; start += batchSize) {
      if (options.shouldCancel?.()) throw new ImportCancelled();
      const batch = incidents.slice(start, start + batchSize);
      const existing = await db.incidents.bulkGet(batch.map((i) => i.id));
      for (const e of existing) {
        if (e) updated += 1;
        else added += 1;
      }
      await db.incidents.bulkPut(batch as Incident[]);
      options.onProgress?.(Math.min(start + batchSize, incidents.length));
    }
    await db.imports.add({ ...log, added, updated });
    return { added, updated };
  });
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled; nothing was stored.');
    this.name = 'ImportCancelled';
  }
}

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
