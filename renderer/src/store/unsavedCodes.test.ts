import { beforeEach, describe, expect, it } from 'vitest';
import { useUnsavedCodes } from './unsavedCodes.ts';

const store = () => useUnsavedCodes.getState();

describe('keys held while moving to the next incident', () => {
  beforeEach(() => store().cancelAdvance());

  it('holds nothing unless moving; holds keys in order while moving, and stops once they are played', () => {
    expect(store().typeAhead('1')).toBe(false);
    store().startAdvance();
    for (const key of ['2', '1', 'Enter']) expect(store().typeAhead(key)).toBe(true);
    expect([store().nextHeld(), store().nextHeld()]).toEqual(['2', '1']);
    // A key typed while they are played goes after the ones still held.
    store().typeAhead('3');
    expect([store().nextHeld(), store().nextHeld(), store().nextHeld()]).toEqual(['Enter', '3', undefined]);
    expect(store().advance).toBeNull();
    expect(store().typeAhead('4')).toBe(false);
  });

  it('a second move while moving keeps what is held and counts as a new move; a cancel drops it all', () => {
    store().startAdvance();
    const first = store().moves;
    store().typeAhead('5');
    store().startAdvance();
    expect(store().moves).toBe(first + 1);
    expect(store().advance).toEqual(['5']);
    store().cancelAdvance();
    expect(store().nextHeld()).toBeUndefined();
  });

  it('says what is unsaved, for the question asked before leaving', () => {
    store().setUnsaved(true, 'postmortem');
    expect([store().unsaved, store().what]).toEqual([true, 'postmortem']);
    store().setUnsaved(false);
    store().setUnsaved(true);
    expect(store().what).toBe('codes');
    store().setUnsaved(false);
  });
});
