import { describe, expect, it } from 'vitest';
import { marksOf, reviseMarks, type CoderMark } from './coderMarks.ts';

const slot = { incidentId: 'i1', annotatorId: 'a', round: 1 };
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));

describe('coder marks', () => {
  it('records the unsure flag and the note as revisions, and derives the current ones', () => {
    let n = 0;
    const newId = () => `m${n++}`;
    const stored: CoderMark[] = [];
    stored.push(...reviseMarks(stored, slot, { unsure: true, note: 'check the timeline' }, newId, at(0)));
    expect(marksOf(stored, 'i1', 'a', 1)).toEqual({ unsure: true, note: 'check the timeline' });
    // The same again adds nothing; a note of spaces is no note; unflagging is a revision naming the flag.
    expect(reviseMarks(stored, slot, { unsure: true, note: 'check the timeline' }, newId, at(1))).toEqual([]);
    const next = reviseMarks(stored, slot, { unsure: false, note: '   ' }, newId, at(2));
    expect(next.map((m) => [m.kind, m.value, m.previousId])).toEqual([
      ['unsure', '', 'm0'],
      ['note', '', 'm1'],
    ]);
    stored.push(...next);
    expect(marksOf(stored, 'i1', 'a', 1)).toEqual({ unsure: false, note: '' });
    // Another coder, incident or round has marks of its own.
    expect(marksOf(stored, 'i1', 'b', 1)).toEqual({ unsure: false, note: '' });
    expect(reviseMarks(stored, { ...slot, round: 2 }, { unsure: true }, newId, at(3))[0]!.previousId).toBeNull();
  });
});
