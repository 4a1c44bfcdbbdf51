import type { LabelMapping } from '../codebook/codebookEdits.ts';
import type { Label, LabelRevision, Resolution } from '../model/labels.ts';
import { slotKey } from './labelHistory.ts';

/**
 * Carrying labels over a codebook change (rename, merge, split, retire). A migration never edits a label: each label
 * whose code changes gets a new revision marked with the version that moved it, so the lead sees the moves before
 * they happen, and undoing the change is one more set of revisions.
 */

export interface LabelMove {
  label: Label;
  to: string;
}

export interface MigrationPreview {
  moves: LabelMove[];
  /** Labels that change, per annotator id. */
  byAnnotator: Map<string, number>;
  /** Labels that change, per "from → to". */
  byCodes: Map<string, number>;
}

/** Which current labels (any round) a mapping changes, and how many per annotator and per code. */
export function previewLabelMigration(labels: Iterable<Label>, mapping: LabelMapping | null): MigrationPreview {
  const moves: LabelMove[] = [];
  const byAnnotator = new Map<string, number>();
  const byCodes = new Map<string, number>();
  if (!mapping) return { moves, byAnnotator, byCodes };
  for (const label of labels) {
    if (label.dimension !== mapping.dimension) continue;
    const to = mapping.translate(label.code, label.incidentId);
    if (to === label.code) continue;
    moves.push({ label, to });
    byAnnotator.set(label.annotatorId, (byAnnotator.get(label.annotatorId) ?? 0) + 1);
    const key = `${label.code} → ${to}`;
    byCodes.set(key, (byCodes.get(key) ?? 0) + 1);
  }
  return { moves, byAnnotator, byCodes };
}

/** The revisions that carry the previewed labels to the new codebook version (rationale kept). */
export function migrationRevisions(moves: readonly LabelMove[], codebook: { id: string; version: number }, newId: () => string, now: Date): LabelRevision[] {
  return moves.map(({ label, to }) => ({
    id: newId(),
    incidentId: label.incidentId,
    annotatorId: label.annotatorId,
    dimension: label.dimension,
    round: label.round,
    code: to,
    rationale: label.rationale,
    codebookId: codebook.id,
    codebookVersion: codebook.version,
    savedAt: now.toISOString(),
    previousId: label.revisionId,
    migratedTo: codebook.version,
  }));
}

/**
 * Decisions follow their labels: each current decision whose codes the mapping changes is replaced by one with the
 * codes carried over and the two label revisions it now decides between, so a migration leaves no decision stale.
 */
export function migrationDecisions(
  decisions: Iterable<Resolution>,
  mapping: LabelMapping | null,
  newRevisionOfSlot: ReadonlyMap<string, string>,
  version: number,
  newId: () => string,
  now: Date,
): Resolution[] {
  if (!mapping) return [];
  const out: Resolution[] = [];
  for (const d of decisions) {
    if (d.dimension !== mapping.dimension) continue;
    const codeA = mapping.translate(d.codeA, d.incidentId);
    const codeB = mapping.translate(d.codeB, d.incidentId);
    const code = mapping.translate(d.code, d.incidentId);
    if (codeA === d.codeA && codeB === d.codeB && code === d.code) continue;
    const revisionOf = (coder: string, fallback: string) => newRevisionOfSlot.get(slotKey({ round: d.round, annotatorId: coder, dimension: d.dimension, incidentId: d.incidentId })) ?? fallback;
    out.push({
      ...d,
      id: newId(),
      codeA,
      codeB,
      code,
      revisionA: revisionOf(d.coderA, d.revisionA),
      revisionB: revisionOf(d.coderB, d.revisionB),
      resolvedAt: now.toISOString(),
      previousId: d.id,
      migratedTo: version,
    });
  }
  return out;
}

export interface RevertPlan {
  revisions: LabelRevision[];
  decisions: Resolution[];
  /** Labels the migration moved that their coder has changed since: left as the coder left them. */
  keptChanged: number;
}

/**
 * Undoing the migration that made version `undoing`: each label it moved that is still as it left it goes back to
 * the code it had before, and each decision it carried over goes back too, as revisions marked with `version`
 * (the version the undo makes).
 */
export function revertMigration(
  input: {
    /** Current head revision of every slot the migration touched, by slot key. */
    heads: ReadonlyMap<string, LabelRevision>;
    /** Revisions by id: the ones the migration wrote and those they replaced. */
    revisionsById: ReadonlyMap<string, LabelRevision>;
    /** Current decisions (heads), and decisions by id. */
    decisions: Iterable<Resolution>;
    decisionsById: ReadonlyMap<string, Resolution>;
  },
  undoing: number,
  version: number,
  newId: () => string,
  now: Date,
): RevertPlan {
  const revisions: LabelRevision[] = [];
  const newRevisionOfSlot = new Map<string, string>();
  let keptChanged = 0;
  for (const [key, head] of input.heads) {
    if (head.migratedTo !== undoing) {
      keptChanged += 1;
      continue;
    }
    const before = head.previousId === null ? undefined : input.revisionsById.get(head.previousId);
    if (!before) continue;
    const revision: LabelRevision = {
      ...head,
      id: newId(),
      code: before.code,
      rationale: before.rationale,
      codebookId: before.codebookId,
      codebookVersion: version,
      savedAt: now.toISOString(),
      previousId: head.id,
      migratedTo: version,
    };
    revisions.push(revision);
    newRevisionOfSlot.set(key, revision.id);
  }
  const decisions: Resolution[] = [];
  for (const d of input.decisions) {
    if (d.migratedTo !== undoing || d.previousId === null) continue;
    const before = input.decisionsById.get(d.previousId);
    if (!before) continue;
    const revisionOf = (coder: string, fallback: string) => newRevisionOfSlot.get(slotKey({ round: d.round, annotatorId: coder, dimension: d.dimension, incidentId: d.incidentId })) ?? fallback;
    decisions.push({
      ...before,
      id: newId(),
      revisionA: revisionOf(before.coderA, before.revisionA),
      revisionB: revisionOf(before.coderB, before.revisionB),
      resolvedAt: now.toISOString(),
      previousId: d.id,
      migratedTo: version,
    });
  }
  return { revisions, decisions, keptChanged };
}
