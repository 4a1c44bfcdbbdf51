import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../files/schemaTypes.ts';
import { StudySetSchema, type StudySet } from '../model/incident.ts';
import { chainHeads } from '../coding/revisionChains.ts';

/**
 * Who codes what: in each round, an annotator codes the incidents of some study sets (paper §III-C: the taxonomy set
 * first, then validation, then test), or every incident. Assignments are revisions (convention 16): a change is a new
 * one naming the one before, so the history of who was asked to code what stays.
 */
export const AssignmentSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    annotatorId: Type.String({ minLength: 1 }),
    round: Type.Integer({ minimum: 1 }),
    // Nullable() is for one plain type; a list or nothing is a union.
    sets: Type.Union([Type.Array(StudySetSchema, { uniqueItems: true }), Type.Null()], {
      description: 'The study sets the annotator codes in the round; null for every incident of the study; [] for none (the assignment was withdrawn).',
    }),
    assignedBy: Type.String({ minLength: 1, description: 'Who made the assignment (a person id).' }),
    assignedAt: Type.String({ format: 'date-time' }),
    previousId: Nullable(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, title: 'Assignment', description: 'The incidents (by study set) one annotator codes in one round.' },
);
export type Assignment = Static<typeof AssignmentSchema>;

export const assignmentKey = (a: Pick<Assignment, 'annotatorId' | 'round'>) => `${a.round}\u0000${a.annotatorId}`;

/** The assignment in force for each annotator and round. */
export function currentAssignments(assignments: Iterable<Assignment>): Map<string, Assignment> {
  return chainHeads(assignments, assignmentKey, (a, b) => (a.assignedAt !== b.assignedAt ? a.assignedAt > b.assignedAt : a.id > b.id));
}

/** The sets one annotator codes in one round: null for every incident (also when nothing was assigned). */
export function assignedSets(assignments: Iterable<Assignment>, annotatorId: string, round: number): StudySet[] | null {
  return currentAssignments(assignments).get(assignmentKey({ annotatorId, round }))?.sets ?? null;
}

/** The revision that assigns `sets`, or null when that is what is assigned already. */
export function reviseAssignment(
  stored: readonly Assignment[],
  next: { annotatorId: string; round: number; sets: readonly StudySet[] | null; assignedBy: string },
  newId: string,
  now: Date,
): Assignment | null {
  const head = currentAssignments(stored).get(assignmentKey(next));
  const sets = next.sets === null ? null : STUDY_SET_ORDER.filter((s) => next.sets!.includes(s));
  const same = head ? JSON.stringify(head.sets) === JSON.stringify(sets) : sets === null;
  if (same) return null;
  return { id: newId, annotatorId: next.annotatorId, round: next.round, sets, assignedBy: next.assignedBy, assignedAt: now.toISOString(), previousId: head?.id ?? null };
}

const STUDY_SET_ORDER: readonly StudySet[] = StudySetSchema.enum;

/** How an assignment reads: "the taxonomy and validation sets", "every incident", "nothing". */
export function describeSets(sets: readonly StudySet[] | null): string {
  if (sets === null) return 'every incident';
  if (sets.length === 0) return 'nothing';
  const names = sets.map((s) => `${s}`);
  const joined = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `the ${joined} set${sets.length === 1 ? '' : 's'}`;
}
