import { reviseAssignment, type Assignment } from '../../../../shared/protocol/assignments.ts';
import type { StudySet } from '../../../../shared/model/incident.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/** Every assignment ever made (the one in force per annotator and round is derived). */
export function listAssignments(db: WorkbenchDatabase): Promise<Assignment[]> {
  return db.assignments.toArray();
}

/** Assigns an annotator the sets to code in a round (null: every incident); nothing is written when that is assigned already. */
export async function assignSets(db: WorkbenchDatabase, next: { annotatorId: string; round: number; sets: readonly StudySet[] | null; assignedBy: string }, now: Date): Promise<Assignment | null> {
  return db.transaction('rw', [db.assignments, db.people], async () => {
    const person = await db.people.get(next.annotatorId);
    if (!person) throw new Error('That person is not in this study.');
    if (person.role === 'source') throw new Error(`${person.name} is a source of labels: nobody codes as them.`);
    const revision = reviseAssignment(await db.assignments.toArray(), next, crypto.randomUUID(), now);
    if (revision) await db.assignments.add(revision);
    return revision;
  });
}

