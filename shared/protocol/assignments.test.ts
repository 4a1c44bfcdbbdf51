import { describe, expect, it } from 'vitest';
import { assignedSets, describeSets, reviseAssignment, type Assignment } from './assignments.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));

describe('assignments', () => {
  it('assigns sets per annotator and round as revisions; every incident when nothing is assigned', () => {
    const stored: Assignment[] = [];
    expect(assignedSets(stored, 'a', 1)).toBeNull();
    const first = reviseAssignment(stored, { annotatorId: 'a', round: 1, sets: ['test', 'taxonomy'], assignedBy: 'lead' }, 'x1', at(0))!;
    // Sets are kept in the study's order, whatever order they were picked in.
    expect(first.sets).toEqual(['taxonomy', 'test']);
    stored.push(first);
    expect(reviseAssignment(stored, { annotatorId: 'a', round: 1, sets: ['taxonomy', 'test'], assignedBy: 'lead' }, 'x2', at(1))).toBeNull();
    const second = reviseAssignment(stored, { annotatorId: 'a', round: 1, sets: ['validation'], assignedBy: 'lead' }, 'x2', at(1))!;
    expect(second.previousId).toBe('x1');
    stored.push(second);
    expect(assignedSets(stored, 'a', 1)).toEqual(['validation']);
    expect(assignedSets(stored, 'a', 2)).toBeNull();
    expect(assignedSets(stored, 'b', 1)).toBeNull();
    expect(reviseAssignment([], { annotatorId: 'a', round: 1, sets: null, assignedBy: 'lead' }, 'x', at(0))).toBeNull();
  });

  it('says what an assignment covers', () => {
    expect(describeSets(null)).toBe('every incident');
    expect(describeSets(['taxonomy'])).toBe('the taxonomy set');
    expect(describeSets(['taxonomy', 'validation', 'test'])).toBe('the taxonomy, validation and test sets');
    expect(describeSets([])).toBe('nothing');
  });
});
