import type { Incident, StudySet } from '../../../../shared/model/incident.ts';
import { searchTextOf, summarizeIncident, type IncidentSummary } from '../../../../shared/model/incidentSummary.ts';
import type { ImportLogEntry, WorkbenchDatabase } from '../schema.ts';

/** Every incident's summary, oldest first (the `order` index sorts as compareIncidents does); never the raw record. */
export function listIncidentSummaries(db: WorkbenchDatabase): Promise<IncidentSummary[]> {
  return db.summaries.orderBy('order').toArray();
}

/** `limit` summaries in list order from position `offset`: the window a list shows. */
export function listSummaryWindow(db: WorkbenchDatabase, offset: number, limit: number): Promise<IncidentSummary[]> {
  return db.summaries.orderBy('order').offset(offset).limit(limit).toArray();
}

/** Summaries by id, in the order given (a filtered list's window); ids with no incident are left out. */
export async function listSummariesByIds(db: WorkbenchDatabase, ids: readonly string[]): Promise<IncidentSummary[]> {
  return (await db.summaries.bulkGet(ids as string[])).filter((s): s is IncidentSummary => s !== undefined);
}

/** An incident's position in list order, or null when there is no such incident. */
export async function positionOf(db: WorkbenchDatabase, id: string): Promise<number | null> {
  const summary = await db.summaries.get(id);
  return summary ? db.summaries.where('order').below(summary.order).count() : null;
}

/** Every incident id in list order (keys only, nothing else read). */
export async function listIncidentIds(db: WorkbenchDatabase): Promise<string[]> {
  return db.summaries.orderBy('order').primaryKeys();
}

/** One whole incident (with its raw source), for the reader. */
export function getIncident(db: WorkbenchDatabase, id: string): Promise<Incident | undefined> {
  return db.incidents.get(id);
}

/** Every whole incident, oldest first: for exports and tests that need full records. */
export async function listIncidents(db: WorkbenchDatabase): Promise<Incident[]> {
  const order = await db.summaries.orderBy('order').primaryKeys();
  return (await db.incidents.bulkGet(order)).filter((i): i is Incident => i !== undefined);
}

/** How many incidents the study holds, from its counter (kept by every write of incidents). */
export async function countIncidents(db: WorkbenchDatabase): Promise<number> {
  return (await db.counters.get('incidents'))?.value ?? 0;
}

/** Moves the incident counter by `delta` (in the caller's transaction, which must include counters). */
export async function addToIncidentCount(db: WorkbenchDatabase, delta: number): Promise<void> {
  if (delta === 0) return;
  const now = (await db.counters.get('incidents'))?.value ?? 0;
  await db.counters.put({ key: 'incidents', value: now + delta });
}

export function listImports(db: WorkbenchDatabase): Promise<ImportLogEntry[]> {
  return db.imports.orderBy('seq').toArray();
}

/**
 * Moves the summaries' change stamp (in the caller's transaction, which must include counters), so a view holding
 * summaries in memory (the selection worker) knows to read them again.
 */
export async function touchSummaries(db: WorkbenchDatabase): Promise<void> {
  const now = (await db.counters.get('summaries'))?.value ?? 0;
  await db.counters.put({ key: 'summaries', value: now + 1 });
}

/** The summaries' change stamp: it differs whenever any summary has changed. */
export async function summariesStamp(db: WorkbenchDatabase): Promise<string> {
  const [count, stamp] = await db.counters.bulkGet(['incidents', 'summaries']);
  return `${count?.value ?? 0}:${stamp?.value ?? 0}`;
}

/**
 * Records each incident's study set (a seeded split); incidents not in the split lose theirs. Only incidents whose set
 * changes are rewritten (found through the summaries' set index), so splitting a cohort of a large study, or a
 * re-split that moves few, does not rewrite every record.
 */
/** Progress of long writes, and how to stop them: a stopped write throws (its transaction is rolled back). */
export interface WriteControl {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

export class WriteCancelled extends Error {
  constructor() {
    super('Cancelled: nothing was changed.');
  }
}

export async function assignStudySets(db: WorkbenchDatabase, split: ReadonlyMap<string, StudySet>, control: WriteControl = {}): Promise<void> {
  await db.transaction('rw', db.incidents, db.summaries, db.counters, async () => {
    const current = new Map<string, StudySet>();
    for (const set of ['taxonomy', 'validation', 'test'] as const) for (const id of await db.summaries.where('studySet').equals(set).primaryKeys()) current.set(id, set);
    const changed = new Set<string>();
    for (const [id, set] of current) if (split.get(id) !== set) changed.add(id);
    for (const [id, set] of split) if (current.get(id) !== set) changed.add(id);
    if (changed.size === 0) return;
    await touchSummaries(db);
    const ids = [...changed];
    const BATCH = 2000;
    for (let i = 0; i < ids.length; i += BATCH) {
      if (control.isCancelled?.()) throw new WriteCancelled();
      control.onProgress?.(i, ids.length);
      const batch = ids.slice(i, i + BATCH);
      const [incidents, summaries] = await Promise.all([db.incidents.bulkGet(batch), db.summaries.bulkGet(batch)]);
      const setOf = (id: string) => split.get(id) ?? null;
      await Promise.all([
        db.incidents.bulkPut(incidents.filter((x) => x !== undefined).map((x) => ({ ...x, studySet: setOf(x.id) }))),
        db.summaries.bulkPut(summaries.filter((x) => x !== undefined).map((x) => ({ ...x, studySet: setOf(x.id) }))),
      ]);
    }
    // A cancel during the last batch still stops the write before it commits.
    if (control.isCancelled?.()) throw new WriteCancelled();
    control.onProgress?.(ids.length, ids.length);
  });
}

/** Stores incidents with their summaries and search texts (in the caller's transaction, which must include all three and counters). */
export async function putIncidents(db: WorkbenchDatabase, incidents: readonly Incident[]): Promise<void> {
  await Promise.all([
    db.incidents.bulkPut(incidents as Incident[]),
    db.summaries.bulkPut(incidents.map(summarizeIncident)),
    db.searchTexts.bulkPut(incidents.map((i) => ({ id: i.id, text: searchTextOf(i) }))),
    touchSummaries(db),
  ]);
}

/** Deletes incidents with their summaries and search texts (in the caller's transaction). */
export async function deleteIncidents(db: WorkbenchDatabase, ids: readonly string[]): Promise<void> {
  await Promise.all([db.incidents.bulkDelete(ids as string[]), db.summaries.bulkDelete(ids as string[]), db.searchTexts.bulkDelete(ids as string[]), addToIncidentCount(db, -ids.length), touchSummaries(db)]);
}

/** The summaries of some incidents, in the order asked (undefined where an id has none). */
export function getSummaries(db: WorkbenchDatabase, ids: readonly string[]): Promise<Array<IncidentSummary | undefined>> {
  return db.summaries.bulkGet(ids as string[]);
}
