import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';
import { chainHeads } from './revisionChains.ts';

/**
 * What a coder notes on an incident besides its codes, per round: an "unsure" flag (the lead sees it with the codes,
 * once they may) and a private note (the coder's own: it never leaves their machine in a label package). Both are
 * revisions like labels (convention 16): a change is a new mark naming the one before, the current one is derived.
 */
export const CoderMarkKindSchema = OneOf(['unsure', 'note'], { description: 'unsure: value "yes" flags the incident as unsure ("" unflags it); note: the coder\'s private note.' });
export type CoderMarkKind = Static<typeof CoderMarkKindSchema>;

export const CoderMarkSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    incidentId: Type.String({ minLength: 1 }),
    annotatorId: Type.String({ minLength: 1 }),
    round: Type.Integer({ minimum: 1 }),
    kind: CoderMarkKindSchema,
    value: Type.String({ description: 'For unsure, "yes" or ""; for a note, its text ("" when cleared).' }),
    savedAt: Type.String({ format: 'date-time' }),
    previousId: Nullable(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, title: 'CoderMark', description: 'A coder\'s unsure flag or private note on one incident in one round.' },
);
export type CoderMark = Static<typeof CoderMarkSchema>;

export const markKey = (m: Pick<CoderMark, 'round' | 'annotatorId' | 'kind' | 'incidentId'>) => `${m.round}\u0000${m.annotatorId}\u0000${m.kind}\u0000${m.incidentId}`;

const isLater = (a: CoderMark, b: CoderMark) => (a.savedAt !== b.savedAt ? a.savedAt > b.savedAt : a.id > b.id);

/** The current mark of every key: the head of its chain (two heads after a merge: the later save). */
export function currentMarks(marks: Iterable<CoderMark>): Map<string, CoderMark> {
  return chainHeads(marks, markKey, isLater);
}

/** One coder's current marks on one incident in one round: unsure or not, and the note. */
export interface IncidentMarks {
  unsure: boolean;
  note: string;
}

export function marksOf(marks: Iterable<CoderMark>, incidentId: string, annotatorId: string, round: number): IncidentMarks {
  const mine = [...marks].filter((m) => m.incidentId === incidentId && m.annotatorId === annotatorId && m.round === round);
  const heads = currentMarks(mine);
  return {
    unsure: heads.get(markKey({ round, annotatorId, kind: 'unsure', incidentId }))?.value === 'yes',
    note: heads.get(markKey({ round, annotatorId, kind: 'note', incidentId }))?.value ?? '',
  };
}

/**
 * The marks that record a change from what is stored to `next` (none for what did not change). `newId` and `now` are
 * passed in, so this stays pure.
 */
export function reviseMarks(
  stored: readonly CoderMark[],
  slot: { incidentId: string; annotatorId: string; round: number },
  next: Partial<IncidentMarks>,
  newId: () => string,
  now: Date,
): CoderMark[] {
  const heads = currentMarks(stored.filter((m) => m.incidentId === slot.incidentId && m.annotatorId === slot.annotatorId && m.round === slot.round));
  const out: CoderMark[] = [];
  const revise = (kind: CoderMarkKind, value: string) => {
    const head = heads.get(markKey({ ...slot, kind }));
    if ((head?.value ?? '') === value) return;
    out.push({ id: newId(), incidentId: slot.incidentId, annotatorId: slot.annotatorId, round: slot.round, kind, value, savedAt: now.toISOString(), previousId: head?.id ?? null });
  };
  if (next.unsure !== undefined) revise('unsure', next.unsure ? 'yes' : '');
  // A note is kept as typed, but one of only spaces is no note.
  if (next.note !== undefined) revise('note', next.note.trim() === '' ? '' : next.note);
  return out;
}
