import { currentResolutions } from '../coding/labelHistory.ts';
import type { Resolution } from '../model/labels.ts';
import { decisionFor, liveDecisionFor, type CodedPair, type StudyOutcome } from './finalLabels.ts';

/**
 * The lead's queue of disagreements between two coders in one round (convention 14: the screen renders this).
 * A disagreement is open, resolved, or stale: decided once, but a coder changed a code since, so it is open again
 * and the earlier decision is shown for reference.
 */
export interface QueueItem {
  key: string;
  pair: CodedPair;
  state: 'open' | 'resolved' | 'stale';
  /** The current decision on it, if any (stale or not). */
  decision: Resolution | undefined;
}

export const queueKey = (p: Pick<CodedPair, 'dimension' | 'incidentId' | 'round'>) => `${p.round}:${p.dimension}:${p.incidentId}`;

export function buildResolutionQueue(outcome: StudyOutcome, resolutions: readonly Resolution[], coderA: string, coderB: string): { items: QueueItem[]; open: number } {
  const decisions = currentResolutions(resolutions);
  const items = outcome.disagreements.map((pair): QueueItem => {
    const decision = decisionFor(decisions, pair, coderA, coderB);
    const live = liveDecisionFor(decisions, pair, coderA, coderB);
    return { key: queueKey(pair), pair, decision, state: live ? 'resolved' : decision ? 'stale' : 'open' };
  });
  return { items, open: items.filter((i) => i.state !== 'resolved').length };
}

/** The next item still to decide after `key`, wrapping round; null when none is left. */
export function nextOpenItem(items: readonly QueueItem[], key: string): QueueItem | null {
  const at = items.findIndex((i) => i.key === key);
  return [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))].find((i) => i.state !== 'resolved') ?? null;
}

/**
 * The choice a decision shows when the lead compares coderA with another coder: a decision made with the two coders
 * the other way round names them the other way round.
 */
export function choiceSeenBy(decision: Pick<Resolution, 'choice' | 'coderA'>, coderA: string): Resolution['choice'] {
  if (decision.choice === 'other' || decision.coderA === coderA) return decision.choice;
  return decision.choice === 'A' ? 'B' : 'A';
}

/** The code a choice stands for: A's code, B's code, or the other code picked (empty until one is). */
export function codeOfChoice(choice: Resolution['choice'], pair: Pick<CodedPair, 'codeA' | 'codeB'>, other: string): string {
  return choice === 'A' ? (pair.codeA ?? '') : choice === 'B' ? (pair.codeB ?? '') : other;
}
