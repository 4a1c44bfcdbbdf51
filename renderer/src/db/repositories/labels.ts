import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { decisionKey, headRevisions, reviseLabel, slotKey, toLabel, undoRevision, type LabelChange, type LabelSlot } from '../../../../shared/coding/labelHistory.ts';
import { buildLabelColumns, labelsFromColumns, tallyColumns, type CodedLabel, type LabelColumn, type LabelTally } from '../../../../shared/coding/labelColumns.ts';
import { planLabelWrite, projectionKeys } from '../../../../shared/coding/labelWrite.ts';
import type { Dimension, Label, LabelRevision, Resolution } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/**
 * Labels are append-only revisions (convention 16). `currentLabels` is a projection of their heads, written in the
 * same transaction as each revision, so screens read current codes without replaying history; it can always be
 * rebuilt from the revisions (rebuildCurrentLabels).
 */

const newRevisionId = () => crypto.randomUUID();

/** Only the labels of one annotator in one round: what the coding screen may show, so coding stays blind. */
export function listLabelsOf(db: WorkbenchDatabase, annotatorId: string, round: number): Promise<Label[]> {
  return db.currentLabels.where('[round+annotatorId]').equals([round, annotatorId]).toArray();
}

/** One annotator's current labels in one round for some incidents, by key: what a list window needs (blind). */
export async function getLabelsFor(db: WorkbenchDatabase, annotatorId: string, round: number, incidentIds: readonly string[]): Promise<Label[]> {
  // By incident (every dimension the codebook has, or had), then only this annotator's in this round are returned.
  const labels = await db.currentLabels.where('incidentId').anyOf(incidentIds as string[]).toArray();
  return labels.filter((l) => l.annotatorId === annotatorId && l.round === round);
}

/** How many current codes an annotator has given in a round (from the tallies: IndexedDB counts by walking). */
export async function countLabelsOf(db: WorkbenchDatabase, annotatorId: string, round: number): Promise<number> {
  const tallies = await db.labelTallies.where('[round+annotatorId+dimension]').between([round, annotatorId, Dexie.minKey], [round, annotatorId, Dexie.maxKey]).toArray();
  return tallies.reduce((sum, t) => sum + t.count, 0);
}

/** Every tally: codes per round, annotator and dimension, and how often each changed. */
export function listLabelTallies(db: WorkbenchDatabase): Promise<LabelTally[]> {
  return db.labelTallies.toArray();
}

/** Every annotator's current labels, in every round: for the lead's agreement and resolution views only. */
export function listAllLabels(db: WorkbenchDatabase): Promise<Label[]> {
  return db.currentLabels.toArray();
}

/** Every current code of the given annotators in every round, read from the column projection (fast for a whole study). */
export async function listCodedLabelsOf(db: WorkbenchDatabase, annotatorIds: readonly string[]): Promise<CodedLabel[]> {
  const columns = await Promise.all(annotatorIds.map((id) => db.labelColumns.where('[annotatorId+round]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()));
  return labelsFromColumns(columns.flat());
}

/** Who has current codes in each round, from the tallies. */
export async function listCodersByRound(db: WorkbenchDatabase): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  for (const { round, annotatorId, count } of await db.labelTallies.toArray()) {
    if (count === 0) continue;
    let coders = out.get(round);
    if (!coders) out.set(round, (coders = new Set()));
    coders.add(annotatorId);
  }
  return out;
}

/** Every revision of one slot, oldest first. */
export async function listSlotHistory(db: WorkbenchDatabase, slot: LabelSlot): Promise<LabelRevision[]> {
  const revisions = await db.labelRevisions.where('[incidentId+annotatorId+dimension+round]').equals([slot.incidentId, slot.annotatorId, slot.dimension, slot.round]).toArray();
  return revisions.sort((a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id));
}

/** The stored columns and tallies that revisions of these slots move, read in one round (with whatever else the caller reads). */
interface ProjectionRows {
  columns: Map<string, LabelColumn | undefined>;
  tallies: Map<string, LabelTally | undefined>;
}
const keyOf = (key: readonly unknown[]) => key.join('\u0000');

async function readProjectionRows(db: WorkbenchDatabase, slots: readonly LabelSlot[]): Promise<ProjectionRows> {
  const keys = projectionKeys(slots);
  const [columns, tallies] = await Promise.all([db.labelColumns.bulkGet(keys.columns), db.labelTallies.bulkGet(keys.tallies)]);
  return { columns: new Map(keys.columns.map((k, i) => [keyOf(k), columns[i]])), tallies: new Map(keys.tallies.map((k, i) => [keyOf(k), tallies[i]])) };
}

/**
 * Appends revisions and moves the projections to each slot's new head (in the caller's transaction), as
 * planLabelWrite says: the stored rows are read in one round (or given, read ahead with the caller's own reads) and
 * everything is written in another (a round trip to IndexedDB in a transaction costs about a millisecond).
 */
export async function appendRevisions(db: WorkbenchDatabase, revisions: readonly LabelRevision[], readAhead?: ProjectionRows): Promise<void> {
  if (revisions.length === 0) return;
  const rows = readAhead ?? (await readProjectionRows(db, [...headRevisions(revisions).values()]));
  const plan = planLabelWrite(revisions, (k) => rows.columns.get(keyOf(k)), (k) => rows.tallies.get(keyOf(k)));
  await Promise.all([
    db.labelRevisions.bulkAdd(plan.revisions as LabelRevision[]),
    plan.putLabels.length ? db.currentLabels.bulkPut(plan.putLabels) : undefined,
    plan.deleteLabels.length ? db.currentLabels.bulkDelete(plan.deleteLabels) : undefined,
    plan.putColumns.length ? db.labelColumns.bulkPut(plan.putColumns) : undefined,
    plan.deleteColumns.length ? db.labelColumns.bulkDelete(plan.deleteColumns) : undefined,
    db.labelTallies.bulkPut(plan.putTallies),
  ]);
}

type CodeChange = { code: string; rationale: string; secondaryCodes?: readonly string[] };

/** The revisions that record some codes of one incident, given each slot's history (none where nothing changed). */
function revisionsOf(
  changes: ReadonlyArray<[Dimension, CodeChange]>,
  slots: readonly LabelSlot[],
  histories: ReadonlyArray<readonly LabelRevision[]>,
  entry: { codebookId: string; codebookVersion: number; now: Date },
  newId: () => string,
): LabelRevision[] {
  const added: LabelRevision[] = [];
  changes.forEach(([, value], i) => {
    const head = headRevisions(histories[i]!).get(slotKey(slots[i]!));
    const change: LabelChange = { code: value.code, secondaryCodes: value.secondaryCodes, rationale: value.rationale, codebookId: entry.codebookId, codebookVersion: entry.codebookVersion };
    const revision = reviseLabel(slots[i]!, head, change, newId(), entry.now);
    if (revision) added.push(revision);
  });
  return added;
}

/**
 * Saves one annotator's codes for one incident in one round, in one transaction: each dimension whose code, secondary
 * codes or rationale changed gets a new revision (an emptied code is a clearing revision); unchanged ones get none.
 * The slots' histories and the projection rows they move are read in one round, the writes made in another.
 * Resolves only once IndexedDB has committed (relaxed durability: see WorkbenchDatabase), so "Saved" is never shown for
 * a label that is not stored.
 */
export async function saveIncidentCodes(
  db: WorkbenchDatabase,
  entry: { incidentId: string; annotatorId: string; round: number; codebookId: string; codebookVersion: number; now: Date; newId?: () => string },
  codes: Partial<Record<Dimension, { code: string; rationale: string; secondaryCodes?: readonly string[] }>>,
): Promise<LabelRevision[]> {
  const newId = entry.newId ?? newRevisionId;
  return db.transaction('rw', db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies, async () => {
    const changes = Object.entries(codes) as Array<[Dimension, CodeChange]>;
    const slots = changes.map(([dimension]): LabelSlot => ({ incidentId: entry.incidentId, annotatorId: entry.annotatorId, dimension, round: entry.round }));
    const [histories, rows] = await Promise.all([Promise.all(slots.map((slot) => listSlotHistory(db, slot))), readProjectionRows(db, slots)]);
    const added = revisionsOf(changes, slots, histories, entry, newId);
    await appendRevisions(db, added, rows);
    return added;
  });
}

/** The stores a save of codes writes. */
const LABEL_STORES = ['labelRevisions', 'currentLabels', 'labelColumns', 'labelTallies'] as const;

const request = <T,>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * saveIncidentCodes in one IndexedDB transaction written by hand, for the coder's path (bench:coding: a code picked
 * is saved at once, and through Dexie the same transaction took 2–5 ms more): every read is sent at once (the slots'
 * histories, the columns and tallies they move), then every write; the same pure steps decide what is written
 * (reviseLabel, applyHeadsToColumns), and a unit test holds the two to the same rows. Dexie's live views are told of
 * the change through its public storage-mutated event (as Dexie tells them of its own writes), table by table.
 * Resolves once the transaction has committed.
 */
export async function saveIncidentCodesDirect(
  db: WorkbenchDatabase,
  entry: { incidentId: string; annotatorId: string; round: number; codebookId: string; codebookVersion: number; now: Date; newId?: () => string },
  codes: Partial<Record<Dimension, { code: string; rationale: string; secondaryCodes?: readonly string[] }>>,
  /** notify: false leaves telling the live views to the caller (notifyLabelsChanged), who may answer the coder first. */
  options: { notify?: boolean } = {},
): Promise<LabelRevision[]> {
  const newId = entry.newId ?? newRevisionId;
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();
  const tx = idb.transaction([...LABEL_STORES], 'readwrite', { durability: 'relaxed' });
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('The save was aborted.'));
    tx.onerror = () => reject(tx.error ?? new Error('The save failed.'));
  });
  const [revisionStore, labelStore, columnStore, tallyStore] = LABEL_STORES.map((name) => tx.objectStore(name));
  const changes = Object.entries(codes) as Array<[Dimension, CodeChange]>;
  const slots = changes.map(([dimension]): LabelSlot => ({ incidentId: entry.incidentId, annotatorId: entry.annotatorId, dimension, round: entry.round }));
  const keys = projectionKeys(slots);
  let added: LabelRevision[];
  try {
    const history = revisionStore!.index('[incidentId+annotatorId+dimension+round]');
    const [histories, columns, tallies] = await Promise.all([
      Promise.all(slots.map((x) => request(history.getAll([x.incidentId, x.annotatorId, x.dimension, x.round]) as IDBRequest<LabelRevision[]>))),
      Promise.all(keys.columns.map((k) => request(columnStore!.get(k) as IDBRequest<LabelColumn | undefined>))),
      Promise.all(keys.tallies.map((k) => request(tallyStore!.get(k) as IDBRequest<LabelTally | undefined>))),
    ]);
    added = revisionsOf(changes, slots, histories, entry, newId);
    if (added.length === 0) {
      tx.commit();
      await done;
      return added;
    }
    const storedColumns = new Map(keys.columns.map((k, i) => [keyOf(k), columns[i]]));
    const storedTallies = new Map(keys.tallies.map((k, i) => [keyOf(k), tallies[i]]));
    const plan = planLabelWrite(added, (k) => storedColumns.get(keyOf(k)), (k) => storedTallies.get(keyOf(k)));
    for (const r of plan.revisions) revisionStore!.add(r);
    for (const label of plan.putLabels) labelStore!.put(label);
    for (const key of plan.deleteLabels) labelStore!.delete(key);
    for (const column of plan.putColumns) columnStore!.put(column);
    for (const key of plan.deleteColumns) columnStore!.delete(key);
    for (const tally of plan.putTallies) tallyStore!.put(tally);
    tx.commit();
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished (it failed on its own).
    }
    await done.catch(() => {});
    throw e;
  }
  await done;
  if (options.notify !== false) notifyLabelsChanged(db);
  return added;
}

/**
 * Tells every live view of the label stores, in this context and the others (Dexie's public storage-mutated event),
 * that they changed: whole tables, since a save touches a few rows of each.
 */
export function notifyLabelsChanged(db: WorkbenchDatabase): void {
  const parts: ObservabilitySet = {};
  for (const name of LABEL_STORES) {
    const table = db.table(name);
    for (const index of table.schema.indexes) if (index.name) parts[`idb://${db.name}/${name}/${index.name}`] = new RangeSet(-Infinity, [[[]]]);
    parts[`idb://${db.name}/${name}/`] = parts[`idb://${db.name}/${name}/:dels`] = new RangeSet(-Infinity, [[[]]]);
  }
  Dexie.on.storagemutated.fire(parts);
}

/** Undoes a slot's last change with a new revision; false when the slot has no history. */
export async function undoLastChange(db: WorkbenchDatabase, slot: LabelSlot, now: Date, newId: () => string = newRevisionId): Promise<boolean> {
  return db.transaction('rw', db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies, async () => {
    const revision = undoRevision(await listSlotHistory(db, slot), newId(), now);
    if (!revision) return false;
    await appendRevisions(db, [revision]);
    return true;
  });
}

/** Derives both projections again from the revisions alone (after a study file or a copy is stored). */
export async function rebuildCurrentLabels(db: WorkbenchDatabase): Promise<void> {
  await db.transaction('rw', db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies, async () => {
    const heads = headRevisions(await db.labelRevisions.toArray());
    const current = [...heads.values()].filter((h) => h.code !== '').map(toLabel);
    const columns = buildLabelColumns(current);
    // Tallies count their changes on from where they were, so a view waiting for a change sees one.
    const changesBefore = Math.max(0, ...(await db.labelTallies.toArray()).map((t) => t.changes));
    const tallies = tallyColumns(columns).map((t) => ({ ...t, changes: changesBefore + 1 }));
    await Promise.all([db.currentLabels.clear(), db.labelColumns.clear(), db.labelTallies.clear()]);
    await Promise.all([db.currentLabels.bulkPut(current), db.labelColumns.bulkPut(columns), db.labelTallies.bulkPut(tallies)]);
  });
}

/** How many decision revisions the study holds (they are only ever added: a change stamp). */
export function countDecisions(db: WorkbenchDatabase): Promise<number> {
  return db.decisions.count();
}

/** Every decision ever made (the current one per disagreement is derived: currentResolutions). */
export function listDecisions(db: WorkbenchDatabase): Promise<Resolution[]> {
  return db.decisions.toArray();
}

/** Records a decision on a disagreement; a decision already made on it is kept, and named as the one replaced. */
export async function saveDecision(db: WorkbenchDatabase, decision: Omit<Resolution, 'id' | 'previousId'>, newId: () => string = newRevisionId): Promise<Resolution> {
  if (decision.rationale.trim() === '') throw new Error('A resolution needs a reason.');
  if (decision.resolvedBy.trim() === '') throw new Error('A resolution needs the name of who decided.');
  return db.transaction('rw', db.decisions, async () => {
    const key = decisionKey(decision);
    const earlier = (await db.decisions.where('[round+incidentId]').equals([decision.round, decision.incidentId]).toArray())
      .filter((d) => decisionKey(d) === key)
      .sort((a, b) => a.resolvedAt.localeCompare(b.resolvedAt) || a.id.localeCompare(b.id));
    const record: Resolution = { ...decision, rationale: decision.rationale.trim(), id: newId(), previousId: earlier.at(-1)?.id ?? null };
    await db.decisions.add(record);
    return record;
  });
}

/** The incidents any coder has given a code in a dimension (any round): those a split of the code must place. */
export async function listIncidentsWithCode(db: WorkbenchDatabase, dimension: Dimension, code: string): Promise<string[]> {
  const ids = new Set<string>();
  await db.currentLabels.each((l) => {
    if (l.dimension === dimension && l.code === code) ids.add(l.incidentId);
  });
  return [...ids].sort();
}
