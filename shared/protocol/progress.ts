import type { StudySet } from '../model/incident.ts';

/**
 * Coding progress (convention 14: the screens render it, shared/ computes it): how many incidents of each study set
 * a coder has coded in a round, in every dimension (coded) or in some (started).
 */
export interface SetProgress {
  /** null: incidents in no set (not split, or outside the split cohort). */
  set: StudySet | null;
  incidents: number;
  coded: number;
  started: number;
}

/** How many of the given dimensions each incident has a code in. */
export function dimensionsCoded(labels: Iterable<{ incidentId: string; dimension: string }>, dimensions: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of labels) if (dimensions.has(l.dimension)) out.set(l.incidentId, (out.get(l.incidentId) ?? 0) + 1);
  return out;
}

const SET_ORDER: ReadonlyArray<StudySet | null> = ['taxonomy', 'validation', 'test', null];

/** Progress per study set (sets with no incidents left out), in the study's order. */
export function progressBySet(incidents: Iterable<{ id: string; studySet: StudySet | null }>, coded: ReadonlyMap<string, number>, dimensionCount: number): SetProgress[] {
  const bySet = new Map<StudySet | null, SetProgress>();
  for (const i of incidents) {
    let p = bySet.get(i.studySet);
    if (!p) bySet.set(i.studySet, (p = { set: i.studySet, incidents: 0, coded: 0, started: 0 }));
    p.incidents += 1;
    const n = coded.get(i.id) ?? 0;
    if (n >= dimensionCount && dimensionCount > 0) p.coded += 1;
    else if (n > 0) p.started += 1;
  }
  return SET_ORDER.flatMap((s) => (bySet.has(s) ? [bySet.get(s)!] : []));
}

/** The progress of what is assigned: the given sets (null: every incident). */
export function assignedProgress(bySet: readonly SetProgress[], sets: readonly StudySet[] | null): Omit<SetProgress, 'set'> {
  const out = { incidents: 0, coded: 0, started: 0 };
  for (const p of bySet) {
    if (sets !== null && (p.set === null || !sets.includes(p.set))) continue;
    out.incidents += p.incidents;
    out.coded += p.coded;
    out.started += p.started;
  }
  return out;
}

/** "12 of 40 incidents coded (3 started)". */
export function describeProgress(p: Omit<SetProgress, 'set'>): string {
  return `${p.coded} of ${p.incidents} incident${p.incidents === 1 ? '' : 's'} coded${p.started ? ` (${p.started} started)` : ''}`;
}
