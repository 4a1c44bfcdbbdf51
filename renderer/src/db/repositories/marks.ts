import { currentMarks, reviseMarks, type CoderMark, type IncidentMarks } from '../../../../shared/coding/coderMarks.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/**
 * A coder's unsure flags and private notes (revisions, like labels). Read per coder and round, by incident, so the
 * coding screen never reads anyone else's.
 */
export async function getMarksFor(db: WorkbenchDatabase, annotatorId: string, round: number, incidentIds: readonly string[]): Promise<Map<string, IncidentMarks>> {
  const marks = await db.coderMarks.where('[round+annotatorId+incidentId]').anyOf(incidentIds.map((id) => [round, annotatorId, id])).toArray();
  const out = new Map<string, IncidentMarks>();
  for (const head of currentMarks(marks).values()) {
    const m = out.get(head.incidentId) ?? { unsure: false, note: '' };
    if (head.kind === 'unsure') m.unsure = head.value === 'yes';
    else m.note = head.value;
    out.set(head.incidentId, m);
  }
  return out;
}

/** Saves a change of a coder's flag or note on one incident, in one transaction; resolves once committed. */
export async function saveMarks(
  db: WorkbenchDatabase,
  slot: { incidentId: string; annotatorId: string; round: number },
  next: Partial<IncidentMarks>,
  now: Date,
  newId: () => string = () => crypto.randomUUID(),
): Promise<CoderMark[]> {
  return db.transaction('rw', db.coderMarks, async () => {
    const stored = await db.coderMarks.where('[round+annotatorId+incidentId]').equals([slot.round, slot.annotatorId, slot.incidentId]).toArray();
    const added = reviseMarks(stored, slot, next, newId, now);
    await db.coderMarks.bulkAdd(added);
    return added;
  });
}
