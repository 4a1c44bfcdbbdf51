import { describe, expect, it } from 'vitest';
import { makeLabel, makeResolution } from '../model/testFactories.ts';
import { computeStudyOutcome } from './finalLabels.ts';
import { buildResolutionQueue, choiceSeenBy, codeOfChoice, nextOpenItem } from './resolutionQueue.ts';

describe('resolution queue', () => {
  const labels = [
    makeLabel('i1', 'a', 'symptom', 'p'),
    makeLabel('i1', 'b', 'symptom', 'q'),
    makeLabel('i2', 'a', 'symptom', 'p'),
    makeLabel('i2', 'b', 'symptom', 'r'),
    makeLabel('i3', 'a', 'symptom', 's'),
    makeLabel('i3', 'b', 'symptom', 't'),
  ];
  const outcome = computeStudyOutcome(labels, [], 'a', 'b', ['i1', 'i2', 'i3'], 1);
  // i1 decided between its current codes; i2 decided between codes it no longer has (stale); i3 not decided.
  const decisions = [makeResolution('i1', 'symptom', 'p', 'q', 'q'), makeResolution('i2', 'symptom', 'p', 'x', 'p')];

  it('marks each disagreement open, resolved or stale, and counts what is left to decide', () => {
    const queue = buildResolutionQueue(outcome, decisions, 'a', 'b');
    expect(queue.items.map((i) => [i.pair.incidentId, i.state])).toEqual([
      ['i1', 'resolved'],
      ['i2', 'stale'],
      ['i3', 'open'],
    ]);
    expect(queue.open).toBe(2);
    expect(queue.items[1]!.decision?.codeB).toBe('x');
  });

  it('goes on to the next item still to decide, wrapping round', () => {
    const { items } = buildResolutionQueue(outcome, decisions, 'a', 'b');
    expect(nextOpenItem(items, items[1]!.key)?.pair.incidentId).toBe('i3');
    expect(nextOpenItem(items, items[2]!.key)?.pair.incidentId).toBe('i2');
  });
});

describe('a decision seen by the lead', () => {
  it('names the coders as the lead compares them now', () => {
    expect(choiceSeenBy({ choice: 'A', coderA: 'a' }, 'a')).toBe('A');
    expect(choiceSeenBy({ choice: 'A', coderA: 'b' }, 'a')).toBe('B');
    expect(choiceSeenBy({ choice: 'B', coderA: 'b' }, 'a')).toBe('A');
    expect(choiceSeenBy({ choice: 'other', coderA: 'b' }, 'a')).toBe('other');
  });

  it('turns a choice into its code', () => {
    const pair = { codeA: 'p', codeB: 'q' };
    expect([codeOfChoice('A', pair, ''), codeOfChoice('B', pair, ''), codeOfChoice('other', pair, 'r'), codeOfChoice('other', pair, '')]).toEqual(['p', 'q', 'r', '']);
  });
});
