import { DIMENSIONS, type Dimension, type Label, type Resolution } from '../model/labels.ts';

/** Two coders' codes for one incident on one dimension. */
export interface CodedPair {
  incidentId: string;
  dimension: Dimension;
  codeA: string | null;
  codeB: string | null;
}

const key = (incidentId: string, dimension: Dimension) => `${dimension}\u0000${incidentId}`;

/** Pairs every incident that either coder labelled on the dimension, in the order given. */
export function pairLabels(labels: readonly Label[], annotatorA: string, annotatorB: string, dimension: Dimension, incidentOrder: readonly string[]): CodedPair[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  for (const l of labels) {
    if (l.dimension !== dimension) continue;
    if (l.annotatorId === annotatorA) a.set(l.incidentId, l.code);
    else if (l.annotatorId === annotatorB) b.set(l.incidentId, l.code);
  }
  const out: CodedPair[] = [];
  for (const incidentId of incidentOrder) {
    const codeA = a.get(incidentId) ?? null;
    const codeB = b.get(incidentId) ?? null;
    if (codeA !== null || codeB !== null) out.push({ incidentId, dimension, codeA, codeB });
  }
  return out;
}

/** Items both coders coded, with different codes: what the lead must resolve. */
export function findDisagreements(pairs: readonly CodedPair[]): CodedPair[] {
  return pairs.filter((p) => p.codeA !== null && p.codeB !== null && p.codeA !== p.codeB);
}

export interface FinalLabel {
  incidentId: string;
  dimension: Dimension;
  code: string;
  origin: 'agreed' | 'resolved';
}

/**
 * Final labels = the codes both coders agreed on + the lead's resolutions of the codes they did not.
 * A disagreement not yet resolved has no final label. A resolution whose two codes no longer match
 * the current labels (a coder changed a label after it) is stale and not used.
 */
export function computeFinalLabels(pairs: readonly CodedPair[], resolutions: readonly Resolution[]): FinalLabel[] {
  const resolved = new Map(resolutions.map((r) => [key(r.incidentId, r.dimension), r]));
  const out: FinalLabel[] = [];
  for (const p of pairs) {
    if (p.codeA === null || p.codeB === null) continue;
    if (p.codeA === p.codeB) {
      out.push({ incidentId: p.incidentId, dimension: p.dimension, code: p.codeA, origin: 'agreed' });
      continue;
    }
    const r = resolved.get(key(p.incidentId, p.dimension));
    if (r && r.codeA === p.codeA && r.codeB === p.codeB) {
      out.push({ incidentId: p.incidentId, dimension: p.dimension, code: r.code, origin: 'resolved' });
    }
  }
  return out;
}

export interface StudyOutcome {
  pairs: Record<Dimension, CodedPair[]>;
  /** Every disagreement, dimension by dimension, in incident order. */
  disagreements: CodedPair[];
  finalLabels: FinalLabel[];
}

/** Pairs, disagreements and final labels of two coders over all three dimensions. */
export function computeStudyOutcome(
  labels: readonly Label[],
  resolutions: readonly Resolution[],
  coderA: string,
  coderB: string,
  incidentOrder: readonly string[],
): StudyOutcome {
  const pairs = Object.fromEntries(DIMENSIONS.map((d) => [d, pairLabels(labels, coderA, coderB, d, incidentOrder)])) as Record<Dimension, CodedPair[]>;
  const all = DIMENSIONS.flatMap((d) => pairs[d]);
  return { pairs, disagreements: findDisagreements(all), finalLabels: computeFinalLabels(all, resolutions) };
}
