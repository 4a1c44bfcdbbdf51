import type { StudySet } from '../model/incident.ts';
import type { IncidentSummary } from '../model/incidentSummary.ts';
import type { SplitRecord, StratifyBy } from '../study/studySettings.ts';

export type { StudySet };
export const STUDY_SETS: readonly StudySet[] = ['taxonomy', 'validation', 'test'];

/** The paper's shares (§III-C): 40% taxonomy, 20% validation, 40% test. */
export const PAPER_SHARES: Record<StudySet, number> = { taxonomy: 0.4, validation: 0.2, test: 0.4 };

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

/** Code-unit order, the same on every machine and in every locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ids in a seeded random order. They are sorted first, so the same ids give the same order whatever order they
 * came in (an import order, a database's key order, another machine's).
 */
export function seededShuffle(ids: Iterable<string>, seed: number): string[] {
  const random = mulberry32(seed);
  const out = [...new Set(ids)].sort(byCodeUnits);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * How many of `n` incidents each set gets: each set its share rounded down, then the one or two left over given to
 * sets drawn (seeded) in proportion to what rounding took from them. Every set is within one incident of its exact
 * share, and no set is favoured across many small strata (plain rounding would send every stratum of one to test).
 */
export function allocateCounts(n: number, shares: Record<StudySet, number>, random: () => number): Record<StudySet, number> {
  const total = shares.taxonomy + shares.validation + shares.test;
  if (total <= 0) throw new Error('The shares of a split must add up to more than zero.');
  const exact = STUDY_SETS.map((set) => (n * shares[set]) / total);
  const counts = exact.map(Math.floor);
  const rest = exact.map((x, i) => x - counts[i]!);
  let left = n - counts.reduce((a, b) => a + b, 0);
  while (left > 0) {
    const weight = rest.reduce((a, b) => a + b, 0);
    let pick = random() * weight;
    let chosen = rest.findIndex((r) => r > 0);
    for (let i = 0; i < rest.length; i++) {
      if (rest[i]! <= 0) continue;
      if (pick < rest[i]!) {
        chosen = i;
        break;
      }
      pick -= rest[i]!;
    }
    counts[chosen]! += 1;
    rest[chosen] = 0;
    left -= 1;
  }
  return { taxonomy: counts[0]!, validation: counts[1]!, test: counts[2]! };
}

/** The stratum an incident is drawn in: its first service, or its severity ("unknown" when it has none). */
export function stratumOf(summary: Pick<IncidentSummary, 'services' | 'severity'>, by: StratifyBy): string {
  return by === 'service' ? (summary.services[0] ?? 'unknown') : (summary.severity ?? 'unknown');
}

export interface SplitOptions {
  shares?: Record<StudySet, number>;
  /** Each incident's stratum, when the split is stratified; every stratum is split in the shares on its own. */
  strata?: { by: StratifyBy; of: ReadonlyMap<string, string> };
  cohort?: SplitRecord['cohort'];
}

/**
 * A seeded split into taxonomy, validation and test sets (40/20/40 by default, paper §III-C), optionally within
 * strata, with the record the study keeps of it. Pure: the same ids (in any order), seed and strata give the same
 * split on any machine.
 */
export function planSplit(ids: Iterable<string>, seed: number, now: Date, options: SplitOptions = {}): { sets: Map<string, StudySet>; record: SplitRecord } {
  const shares = options.shares ?? PAPER_SHARES;
  const order = seededShuffle(ids, seed);
  const groups = new Map<string, string[]>();
  for (const id of order) {
    const stratum = options.strata ? (options.strata.of.get(id) ?? 'unknown') : '';
    let group = groups.get(stratum);
    if (!group) groups.set(stratum, (group = []));
    group.push(id);
  }
  const random = mulberry32(seed ^ 0x5bd1e995);
  const sets = new Map<string, StudySet>();
  for (const stratum of [...groups.keys()].sort(byCodeUnits)) {
    const members = groups.get(stratum)!;
    const counts = allocateCounts(members.length, shares, random);
    members.forEach((id, i) => sets.set(id, i < counts.taxonomy ? 'taxonomy' : i < counts.taxonomy + counts.validation ? 'validation' : 'test'));
  }
  const counts: Record<StudySet, number> = { taxonomy: 0, validation: 0, test: 0 };
  for (const set of sets.values()) counts[set] += 1;
  const record: SplitRecord = {
    seed,
    method: options.strata ? 'stratified' : 'shuffle',
    shares: { ...shares },
    incidents: order.length,
    counts,
    splitAt: now.toISOString(),
  };
  if (options.strata) record.stratifyBy = options.strata.by;
  if (options.cohort) record.cohort = options.cohort;
  return { sets, record };
}

/**
 * The incidents a new split would move out of the set they are in now (into another set, or out of every set), among
 * those that carry codes. An incident in no set yet is not moved by being given one: a first split asks nothing.
 */
export function codedIncidentsMoved(current: ReadonlyMap<string, StudySet | null>, planned: ReadonlyMap<string, StudySet>, coded: ReadonlySet<string>): string[] {
  const moved: string[] = [];
  for (const id of coded) {
    const before = current.get(id) ?? null;
    const after = planned.get(id) ?? null;
    if (before !== null && before !== after) moved.push(id);
  }
  return moved.sort(byCodeUnits);
}

/**
 * The split method recorded as "random" (before cohorts and strata): a seeded shuffle of the incidents in list order
 * (creation time, then id) with the shares rounded. Kept unchanged so a split recorded with it can be reproduced.
 */
export function listOrderSplit(idsInListOrder: readonly string[], seed: number, shares: Record<StudySet, number> = PAPER_SHARES): Map<string, StudySet> {
  const random = mulberry32(seed);
  const shuffled = [...idsInListOrder];
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
