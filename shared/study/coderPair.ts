import type { Person } from '../model/labels.ts';

/**
 * The two coders compared: the ones chosen, else the first two people of the study. Unless chosen, the pair is two
 * coders (annotators, sources) before any lead: leads resolve more than they code.
 */
export function pickPair(people: readonly Person[], coderA: string | null, coderB: string | null): { a: Person | null; b: Person | null } {
  const candidates = [...people.filter((x) => x.role !== 'lead'), ...people.filter((x) => x.role === 'lead')];
  const a = people.find((x) => x.id === coderA) ?? candidates[0] ?? null;
  const b = people.find((x) => x.id === coderB && x.id !== a?.id) ?? candidates.find((x) => x.id !== a?.id) ?? null;
  return { a, b };
}
