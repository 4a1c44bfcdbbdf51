import { describe, expect, it } from 'vitest';
import { makeRevision } from '../model/testFactories.ts';
import type { LabelRevision } from '../model/labels.ts';
import { currentLabels, headRevisions, labelsAsOfVersion, reviseLabel, slotKey, undoRevision } from './labelHistory.ts';

const change = (code: string, rationale = '') => ({ code, rationale, codebookId: 'cb', codebookVersion: 1 });
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
const slot = { incidentId: 'i1', annotatorId: 'a', dimension: 'symptom' as const, round: 1 };

/** Applies changes one after another the way the repository does: each revision names the head before it. */
function history(...codes: string[]): LabelRevision[] {
  const out: LabelRevision[] = [];
  codes.forEach((code, i) => {
    const head = headRevisions(out).get(slotKey(slot));
    const r = reviseLabel(slot, head, change(code), `r${i}`, at(i));
    if (r) out.push(r);
  });
  return out;
}

describe('label revisions', () => {
  it('chains each change to the one before and derives the last as current', () => {
    const revisions = history('perf', 'deploy', 'infra');
    expect(revisions.map((r) => [r.id, r.previousId, r.code])).toEqual([
      ['r0', null, 'perf'],
      ['r1', 'r0', 'deploy'],
      ['r2', 'r1', 'infra'],
    ]);
    expect(currentLabels(revisions).map((l) => [l.code, l.revisionId])).toEqual([['infra', 'r2']]);
  });

  it('adds nothing when the same code and rationale are saved again', () => {
    const revisions = history('perf', 'perf');
    expect(revisions).toHaveLength(1);
    expect(reviseLabel(slot, undefined, change(''), 'x', at(0))).toBeNull();
  });

  it('keeps secondary codes in their order, and a change of them alone is a revision', () => {
    const first = reviseLabel(slot, undefined, { ...change('error'), secondaryCodes: ['delay', 'error', '', 'unavailable', 'delay'] }, 'r0', at(0))!;
    // Blanks, repeats and the primary itself are dropped; the order given is kept.
    expect(first.secondaryCodes).toEqual(['delay', 'unavailable']);
    expect(reviseLabel(slot, first, { ...change('error'), secondaryCodes: ['delay', 'unavailable'] }, 'r1', at(1))).toBeNull();
    const reordered = reviseLabel(slot, first, { ...change('error'), secondaryCodes: ['unavailable', 'delay'] }, 'r1', at(1))!;
    expect(reordered.secondaryCodes).toEqual(['unavailable', 'delay']);
    const none = reviseLabel(slot, reordered, change('error'), 'r2', at(2))!;
    expect('secondaryCodes' in none).toBe(false);
    expect(currentLabels([first, reordered]).map((l) => l.secondaryCodes)).toEqual([['unavailable', 'delay']]);
    // A cleared slot keeps no secondary codes; undo brings back those of the revision before.
    const cleared = reviseLabel(slot, none, { ...change(''), secondaryCodes: ['delay'] }, 'r3', at(3))!;
    expect(cleared.secondaryCodes).toBeUndefined();
    expect(undoRevision([first, reordered, none], 'u', at(4))!.secondaryCodes).toEqual(['unavailable', 'delay']);
    expect(undoRevision([first, reordered], 'u', at(4))!.secondaryCodes).toEqual(['delay', 'unavailable']);
  });

  it('records a cleared code as a revision, and a cleared slot has no current label', () => {
    const revisions = history('perf', '');
    expect(revisions.map((r) => r.code)).toEqual(['perf', '']);
    expect(currentLabels(revisions)).toEqual([]);
  });

  it('derives the current label per round: round 2 does not replace round 1', () => {
    const r1 = makeRevision('x1', { code: 'perf', round: 1 });
    const r2 = makeRevision('x2', { code: 'deploy', round: 2, savedAt: '2024-02-01T00:00:00.000Z' });
    const labels = currentLabels([r1, r2]);
    expect(labels.map((l) => [l.round, l.code]).sort()).toEqual([
      [1, 'perf'],
      [2, 'deploy'],
    ]);
  });

  it('keeps annotators, dimensions and incidents apart', () => {
    const revisions = [
      makeRevision('1', { annotatorId: 'a', code: 'p' }),
      makeRevision('2', { annotatorId: 'b', code: 'q' }),
      makeRevision('3', { dimension: 'rootCause', code: 'r' }),
      makeRevision('4', { incidentId: 'i2', code: 's' }),
    ];
    expect(currentLabels(revisions).map((l) => l.code).sort()).toEqual(['p', 'q', 'r', 's']);
  });

  it('does not depend on the order revisions are read in, and settles two heads by the later save', () => {
    const base = makeRevision('base', { code: 'p' });
    // The same slot revised on two machines after a merge: both name base as previous.
    const left = makeRevision('left', { code: 'q', previousId: 'base', savedAt: '2024-01-02T00:00:00.000Z' });
    const right = makeRevision('right', { code: 'r', previousId: 'base', savedAt: '2024-01-03T00:00:00.000Z' });
    for (const order of [[base, left, right], [right, left, base], [left, base, right]]) {
      expect(currentLabels(order).map((l) => l.code)).toEqual(['r']);
    }
  });

  it('undo is a new revision restoring the state before the last change; undoing again redoes', () => {
    const revisions = history('perf', 'deploy');
    const undo = undoRevision(revisions, 'u1', at(10))!;
    expect(undo).toMatchObject({ id: 'u1', previousId: 'r1', code: 'perf' });
    const afterUndo = [...revisions, undo];
    expect(currentLabels(afterUndo).map((l) => l.code)).toEqual(['perf']);
    // Nothing was removed: the undone change is still in the history.
    expect(afterUndo.map((r) => r.code)).toEqual(['perf', 'deploy', 'perf']);
    const redo = undoRevision(afterUndo, 'u2', at(11))!;
    expect(redo).toMatchObject({ previousId: 'u1', code: 'deploy' });
    expect(currentLabels([...afterUndo, redo]).map((l) => l.code)).toEqual(['deploy']);
  });

  it('undo of a first code clears the slot; undo of an empty history is nothing', () => {
    const revisions = history('perf');
    const undo = undoRevision(revisions, 'u', at(5))!;
    expect(undo.code).toBe('');
    expect(currentLabels([...revisions, undo])).toEqual([]);
    expect(undoRevision([], 'u', at(5))).toBeNull();
  });
});

describe('clearing', () => {
  it('adds no second clearing revision when the form still holds a rationale', () => {
    const revisions = history('perf', '');
    const head = headRevisions(revisions).get(slotKey(slot));
    expect(reviseLabel(slot, head, change('', 'left over'), 'x', at(9))).toBeNull();
  });
});

describe('labelsAsOfVersion', () => {
  it('gives each slot the code it had under a codebook version, before later changes', () => {
    // Slot (i1, a): 'net' under v1, moved to 'infra' by the v2 change, then undone under v3.
    const r1 = makeRevision('r1', { code: 'net', codebookVersion: 1, savedAt: '2024-01-01T00:00:00.000Z' });
    const r2 = makeRevision('r2', { code: 'infra', codebookVersion: 2, previousId: 'r1', savedAt: '2024-01-02T00:00:00.000Z', migratedTo: 2 });
    const r3 = makeRevision('r3', { code: 'net', codebookVersion: 3, previousId: 'r2', savedAt: '2024-01-03T00:00:00.000Z', migratedTo: 3 });
    // Slot (i2, a): first coded under v2.
    const s1 = makeRevision('s1', { incidentId: 'i2', code: 'disk', codebookVersion: 2, savedAt: '2024-01-02T00:00:00.000Z' });
    const all = [r3, s1, r1, r2];
    const asOf = (v: number) => labelsAsOfVersion(all, v).map((l) => `${l.incidentId}:${l.code}`).sort();
    expect(asOf(1)).toEqual(['i1:net']);
    expect(asOf(2)).toEqual(['i1:infra', 'i2:disk']);
    expect(asOf(3)).toEqual(['i1:net', 'i2:disk']);
  });
});
