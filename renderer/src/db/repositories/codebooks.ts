import { dimensionsOf, flattenCodes, type Codebook } from '../../../../shared/codebook/codebook.ts';
import { planCodebookChange, type CodebookEdit } from '../../../../shared/codebook/codebookEdits.ts';
import { currentProposals, decideProposal, type Proposal } from '../../../../shared/codebook/proposals.ts';
import { currentResolutions, headRevisions, slotKey } from '../../../../shared/coding/labelHistory.ts';
import { migrationDecisions, migrationRevisions, previewLabelMigration, revertMigration, type MigrationPreview } from '../../../../shared/coding/labelMigration.ts';
import type { LabelRevision, Resolution } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { appendRevisions } from './labels.ts';

/** The codebook version the study codes under now (its settings say which); undefined before the study is set up. */
export async function readActiveCodebook(db: WorkbenchDatabase): Promise<Codebook | undefined> {
  const settings = await db.settings.get('study');
  return settings ? db.codebookVersions.get([settings.codebook.id, settings.codebook.version]) : undefined;
}

/** Every stored version of the study's codebook, oldest first: with each version's change, its change log. */
export async function listCodebookVersions(db: WorkbenchDatabase): Promise<Codebook[]> {
  const settings = await db.settings.get('study');
  if (!settings) return [];
  const versions = await db.codebookVersions.where('[id+version]').between([settings.codebook.id, 0], [settings.codebook.id, Infinity]).toArray();
  return versions.sort((a, b) => a.version - b.version);
}

const newId = () => crypto.randomUUID();

export interface ChangePreview extends MigrationPreview {
  next: Codebook;
  /** Current decisions whose codes the change carries over. */
  decisions: number;
}

/** What a codebook change would do, before it is made: the next version, and every label and decision it moves. */
export async function previewCodebookChange(db: WorkbenchDatabase, edit: CodebookEdit, meta: { by: string; reason: string; proposalId?: string | null }, now: Date): Promise<ChangePreview> {
  return db.transaction('r', [db.settings, db.codebookVersions, db.currentLabels, db.decisions], async () => {
    const codebook = await readActiveCodebook(db);
    if (!codebook) throw new Error('The study has no codebook yet.');
    const { next, mapping } = planCodebookChange(codebook, edit, { at: now.toISOString(), by: meta.by, reason: meta.reason, proposalId: meta.proposalId ?? null });
    const labels = mapping ? await db.currentLabels.filter((l) => l.dimension === mapping.dimension).toArray() : [];
    const preview = previewLabelMigration(labels, mapping);
    const decisions = migrationDecisions(currentResolutions(await db.decisions.toArray()).values(), mapping, new Map(), next.version, () => 'preview', now).length;
    return { ...preview, next, decisions };
  });
}

/**
 * Makes a codebook change: the next version is stored and becomes the one coded under, every label it moves gets a
 * new revision (exactly those previewed, computed again inside this transaction), every decision on moved codes is
 * carried over, and an accepted proposal is marked so. All or nothing.
 */
export async function applyCodebookChange(
  db: WorkbenchDatabase,
  edit: CodebookEdit,
  meta: { by: string; reason: string; proposal?: Proposal | null; /** How many labels the preview said would move: a different count now refuses the change. */ expectedMoves?: number },
  now: Date,
): Promise<{ version: number; labelsMoved: number; decisionsMoved: number }> {
  if (!meta.by.trim()) throw new Error('A codebook change needs the name of who made it.');
  return db.transaction('rw', [db.settings, db.codebookVersions, db.currentLabels, db.labelRevisions, db.labelColumns, db.labelTallies, db.decisions, db.proposals], async () => {
    const codebook = await readActiveCodebook(db);
    if (!codebook) throw new Error('The study has no codebook yet.');
    const latest = (await listCodebookVersions(db)).at(-1);
    if (latest && latest.version !== codebook.version) throw new Error(`The study codes under version ${codebook.version}, but version ${latest.version} exists: changes are made to the latest version.`);
    const { next, mapping } = planCodebookChange(codebook, edit, { at: now.toISOString(), by: meta.by.trim(), reason: meta.reason.trim(), proposalId: meta.proposal?.proposalId ?? null });
    const labels = mapping ? await db.currentLabels.filter((l) => l.dimension === mapping.dimension).toArray() : [];
    const { moves } = previewLabelMigration(labels, mapping);
    if (meta.expectedMoves !== undefined && moves.length !== meta.expectedMoves) {
      throw new Error(`Labels changed since the preview: ${moves.length} would move now, not ${meta.expectedMoves}. Preview again.`);
    }
    if (meta.proposal) await requireOpenProposal(db, meta.proposal);
    const revisions = migrationRevisions(moves, next, newId, now);
    await appendRevisions(db, revisions);
    const newRevisionOfSlot = new Map(revisions.map((r) => [slotKey(r), r.id]));
    const decisions = migrationDecisions(currentResolutions(await db.decisions.toArray()).values(), mapping, newRevisionOfSlot, next.version, newId, now);
    await db.decisions.bulkAdd(decisions);
    next.change!.labelsMoved = revisions.length;
    await db.codebookVersions.add(next);
    await db.settings.update('study', { codebook: { id: next.id, version: next.version } });
    if (meta.proposal) await db.proposals.add(decideProposal(meta.proposal, { status: 'accepted', by: meta.by, note: meta.reason, codebookVersion: next.version }, newId(), now));
    return { version: next.version, labelsMoved: revisions.length, decisionsMoved: decisions.length };
  });
}

/** Refuses to act on a proposal the lead has decided on already (another window, a second click). */
export async function requireOpenProposal(db: WorkbenchDatabase, proposal: Proposal): Promise<void> {
  const stored = currentProposals(await db.proposals.filter((p) => p.proposalId === proposal.proposalId).toArray())[0];
  if (stored && stored.status !== 'open') throw new Error(`The proposal was ${stored.status} already (by ${stored.decidedBy}).`);
}

export interface UndoResult {
  version: number;
  labelsRestored: number;
  /** Labels the change moved that their coder has changed since: left as they are. */
  keptChanged: number;
  /** Current labels on codes the restored version does not have (given under the undone one): they stay until recoded. */
  leftOutside: number;
  /** Proposals the undone version had accepted, open again. */
  proposalsReopened: number;
}

/**
 * Undoes the latest codebook change as a new version: the codebook as it was before it, and every label and decision
 * the change moved (and nobody has changed since) back where it was; proposals it accepted are open again. Undoing an
 * undo makes the change again.
 */
export async function undoLastCodebookChange(db: WorkbenchDatabase, by: string, now: Date): Promise<UndoResult> {
  if (!by.trim()) throw new Error('Undoing a codebook change needs the name of who undid it.');
  return db.transaction('rw', [db.settings, db.codebookVersions, db.currentLabels, db.labelRevisions, db.labelColumns, db.labelTallies, db.decisions, db.proposals], async () => {
    const versions = await listCodebookVersions(db);
    const latest = versions.at(-1);
    const before = versions.at(-2);
    if (!latest || !before) throw new Error('The codebook has no change to undo.');
    const active = await readActiveCodebook(db);
    if (active?.version !== latest.version) throw new Error(`The study codes under version ${active?.version}, not the latest (${latest.version}): only the latest change can be undone.`);
    const undoing = latest.version;
    const next: Codebook = {
      ...structuredClone(before),
      version: undoing + 1,
      change: { edit: { kind: 'revert', undoing }, at: now.toISOString(), by: by.trim(), reason: `Undo of version ${undoing}`, labelsMoved: 0, proposalId: null },
    };
    const migrated = await db.labelRevisions.where('migratedTo').equals(undoing).toArray();
    // Every revision of the slots the change touched, to find each slot's head and the revision before the move.
    const slots = new Map<string, LabelRevision[]>();
    for (const r of migrated) {
      if (slots.has(slotKey(r))) continue;
      slots.set(slotKey(r), await db.labelRevisions.where('[incidentId+annotatorId+dimension+round]').equals([r.incidentId, r.annotatorId, r.dimension, r.round]).toArray());
    }
    const all = [...slots.values()].flat();
    // The decisions the change carried over, every decision on the same disagreements (to tell whether each is still
    // the current one), and the ones they replaced.
    const carried = await db.decisions.where('migratedTo').equals(undoing).toArray();
    const related = new Map<string, Resolution>();
    for (const d of carried) {
      for (const other of await db.decisions.where('[round+incidentId]').equals([d.round, d.incidentId]).toArray()) related.set(other.id, other);
    }
    const decisions = [...related.values()];
    const plan = revertMigration(
      { heads: headRevisions(all), revisionsById: new Map(all.map((r) => [r.id, r])), decisions: currentResolutions(decisions).values(), decisionsById: new Map(decisions.map((d) => [d.id, d])) },
      undoing,
      next.version,
      newId,
      now,
    );
    await appendRevisions(db, plan.revisions);
    await db.decisions.bulkAdd(plan.decisions);
    next.change!.labelsMoved = plan.revisions.length;
    await db.codebookVersions.add(next);
    await db.settings.update('study', { codebook: { id: next.id, version: next.version } });
    const reopened = currentProposals(await db.proposals.toArray())
      .filter((p) => p.status === 'accepted' && p.codebookVersion === undoing)
      .map((p): Proposal => ({ ...p, id: newId(), status: 'open', decidedBy: by.trim(), decidedAt: now.toISOString(), decisionNote: `Open again: the change of version ${undoing} that accepted it was undone`, codebookVersion: null, previousId: p.id }));
    await db.proposals.bulkAdd(reopened);
    const leftOutside = await countLabelsOutside(db, next);
    return { version: next.version, labelsRestored: plan.revisions.length, keptChanged: plan.keptChanged, leftOutside, proposalsReopened: reopened.length };
  });
}

/**
 * Starts the study's codebook again from another one (a template, a list of categories, an imported file), as the
 * next version of the study's codebook, so every label keeps the version it was given under.
 */
export async function replaceCodebook(db: WorkbenchDatabase, codebook: Codebook, meta: { by: string; from: 'template' | 'list' | 'file' }, now: Date): Promise<number> {
  return db.transaction('rw', [db.settings, db.codebookVersions], async () => {
    const latest = (await listCodebookVersions(db)).at(-1);
    const settings = await db.settings.get('study');
    if (!settings) throw new Error('The study is not set up.');
    const next: Codebook = {
      ...structuredClone(codebook),
      id: settings.codebook.id,
      version: (latest?.version ?? 0) + 1,
      change: { edit: { kind: 'created', from: meta.from }, at: now.toISOString(), by: meta.by, reason: `Started from ${codebook.name}`, labelsMoved: 0, proposalId: null },
    };
    await db.codebookVersions.add(next);
    await db.settings.update('study', { codebook: { id: next.id, version: next.version } });
    return next.version;
  });
}

/** How many current labels (any round) carry a code a codebook does not offer: what replacing the codebook leaves behind. */
export async function countLabelsOutside(db: WorkbenchDatabase, codebook: Codebook): Promise<number> {
  const offered = new Map(dimensionsOf(codebook).map(({ id }) => [id, new Set(flattenCodes(codebook, id).map((c) => c.path))]));
  let outside = 0;
  await db.currentLabels.each((l) => {
    if (!offered.get(l.dimension)?.has(l.code)) outside += 1;
  });
  return outside;
}
