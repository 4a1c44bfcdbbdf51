import Dexie from 'dexie';
import { decisionKey, headRevisions, reviseLabel, slotKey, toLabel, undoRevision, type LabelChange, type LabelSlot } from '../../../../shared/coding/labelHistory.ts';
import { applyHeadsToColumns, buildLabelColumns, columnKey, labelsFromColumns, tallyColumns, tallyKey, type CodedLabel, type LabelTally } from '../../../../shared/coding/labelColumns.ts';
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

/** Appends revisions and moves the projection to each slot's new head (in the caller's transaction). */
export async function appendRevisions(db: WorkbenchDatabase, revisions: readonly LabelRevision[]): Promise<void> {
  if (revisions.length === 0) return;
  await db.labelRevisions.bulkAdd(revisions as LabelRevision[]);
  const heads = headRevisions(revisions);
  const put: Label[] = [];
  const cleared: Array<[number, string, string, string]> = [];
  for (const head of heads.values()) {
    if (head.code === '') cleared.push([head.round, head.annotatorId, head.dimension, head.incidentId]);
    else put.push(toLabel(head));
  }
  await db.currentLabels.bulkPut(put);
  await db.currentLabels.bulkDelete(cleared);
  const changed = await applyHeadsToColumns(heads.values(), (key) => db.labelColumns.get(key));
  const columns = changed.map((c) => c.column);
  await db.labelColumns.bulkPut(columns.filter((c) => c.lines !== ''));
  await db.labelColumns.bulkDelete(columns.filter((c) => c.lines === '').map(columnKey));
  // Each tally counts its codes and its changes, so counting and "has anything changed" read one small row.
  const deltas = new Map<string, { key: [number, string, string]; delta: number }>();
  for (const { column, delta } of changed) {
    const key = tallyKey(column);
    const seen = deltas.get(key.join('\u0000'));
    if (seen) seen.delta += delta;
    else deltas.set(key.join('\u0000'), { key, delta });
  }
  const stored = await db.labelTallies.bulkGet([...deltas.values()].map((d) => d.key));
  await db.labelTallies.bulkPut(
    [...deltas.values()].map(({ key: [round, annotatorId, dimension], delta }, i) => ({
      round,
      annotatorId,
      dimension: dimension as Dimension,
      count: (stored[i]?.count ?? 0) + delta,
      changes: (stored[i]?.changes ?? 0) + 1,
    })),
  );
}

/**
 * Saves one annotator's codes for one incident in one round, in one transaction: each dimension whose code or
 * rationale changed gets a new revision (an emptied code is a clearing revision); unchanged ones get none.
 * Resolves only once IndexedDB has committed, so "Saved" is never shown for a label that could still be lost.
 */
export async function saveIncidentCodes(
  db: WorkbenchDatabase,
  entry: { incidentId: string; annotatorId: string; round: number; codebookId: string; codebookVersion: number; now: Date; newId?: () => string },
  codes: Partial<Record<Dimension, { code: string; rationale: string; secondaryCodes?: readonly string[] }>>,
): Promise<LabelRevision[]> {
  const newId = entry.newId ?? newRevisionId;
  return db.transaction('rw', db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies, async () => {
    const added: LabelRevision[] = [];
    for (const [dimension, value] of Object.entries(codes) as Array<[Dimension, { code: string; rationale: string; secondaryCodes?: readonly string[] }]>) {
      const slot: LabelSlot = { incidentId: entry.incidentId, annotatorId: entry.annotatorId, dimension, round: entry.round };
      const head = headRevisions(await listSlotHistory(db, slot)).get(slotKey(slot));
      const change: LabelChange = { code: value.code, secondaryCodes: value.secondaryCodes, rationale: value.rationale, codebookId: entry.codebookId, codebookVersion: entry.codebookVersion };
      const revision = reviseLabel(slot, head, change, newId(), entry.now);
      if (revision) added.push(revision);
    }
    await appendRevisions(db, added);
    return added;
  });
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
