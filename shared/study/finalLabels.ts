import { currentResolutions, decisionKey, resolvedCode } from '../coding/labelHistory.ts';
import { orderDimensions, type Dimension, type Resolution } from '../model/labels.ts';
import type { CodedLabel } from '../coding/labelColumns.ts';

/** Two coders' current codes for one incident on one dimension in one round, with the revisions they come from. */
export interface CodedPair {
  incidentId: string;
  dimension: Dimension;
  round: number;
  codeA: string | null;
  codeB: string | null;
  revisionA: string | null;
  revisionB: string | null;
}

/** A label as pairing needs it: its code, and the revision it comes from where known. */
export type PairableLabel = CodedLabel & { revisionId?: string };

/** Pairs every incident that either coder labelled on the dimension in the round, in the order given (null: as the labels come). */
export function pairLabels(labels: readonly PairableLabel[], annotatorA: string, annotatorB: string, dimension: Dimension, incidentOrder: readonly string[] | null, round: number): CodedPair[] {
  const a = new Map<string, PairableLabel>();
  const b = new Map<string, PairableLabel>();
  for (const l of labels) {
    if (l.dimension !== dimension || l.round !== round) continue;
    if (l.annotatorId === annotatorA) a.set(l.incidentId, l);
    else if (l.annotatorId === annotatorB) b.set(l.incidentId, l);
  }
  const out: CodedPair[] = [];
  for (const incidentId of incidentOrder ?? new Set([...a.keys(), ...b.keys()])) {
    const la = a.get(incidentId);
    const lb = b.get(incidentId);
    if (la || lb) out.push({ incidentId, dimension, round, codeA: la?.code ?? null, codeB: lb?.code ?? null, revisionA: la?.revisionId ?? null, revisionB: lb?.revisionId ?? null });
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

/** The lead's current decision on a disagreement of coders A and B, whether or not it still applies. */
export function decisionFor(decisions: ReadonlyMap<string, Resolution>, p: CodedPair, coderA: string, coderB: string): Resolution | undefined {
  return decisions.get(decisionKey({ incidentId: p.incidentId, dimension: p.dimension, round: p.round, coderA, coderB }));
}

/** The decision that settles a disagreement now: the current one, unless a coder changed a code after it (stale). */
export function liveDecisionFor(decisions: ReadonlyMap<string, Resolution>, p: CodedPair, coderA: string, coderB: string): Resolution | undefined {
  const d = decisionFor(decisions, p, coderA, coderB);
  return d && p.codeA !== null && p.codeB !== null && resolvedCode(d, coderA, p.codeA, p.codeB) !== null ? d : undefined;
}

/**
 * Final labels = the codes both coders agreed on + the lead's decisions on the codes they did not. A disagreement
 * not yet decided has no final label; neither has one whose decision is stale.
 */
export function computeFinalLabels(pairs: readonly CodedPair[], resolutions: readonly Resolution[], coderA: string, coderB: string): FinalLabel[] {
  const decisions = currentResolutions(resolutions);
  const out: FinalLabel[] = [];
  for (const p of pairs) {
    if (p.codeA === null || p.codeB === null) continue;
    if (p.codeA === p.codeB) {
      out.push({ incidentId: p.incidentId, dimension: p.dimension, code: p.codeA, origin: 'agreed' });
      continue;
    }
    const code = resolvedCode(decisionFor(decisions, p, coderA, coderB), coderA, p.codeA, p.codeB);
    if (code !== null) out.push({ incidentId: p.incidentId, dimension: p.dimension, code, origin: 'resolved' });
  }
  return out;
}

export interface StudyOutcome {
  round: number;
  /** Every disagreement, dimension by dimension, in incident order. */
  disagreements: CodedPair[];
  /** How many disagreements have a decision that still applies. */
  resolvedCount: number;
  finalLabels: FinalLabel[];
}

/** Pairs, disagreements and final labels of two coders in one round, over every dimension they coded (the paper's three first). */
export function computeStudyOutcome(
  labels: readonly PairableLabel[],
  resolutions: readonly Resolution[],
  coderA: string,
  coderB: string,
  incidentOrder: readonly string[] | null,
  round: number,
): StudyOutcome {
  const dimensions: Dimension[] = orderDimensions(labels.map((l) => l.dimension));
  const all = dimensions.flatMap((d) => pairLabels(labels, coderA, coderB, d, incidentOrder, round));
  const finalLabels = computeFinalLabels(all, resolutions, coderA, coderB);
  const disagreements = findDisagreements(all);
  return { round, disagreements, resolvedCount: finalLabels.filter((f) => f.origin === 'resolved').length, finalLabels };
}
