import type { StudySet } from '../model/incident.ts';
import type { SplitRecord } from './studySettings.ts';

export type { StudySet };
export const STUDY_SETS: readonly StudySet[] = ['taxonomy', 'validation', 'test'];

/** A small seeded generator (mulberry32), so a split is reproduced exactly from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits incidents at random into the taxonomy, validation and test sets (40% / 20% / 40% by default, as in
 * the paper). Pure: the same ids in the same order and the same seed give the same split.
 */
/** The paper's shares (§III-C): 40% taxonomy, 20% validation, 40% test. */
export const PAPER_SHARES: Record<StudySet, number> = { taxonomy: 0.4, validation: 0.2, test: 0.4 };

/** A seeded split of incidents in list order, with the record the study keeps of it (seed, method, shares, when). */
export function planSplit(ids: readonly string[], seed: number, now: Date, shares: Record<StudySet, number> = PAPER_SHARES): { sets: Map<string, StudySet>; record: SplitRecord } {
  const sets = splitIntoStudySets(ids, seed, shares);
  const counts: Record<StudySet, number> = { taxonomy: 0, validation: 0, test: 0 };
  for (const set of sets.values()) counts[set] += 1;
  return { sets, record: { seed, method: 'random', shares: { ...shares }, incidents: ids.length, counts, splitAt: now.toISOString() } };
}

export function splitIntoStudySets(ids: readonly string[], seed: number, shares: Record<StudySet, number> = PAPER_SHARES): Map<string, StudySet> {
  const random = mulberry32(seed);
  const shuffled = [...ids];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const total = shares.taxonomy + shares.validation + shares.test;
  const nTaxonomy = Math.round((shuffled.length * shares.taxonomy) / total);
  const nValidation = Math.round((shuffled.length * shares.validation) / total);
  const out = new Map<string, StudySet>();
  shuffled.forEach((id, i) => out.set(id, i < nTaxonomy ? 'taxonomy' : i < nTaxonomy + nValidation ? 'validation' : 'test'));
  return out;
}
