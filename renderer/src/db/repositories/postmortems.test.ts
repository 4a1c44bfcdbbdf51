import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DraftContent } from '../../../../shared/postmortem/draft.ts';
import { WorkbenchDatabase } from '../schema.ts';
import { initStudy } from './studies.ts';
import { listPostmortemTemplates, listStudyActionItems, postmortemHistory, postmortemTemplateHistory, restorePostmortemRevision, savePostmortemDraft, savePostmortemTemplate } from './postmortems.ts';
import { defaultTemplate, renameSection } from '../../../../shared/postmortem/template.ts';

let db: WorkbenchDatabase;
let n = 0;
beforeEach(async () => {
  db = new WorkbenchDatabase(`postmortems-${++n}`);
  await db.open();
  await initStudy(db, 'Study', new Date(0), () => `p-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const at = (minute: number) => new Date(Date.UTC(2024, 5, 1, 12, minute));
const draft = (summary: string, owner = 'Ana'): DraftContent => ({
  templateId: 'default',
  sections: [{ sectionId: 'summary', title: 'Summary', kind: 'summary', markdown: summary, sources: [] }],
  actionItems: [{ id: `a-${summary}`, text: `Fix ${summary}`, owner, due: null, status: 'open' }],
});

describe('postmortem drafts in a study', () => {
  it('autosaves as revisions, skips an unchanged save, restores an earlier one as a new revision', async () => {
    let id = 0;
    const next = () => `r${++id}`;
    await savePostmortemDraft(db, 'INC-1', draft('one'), 'Ana', at(0), next);
    await savePostmortemDraft(db, 'INC-1', draft('two'), 'Ana', at(1), next);
    const same = await savePostmortemDraft(db, 'INC-1', draft('two'), 'Ana', at(2), next);
    expect(same.id).toBe('r2');
    expect((await postmortemHistory(db, 'INC-1')).map((r) => r.id)).toEqual(['r2', 'r1']);
    const restored = await restorePostmortemRevision(db, 'INC-1', 'r1', 'Ben', at(3), next);
    expect(restored).toMatchObject({ id: 'r4', previousId: 'r2', restoredFrom: 'r1' });
    expect(restored.sections[0]!.markdown).toBe('one');
    await expect(restorePostmortemRevision(db, 'INC-1', 'nope', 'Ben', at(4), next)).rejects.toThrow(/not stored/);
  });

  it('lists the action items of every current draft, and keeps the study\'s templates', async () => {
    await savePostmortemDraft(db, 'INC-1', draft('one'), 'Ana', at(0));
    await savePostmortemDraft(db, 'INC-1', draft('two'), 'Ana', at(1));
    await savePostmortemDraft(db, 'INC-2', draft('three', 'Ben'), 'Ben', at(2));
    expect((await listStudyActionItems(db)).map((r) => [r.incidentId, r.text])).toEqual([['INC-1', 'Fix two'], ['INC-2', 'Fix three']]);
    expect((await listStudyActionItems(db, { owner: 'Ben' })).map((r) => r.incidentId)).toEqual(['INC-2']);
    expect((await listPostmortemTemplates(db)).map((t) => t.id)).toEqual(['default']);
    const first = await savePostmortemTemplate(db, renameSection(defaultTemplate(), 'impact', 'Customer impact'), 'ana', at(3));
    const second = await savePostmortemTemplate(db, renameSection(first, 'impact', 'Who was hit'), 'ben', at(4));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await listPostmortemTemplates(db))[0]!.sections[1]!.title).toBe('Who was hit');
    // Versions, not overwrites: the earlier edit is still there, with who saved it.
    const history = await postmortemTemplateHistory(db, 'default');
    expect(history.map((t) => [t.version, t.savedBy, t.sections[1]!.title])).toEqual([[2, 'ben', 'Who was hit'], [1, 'ana', 'Customer impact']]);
  });
});
