import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { actionItemsCsv, diffRevisions, draftHeads, draftHistory, restoreRevision, reviseDraft, studyActionItems, type DraftContent, type PostmortemRevision } from './draft.ts';

const content = (summary: string, items: DraftContent['actionItems'] = []): DraftContent => ({
  templateId: 'default',
  sections: [
    { sectionId: 'summary', title: 'Summary', kind: 'summary', markdown: summary, sources: ['incident: title'] },
    { sectionId: 'timeline', title: 'Timeline', kind: 'timeline', markdown: '- 10:00 opened\n- 10:12 detected', sources: [] },
  ],
  actionItems: items,
});
const at = (minute: number) => new Date(Date.UTC(2024, 5, 1, 12, minute));

describe('postmortem drafts as revisions', () => {
  const first = reviseDraft('INC-1', undefined, content('First words'), 'Ana', 'r1', at(0))!;
  const second = reviseDraft('INC-1', first, content('First words, then more'), 'Ana', 'r2', at(1))!;
  const restored = restoreRevision(second, first, 'Ben', 'r3', at(2));
  const all: PostmortemRevision[] = [first, second, restored];

  it('an autosave of the same content adds nothing; a change names the revision before', () => {
    expect(reviseDraft('INC-1', second, content('First words, then more'), 'Ana', 'rx', at(5))).toBeNull();
    expect([first.previousId, second.previousId]).toEqual([null, 'r1']);
  });

  it('the head itself, edited, as the content: the new revision has its own id, author and time', () => {
    const edited = { ...second, sections: second.sections.map((x) => ({ ...x, markdown: 'Edited' })), savedBy: 'Old', restoredFrom: 'r1' };
    const next = reviseDraft('INC-1', second, edited, 'Ben', 'r9', at(9))!;
    expect(next).toEqual({ id: 'r9', incidentId: 'INC-1', templateId: 'default', sections: edited.sections, actionItems: [], savedBy: 'Ben', savedAt: at(9).toISOString(), previousId: 'r2', restoredFrom: null });
  });

  it('a restore is a new revision with the earlier content, on top of the current one', () => {
    expect(restored).toMatchObject({ previousId: 'r2', restoredFrom: 'r1', savedBy: 'Ben' });
    expect(restored.sections).toEqual(first.sections);
    expect(draftHeads(all).get('INC-1')!.id).toBe('r3');
    expect(draftHistory(all, 'INC-1').map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(() => restoreRevision(second, { ...first, incidentId: 'INC-2' }, 'Ben', 'r4', at(3))).toThrow(/another incident/);
  });

  it('the diff of two versions, section by section: lines removed and added, unchanged sections left out', () => {
    const diff = diffRevisions(content('one\ntwo'), content('one\nthree'));
    expect(diff).toEqual([
      {
        sectionId: 'summary',
        title: 'Summary',
        parts: [
          { kind: 'same', text: 'one\n' },
          { kind: 'removed', text: 'two\n' },
          { kind: 'added', text: 'three\n' },
        ],
      },
    ]);
    expect(diffRevisions(content('same'), content('same'))).toEqual([]);
  });
});

describe('action items across postmortems', () => {
  const heads = [
    reviseDraft('INC-2', undefined, content('x', [
      { id: 'a1', text: 'Add a GPU health probe', owner: 'Ana', due: '2024-07-01', status: 'open' },
      { id: 'a2', text: '=HYPERLINK("x")', owner: 'Ben', due: null, status: 'done' },
    ]), 'Ana', 'p1', at(0))!,
    reviseDraft('INC-1', undefined, content('y', [{ id: 'b1', text: 'Alert on 4% errors', owner: 'Ana', due: '2024-06-15', status: 'in progress' }]), 'Ana', 'p2', at(0))!,
  ];

  it('one list of every postmortem\'s items, by due date (undated last), filtered by owner, status and due date', () => {
    expect(studyActionItems(heads).map((r) => [r.incidentId, r.id])).toEqual([['INC-1', 'b1'], ['INC-2', 'a1'], ['INC-2', 'a2']]);
    expect(studyActionItems(heads, { owner: 'Ana' }).map((r) => r.id)).toEqual(['b1', 'a1']);
    expect(studyActionItems(heads, { status: 'done' }).map((r) => r.id)).toEqual(['a2']);
    expect(studyActionItems(heads, { dueBy: '2024-06-30' }).map((r) => r.id)).toEqual(['b1']);
  });

  it('exports as CSV, one row per item, formula cells neutralised', () => {
    const rows = Papa.parse<string[]>(actionItemsCsv(studyActionItems(heads))).data;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(['incident_id', 'action_item', 'owner', 'due', 'status']);
    expect(rows[3]![1]!.startsWith("'=")).toBe(true);
  });
});
