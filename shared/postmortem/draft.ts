import { Type, type Static } from '@sinclair/typebox';
import { diffLines } from 'diff';
import { chainHeads } from '../coding/revisionChains.ts';
import { toCsv } from '../export/csv.ts';
import { Nullable, OneOf } from '../files/schemaTypes.ts';
import { visibleTextString } from '../text/hiddenText.ts';
import { PrefillKindSchema } from './template.ts';

/** An action item's states, in the order people move through them. */
export const ACTION_ITEM_STATUSES = ['open', 'in progress', 'done', 'dropped'] as const;

/**
 * A postmortem draft is a chain of revisions (convention 16): every autosave and every restore is a new revision that
 * names the one before, so history, a diff between any two versions and a restore all fall out of it, and drafts from
 * two machines merge as a union.
 */
export const ActionItemSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    text: Type.String({ minLength: 1 }),
    owner: Type.String(),
    due: Nullable(Type.String({ format: 'date', description: 'YYYY-MM-DD' })),
    status: OneOf(ACTION_ITEM_STATUSES),
  },
  { additionalProperties: false },
);
export type ActionItem = Static<typeof ActionItemSchema>;

export const DraftSectionSchema = Type.Object(
  {
    sectionId: Type.String({ minLength: 1 }),
    title: Type.String({ minLength: 1 }),
    kind: Nullable(PrefillKindSchema, { description: 'What the template section is for (action items go under the one for them); null for a section of the author\'s own.' }),
    markdown: Type.String(),
    /** Where each prefilled value came from, kept when the author overwrites it. */
    sources: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type DraftSection = Static<typeof DraftSectionSchema>;

export const PostmortemRevisionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    incidentId: Type.String({ minLength: 1, description: 'A study has one postmortem per incident.' }),
    templateId: Type.String({ minLength: 1 }),
    sections: Type.Array(DraftSectionSchema),
    actionItems: Type.Array(ActionItemSchema),
    savedBy: Type.String({ minLength: 1 }),
    savedAt: Type.String({ format: 'date-time' }),
    previousId: Nullable(Type.String({ minLength: 1 })),
    restoredFrom: Nullable(Type.String({ minLength: 1 }), { description: 'The earlier revision this one restores, when it is a restore.' }),
  },
  { additionalProperties: false, title: 'PostmortemRevision' },
);
export type PostmortemRevision = Static<typeof PostmortemRevisionSchema>;

export type DraftContent = Pick<PostmortemRevision, 'templateId' | 'sections' | 'actionItems'>;

/** The current revision of each incident's postmortem (the later save wins where two machines both revised one). */
export function draftHeads(revisions: Iterable<PostmortemRevision>): Map<string, PostmortemRevision> {
  return chainHeads(revisions, (r) => r.incidentId, (a, b) => (a.savedAt !== b.savedAt ? a.savedAt > b.savedAt : a.id > b.id));
}

/** One incident's revisions, newest first. */
export function draftHistory(revisions: Iterable<PostmortemRevision>, incidentId: string): PostmortemRevision[] {
  return [...revisions].filter((r) => r.incidentId === incidentId).sort((a, b) => (a.savedAt !== b.savedAt ? (a.savedAt < b.savedAt ? 1 : -1) : a.id < b.id ? 1 : -1));
}

const sameContent = (a: DraftContent, b: DraftContent) => JSON.stringify([a.templateId, a.sections, a.actionItems]) === JSON.stringify([b.templateId, b.sections, b.actionItems]);

/** The next revision of a draft with `content`; null when nothing changed (an autosave of the same text adds nothing). */
export function reviseDraft(incidentId: string, head: PostmortemRevision | undefined, content: DraftContent, by: string, newId: string, now: Date): PostmortemRevision | null {
  if (head && sameContent(head, content)) return null;
  // Only the content is taken: a revision passed as the content (the head, edited) must not bring its own id along.
  const { templateId, sections, actionItems } = content;
  return { id: newId, incidentId, templateId, sections, actionItems, savedBy: by, savedAt: now.toISOString(), previousId: head?.id ?? null, restoredFrom: null };
}

/** A restore is a new revision on top of the current one, with the content of an earlier one. */
export function restoreRevision(head: PostmortemRevision, earlier: PostmortemRevision, by: string, newId: string, now: Date): PostmortemRevision {
  if (earlier.incidentId !== head.incidentId) throw new Error('That revision is of another incident\'s postmortem.');
  return { id: newId, incidentId: head.incidentId, templateId: earlier.templateId, sections: earlier.sections, actionItems: earlier.actionItems, savedBy: by, savedAt: now.toISOString(), previousId: head.id, restoredFrom: earlier.id };
}

export interface SectionDiff {
  sectionId: string;
  title: string;
  /** Lines added, removed or kept, in order. */
  parts: Array<{ kind: 'added' | 'removed' | 'same'; text: string }>;
}

/** What changed from `before` to `after`, section by section (a section only one of them has is all added or all removed). */
export function diffRevisions(before: DraftContent, after: DraftContent): SectionDiff[] {
  const ids = [...new Set([...after.sections.map((s) => s.sectionId), ...before.sections.map((s) => s.sectionId)])];
  return ids.flatMap((sectionId) => {
    const a = before.sections.find((s) => s.sectionId === sectionId);
    const b = after.sections.find((s) => s.sectionId === sectionId);
    const oldText = a ? `${a.markdown}\n` : '';
    const newText = b ? `${b.markdown}\n` : '';
    if (oldText === newText && a?.title === b?.title) return [];
    const parts = diffLines(oldText, newText).map((p) => ({ kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const), text: p.value }));
    return [{ sectionId, title: b?.title ?? a!.title, parts }];
  });
}

export interface ActionItemRow extends ActionItem {
  incidentId: string;
}

/** Every action item of the study's current drafts, filtered by owner, status and due date (on or before). */
export function studyActionItems(heads: Iterable<PostmortemRevision>, filter: { owner?: string; status?: ActionItem['status']; dueBy?: string } = {}): ActionItemRow[] {
  const rows: ActionItemRow[] = [];
  for (const head of heads) {
    for (const item of head.actionItems) {
      if (filter.owner !== undefined && item.owner !== filter.owner) continue;
      if (filter.status !== undefined && item.status !== filter.status) continue;
      if (filter.dueBy !== undefined && (item.due === null || item.due > filter.dueBy)) continue;
      rows.push({ ...item, incidentId: head.incidentId });
    }
  }
  // Plain code-unit order (dates are YYYY-MM-DD): the same on every machine whatever its locale; undated last.
  const key = (r: ActionItemRow) => [r.due === null ? 1 : 0, r.due ?? '', r.incidentId, r.id] as const;
  return rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

export function actionItemsCsv(rows: readonly ActionItemRow[]): string {
  return toCsv(['incident_id', 'action_item', 'owner', 'due', 'status'], rows.map((r) => [r.incidentId, visibleTextString(r.text), visibleTextString(r.owner), r.due ?? '', r.status]));
}
