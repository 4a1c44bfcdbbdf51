import type { Dimension, Label, LabelRevision, Resolution } from '../model/labels.ts';
import { chainHeads } from './revisionChains.ts';

/**
 * Label history (convention 16): revisions are only ever appended; the current label of each incident, annotator,
 * dimension and round is derived from them. Undo, rounds, audit and merging two machines' work all rest on this.
 */

/** The slot a label fills: one annotator's code for one incident on one dimension in one round. */
export interface LabelSlot {
  incidentId: string;
  annotatorId: string;
  dimension: Dimension;
  round: number;
}

export const slotKey = (s: LabelSlot) => `${s.round}\u0000${s.annotatorId}\u0000${s.dimension}\u0000${s.incidentId}`;

/** Later first: by saved time, then by id, so two machines derive the same order. */
function isLater(a: LabelRevision, b: LabelRevision): boolean {
  return a.savedAt !== b.savedAt ? a.savedAt > b.savedAt : a.id > b.id;
}

/**
 * The head revision of every slot: the one no other revision of the slot replaced. Two heads (the same slot revised
 * on two machines, then merged) are settled by the later save, so every machine derives the same head.
 */
export function headRevisions(revisions: Iterable<LabelRevision>): Map<string, LabelRevision> {
  return chainHeads(revisions, slotKey, isLater);
}

export function toLabel(r: LabelRevision): Label {
  const label: Label = {
    incidentId: r.incidentId,
    annotatorId: r.annotatorId,
    dimension: r.dimension,
    round: r.round,
    code: r.code,
    rationale: r.rationale,
    codebookId: r.codebookId,
    codebookVersion: r.codebookVersion,
    savedAt: r.savedAt,
    revisionId: r.id,
  };
  if (r.secondaryCodes?.length) label.secondaryCodes = r.secondaryCodes;
  return label;
}

/**
 * The secondary codes of a change as stored: in the order given, without blanks, repeats or the primary code itself,
 * and none at all without a primary code (a cleared slot has no codes).
 */
export function cleanSecondaryCodes(primary: string, secondary: readonly string[] | undefined): string[] {
  if (primary === '' || !secondary) return [];
  const out: string[] = [];
  for (const code of secondary) if (code !== '' && code !== primary && !out.includes(code)) out.push(code);
  return out;
}

const sameCodes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** Current labels: the head of every slot whose code was not cleared. */
export function currentLabels(revisions: Iterable<LabelRevision>): Label[] {
  const out: Label[] = [];
  for (const head of headRevisions(revisions).values()) if (head.code !== '') out.push(toLabel(head));
  return out;
}

export interface LabelChange {
  code: string;
  /** Further codes after the primary one, in order (optional; none when absent). */
  secondaryCodes?: readonly string[];
  rationale: string;
  codebookId: string;
  codebookVersion: number;
}

/**
 * The revision that records a change to a slot, or null when nothing changed (saving the same code twice adds no
 * history). Clearing a code is a revision with code ''. `newId` and `now` are passed in, so this stays pure.
 */
export function reviseLabel(slot: LabelSlot, head: LabelRevision | undefined, change: LabelChange, newId: string, now: Date): LabelRevision | null {
  const rationale = change.rationale.trim();
  const code = change.code;
  const secondaryCodes = cleanSecondaryCodes(code, change.secondaryCodes);
  // Clearing a cleared slot is no change, whatever rationale is left in the form.
  if (code === '' && (!head || head.code === '')) return null;
  if (head && head.code === code && sameCodes(head.secondaryCodes ?? [], secondaryCodes) && head.rationale === rationale && head.codebookVersion === change.codebookVersion) return null;
  const revision: LabelRevision = {
    id: newId,
    incidentId: slot.incidentId,
    annotatorId: slot.annotatorId,
    dimension: slot.dimension,
    round: slot.round,
    code,
    rationale: code === '' ? '' : rationale,
    codebookId: change.codebookId,
    codebookVersion: change.codebookVersion,
    savedAt: now.toISOString(),
    previousId: head?.id ?? null,
  };
  if (secondaryCodes.length) revision.secondaryCodes = secondaryCodes;
  return revision;
}

/**
 * Undo of a slot's last change, as a new revision that restores the state before it (the code, its rationale and
 * its codebook version), or clears the slot when the head was its first revision. Undoing an undo redoes.
 * `history` is the slot's revisions; null when the slot has none.
 */
export function undoRevision(history: readonly LabelRevision[], newId: string, now: Date): LabelRevision | null {
  const head = headRevisions(history).values().next().value as LabelRevision | undefined;
  if (!head) return null;
  const before = head.previousId === null ? undefined : history.find((r) => r.id === head.previousId);
  const rest: LabelRevision = { ...head };
  delete rest.secondaryCodes;
  return {
    ...rest,
    ...(before?.secondaryCodes?.length ? { secondaryCodes: before.secondaryCodes } : {}),
    id: newId,
    code: before?.code ?? '',
    rationale: before?.rationale ?? '',
    codebookId: before?.codebookId ?? head.codebookId,
    codebookVersion: before?.codebookVersion ?? head.codebookVersion,
    savedAt: now.toISOString(),
    previousId: head.id,
  };
}

/** One disagreement's place: the incident, dimension and round, and the two coders (in either order). */
export const decisionKey = (r: Pick<Resolution, 'incidentId' | 'dimension' | 'round' | 'coderA' | 'coderB'>) => {
  const [x, y] = r.coderA < r.coderB ? [r.coderA, r.coderB] : [r.coderB, r.coderA];
  return `${r.round}\u0000${r.dimension}\u0000${r.incidentId}\u0000${x}\u0000${y}`;
};

/** The lead's current decision on each disagreement: the latest decision made on it. */
export function currentResolutions(resolutions: Iterable<Resolution>): Map<string, Resolution> {
  return chainHeads(resolutions, decisionKey, (a, b) => (a.resolvedAt !== b.resolvedAt ? a.resolvedAt > b.resolvedAt : a.id > b.id));
}

/**
 * The code a resolution gives the disagreement of `coderA` (code `codeA`) and `coderB` (`codeB`), or null when it
 * does not apply any more: a coder changed a label after it, so the lead decided between other codes (stale).
 */
export function resolvedCode(resolution: Resolution | undefined, coderA: string, codeA: string, codeB: string): string | null {
  if (!resolution) return null;
  const [ra, rb] = resolution.coderA === coderA ? [resolution.codeA, resolution.codeB] : [resolution.codeB, resolution.codeA];
  return ra === codeA && rb === codeB ? resolution.code : null;
}

/**
 * The labels as they stood under one codebook version: for each slot, walking back from its head, the first revision
 * given under that version or an earlier one (a later migration, or codes given under a later version, are not
 * seen). What agreement "under version v" is computed from.
 */
export function labelsAsOfVersion(revisions: Iterable<LabelRevision>, version: number): Label[] {
  const all = [...revisions];
  const byId = new Map(all.map((r) => [r.id, r]));
  const out: Label[] = [];
  for (const head of headRevisions(all).values()) {
    let at: LabelRevision | undefined = head;
    const visited = new Set<string>();
    while (at && at.codebookVersion > version && !visited.has(at.id)) {
      visited.add(at.id);
      at = at.previousId === null ? undefined : byId.get(at.previousId);
    }
    if (at && at.codebookVersion <= version && at.code !== '') out.push(toLabel(at));
  }
  return out;
}
