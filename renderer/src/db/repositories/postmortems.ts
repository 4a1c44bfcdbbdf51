import { draftHeads, draftHistory, restoreRevision, reviseDraft, studyActionItems, type ActionItem, type ActionItemRow, type DraftContent, type PostmortemRevision } from '../../../../shared/postmortem/draft.ts';
import { defaultTemplate, latestTemplates, type PostmortemTemplate } from '../../../../shared/postmortem/template.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/**
 * Postmortem drafts and templates of a study. A draft is saved as a new revision (never overwritten), in one
 * transaction with the read of its current head, so two saves in quick succession chain rather than fork.
 */

/** The latest version of each of the study's templates; the default one first (as built in until the study saves its own). */
export async function listPostmortemTemplates(db: WorkbenchDatabase): Promise<PostmortemTemplate[]> {
  const stored = latestTemplates(await db.postmortemTemplates.toArray());
  const defaults = stored.find((t) => t.id === 'default') ?? defaultTemplate();
  return [defaults, ...stored.filter((t) => t.id !== 'default')];
}

/** Every version of one template, newest first. */
export async function postmortemTemplateHistory(db: WorkbenchDatabase, id: string): Promise<PostmortemTemplate[]> {
  return (await db.postmortemTemplates.where('id').equals(id).toArray()).sort((a, b) => b.version - a.version);
}

/** Saves an edit of a template as its next version (the earlier ones stay); returns the version saved. */
export async function savePostmortemTemplate(db: WorkbenchDatabase, template: PostmortemTemplate, by: string, now: Date): Promise<PostmortemTemplate> {
  return db.transaction('rw', db.postmortemTemplates, async () => {
    const versions = await db.postmortemTemplates.where('id').equals(template.id).toArray();
    let version = 1;
    for (const t of versions) version = Math.max(version, t.version + 1);
    const saved: PostmortemTemplate = { ...template, version, savedBy: by, savedAt: now.toISOString() };
    await db.postmortemTemplates.add(saved);
    return saved;
  });
}

/** Saves the draft's content as its next revision; returns the current revision (the old head when nothing changed). */
export async function savePostmortemDraft(db: WorkbenchDatabase, incidentId: string, content: DraftContent, by: string, now: Date, newId: () => string = () => crypto.randomUUID()): Promise<PostmortemRevision> {
  return db.transaction('rw', db.postmortemRevisions, async () => {
    const head = draftHeads(await db.postmortemRevisions.where('incidentId').equals(incidentId).toArray()).get(incidentId);
    const next = reviseDraft(incidentId, head, content, by, newId(), now);
    if (next) await db.postmortemRevisions.add(next);
    return next ?? head!;
  });
}

/** One incident's revisions, newest first. */
export async function postmortemHistory(db: WorkbenchDatabase, incidentId: string): Promise<PostmortemRevision[]> {
  return draftHistory(await db.postmortemRevisions.where('incidentId').equals(incidentId).toArray(), incidentId);
}

/** Restores an earlier revision as a new one on top of the current head. */
export async function restorePostmortemRevision(db: WorkbenchDatabase, incidentId: string, revisionId: string, by: string, now: Date, newId: () => string = () => crypto.randomUUID()): Promise<PostmortemRevision> {
  return db.transaction('rw', db.postmortemRevisions, async () => {
    const revisions = await db.postmortemRevisions.where('incidentId').equals(incidentId).toArray();
    const head = draftHeads(revisions).get(incidentId);
    const earlier = revisions.find((r) => r.id === revisionId);
    if (!head || !earlier) throw new Error('That version of the postmortem is not stored.');
    const restored = restoreRevision(head, earlier, by, newId(), now);
    await db.postmortemRevisions.add(restored);
    return restored;
  });
}

/** The current revision of every incident's postmortem. */
export async function listPostmortemHeads(db: WorkbenchDatabase): Promise<PostmortemRevision[]> {
  return [...draftHeads(await db.postmortemRevisions.toArray()).values()];
}

/** Every action item of the study's current drafts, filtered. */
export async function listStudyActionItems(db: WorkbenchDatabase, filter: { owner?: string; status?: ActionItem['status']; dueBy?: string } = {}): Promise<ActionItemRow[]> {
  return studyActionItems(await listPostmortemHeads(db), filter);
}

/** The incidents that have a postmortem draft. */
export async function listDraftedIncidentIds(db: WorkbenchDatabase): Promise<Set<string>> {
  return new Set((await db.postmortemRevisions.orderBy('incidentId').uniqueKeys()) as string[]);
}
