import { describe, expect, it } from 'vitest';
import type { Person } from '../model/labels.ts';
import { hiddenRounds, leadViewsOpen, mustProtectBeforeLeaving, seesEveryCode, switchRule, unblindedRounds, type CodeHolding, type StudyEvent } from './blinding.ts';

const person = (id: string, role: Person['role'] = 'annotator'): Person => ({ id, name: id.toUpperCase(), role, createdAt: '2024-01-01T00:00:00.000Z' });
const a = person('a');
const b = person('b');
const lead = person('lead', 'lead');
const gpt = person('gpt', 'source');
const holds = (annotatorId: string, round: number, count = 3): CodeHolding => ({ annotatorId, round, count });
const none = () => false;

describe('blinding', () => {
  it('hides from an annotator every round in which someone else holds codes, until the round is unblinded', () => {
    const holdings = [holds('a', 1), holds('b', 1), holds('b', 2), holds('a', 3), holds('b', 4, 0)];
    expect([...hiddenRounds(a, holdings, new Set())].sort()).toEqual([1, 2]);
    // Round 3 holds only A's own codes; round 4 only an emptied tally.
    expect([...hiddenRounds(a, holdings, new Set([1]))]).toEqual([2]);
    expect([...hiddenRounds(b, holdings, new Set())].sort()).toEqual([1, 3]);
    expect(seesEveryCode(hiddenRounds(lead, holdings, new Set()))).toBe(true);
    // No one chosen sees nobody's codes.
    expect([...hiddenRounds(null, holdings, new Set())].sort()).toEqual([1, 2, 3]);
  });

  it('opens the lead\'s screens to a lead, and to anyone else only where nothing is blind, own codes included', () => {
    expect(leadViewsOpen(a, [], new Set())).toBe(true);
    expect(leadViewsOpen(a, [holds('a', 1)], new Set())).toBe(false);
    expect(leadViewsOpen(a, [holds('a', 1)], new Set([1]))).toBe(true);
    expect(leadViewsOpen(lead, [holds('a', 1), holds('b', 2)], new Set())).toBe(true);
    expect(leadViewsOpen(null, [holds('a', 1, 0)], new Set())).toBe(true);
  });

  it('reads the unblinded rounds from the log', () => {
    const events: StudyEvent[] = [
      { id: '1', at: '2024-01-01T00:00:00.000Z', kind: 'identity', from: null, to: 'a', withPassphrase: false },
      { id: '2', at: '2024-01-02T00:00:00.000Z', kind: 'unblind', round: 2, by: 'lead' },
    ];
    expect([...unblindedRounds(events)]).toEqual([2]);
  });

  it('lets a switch show nothing the person at the keyboard could not see already', () => {
    const holdings = [holds('a', 1), holds('b', 1)];
    const rule = (current: Person | null, target: Person, unblinded = new Set<number>(), hasPassphrase: (id: string) => boolean = none, h = holdings) =>
      switchRule({ current, target, holdings: h, unblinded, hasPassphrase });
    // B at the keyboard cannot become A (A's codes of round 1 are blind) nor the lead (who sees them).
    expect(rule(b, a)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('A has codes in round 1, which is still blind') });
    expect(rule(b, lead)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('LEAD is a lead and sees every code') });
    // Nor can A become the lead when the only blind codes are A's own: the lead's views are not A's.
    expect(rule(a, lead, new Set(), none, [holds('a', 1)])).toMatchObject({ kind: 'refused' });
    // With a passphrase set, the switch asks for it; the lead may become anyone; a new annotator is free.
    expect(rule(b, a, new Set(), (id) => id === 'a')).toEqual({ kind: 'passphrase' });
    expect(rule(lead, a)).toEqual({ kind: 'free' });
    expect(rule(b, person('c'))).toEqual({ kind: 'free' });
    // Once the round is unblinded, nothing is hidden; a source is no one.
    expect(rule(b, a, new Set([1]))).toEqual({ kind: 'free' });
    expect(rule(b, lead, new Set([1]))).toEqual({ kind: 'free' });
    expect(rule(a, gpt).kind).toBe('refused');
    // Nobody chosen yet sees nothing: the first choice is free only where the target would see nothing blind.
    expect(rule(null, person('c'))).toEqual({ kind: 'free' });
    expect(rule(null, lead)).toMatchObject({ kind: 'refused' });
    expect(rule(null, lead, new Set(), (id) => id === 'lead')).toEqual({ kind: 'passphrase' });
    expect(rule(null, lead, new Set(), none, [])).toEqual({ kind: 'free' });
    // On an annotator's copy (a starter file) nobody becomes a lead.
    expect(switchRule({ current: a, target: lead, holdings: [], unblinded: new Set(), hasPassphrase: () => true, annotatorCopy: true }).kind).toBe('refused');
  });

  it('asks whoever hands the machine over to set a passphrase first, unless they have one', () => {
    expect(mustProtectBeforeLeaving({ current: lead, hasPassphrase: false })).toBe(true);
    expect(mustProtectBeforeLeaving({ current: a, hasPassphrase: false })).toBe(true);
    expect(mustProtectBeforeLeaving({ current: a, hasPassphrase: true })).toBe(false);
    expect(mustProtectBeforeLeaving({ current: null, hasPassphrase: false })).toBe(false);
  });
});
