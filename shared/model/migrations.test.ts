import { describe, expect, it } from 'vitest';
import { upgradeIncidentV1toV2, upgradeIncidentV2toV3, upgradeStudyV2toV3, type IncidentV1, type LabelV2 } from './migrations.ts';

describe('incident v1 → v2', () => {
  const v1: IncidentV1 = {
    id: 'INC-1',
    title: 'Outage',
    description: `hidden${String.fromCodePoint(0xe0041)}`,
    status: 'resolved',
    severity: 'high',
    severityRaw: 'Sev1',
    services: ['API'],
    createdAt: '2024-01-01T00:00:00.000Z',
    mitigatedAt: null,
    resolvedAt: '2024-01-01T01:00:00.000Z',
    timeToMitigateMinutes: 60,
    rootCauseText: 'disk',
    mitigationText: 'restart',
    source: { file: 'f.csv', row: 3, format: 'csv' },
    raw: { a: 1 },
  };

  it('keeps every v1 field and adds the new ones empty', () => {
    const v2 = upgradeIncidentV1toV2(v1);
    expect(v2).toMatchObject(v1);
    expect(v2.teamHistory).toEqual([]);
    expect(v2.discussion).toEqual([]);
    expect(v2.detectionType).toBeNull();
    expect(v2.transferHops).toBeNull();
  });

  it('counts hidden characters already in the text', () => {
    expect(upgradeIncidentV1toV2(v1).hiddenCharacters).toBe(1);
    expect(upgradeIncidentV1toV2({ ...v1, description: 'clean' }).hiddenCharacters).toBe(0);
  });
});

describe('incident v2 → v3', () => {
  it('makes the study set required: absent becomes null, a set is kept', () => {
    const v2 = upgradeIncidentV1toV2({ id: 'x', title: 't', description: '', status: null, severity: null, severityRaw: null, services: [], createdAt: null, mitigatedAt: null, resolvedAt: null, timeToMitigateMinutes: null, rootCauseText: '', mitigationText: '', source: { file: 'f', row: 1, format: 'csv' }, raw: {} });
    expect(upgradeIncidentV2toV3(v2).studySet).toBeNull();
    expect(upgradeIncidentV2toV3({ ...v2, studySet: 'test' }).studySet).toBe('test');
  });
});

describe('people, labels and decisions v2 → v3', () => {
  let n = 0;
  const newId = () => `id${++n}`;
  const label = (incidentId: string, annotatorId: string, code: string, round?: number): LabelV2 => ({
    incidentId, annotatorId, dimension: 'symptom', code, rationale: `why ${code}`, codebookId: 'cb', savedAt: '2024-01-01T00:00:00.000Z', ...(round ? { round } : {}),
  });
  const old = {
    annotators: [
      { id: 'annotator-b', name: 'Annotator B', createdAt: '2024-01-01T00:00:00.001Z' },
      { id: 'annotator-a', name: 'Annotator A', createdAt: '2024-01-01T00:00:00.000Z' },
    ],
    labels: [label('i1', 'annotator-a', 'p', 2), label('i1', 'annotator-b', 'q', 2), label('i2', 'annotator-a', 'p'), label('i2', 'ghost', 'p')],
    resolutions: [{ incidentId: 'i1', dimension: 'symptom' as const, code: 'q', choice: 'B' as const, rationale: 'r', resolvedBy: 'Lead', resolvedAt: '2024-01-02T00:00:00.000Z', codeA: 'p', codeB: 'q' }],
  };
  const v3 = upgradeStudyV2toV3(old, newId);

  it('gives annotators new random ids, in creation order, as annotators', () => {
    expect(v3.people.slice(0, 2).map((p) => [p.name, p.role])).toEqual([['Annotator A', 'annotator'], ['Annotator B', 'annotator']]);
    expect(new Set(v3.people.map((p) => p.id)).size).toBe(v3.people.length);
    expect(v3.people.some((p) => p.id.startsWith('annotator-'))).toBe(false);
  });

  it('makes each label the first revision of its slot, round 1 and version 1 where it had none', () => {
    expect(v3.revisions).toHaveLength(4);
    expect(v3.revisions.every((r) => r.previousId === null)).toBe(true);
    const a = v3.idMap.get('annotator-a')!;
    expect(v3.revisions.filter((r) => r.annotatorId === a).map((r) => [r.incidentId, r.round, r.codebookVersion, r.rationale])).toEqual([['i1', 2, 1, 'why p'], ['i2', 1, 1, 'why p']]);
    // A label whose annotator profile is gone keeps an owner.
    expect(v3.people.find((p) => p.id === v3.idMap.get('ghost'))?.name).toBe('ghost');
  });

  it('gives each decision its round, coders and the revisions decided between', () => {
    const [d] = v3.resolutions;
    const revA = v3.revisions.find((r) => r.incidentId === 'i1' && r.code === 'p')!;
    const revB = v3.revisions.find((r) => r.incidentId === 'i1' && r.code === 'q')!;
    expect(d).toMatchObject({ round: 2, coderA: v3.idMap.get('annotator-a'), coderB: v3.idMap.get('annotator-b'), revisionA: revA.id, revisionB: revB.id, code: 'q', proposedCodebookChange: '', previousId: null });
  });
});

describe('a stale v2 decision', () => {
  it('never names one coder twice, and keeps the first two annotators when its codes are gone', () => {
    let n = 0;
    const annotators = [
      { id: 'x', name: 'X', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'y', name: 'Y', createdAt: '2024-01-01T00:00:01.000Z' },
    ];
    const labels: LabelV2[] = [
      { incidentId: 'i', annotatorId: 'x', dimension: 'symptom', code: 'p', rationale: '', codebookId: 'cb', savedAt: '2024-01-01T00:00:00.000Z' },
      { incidentId: 'i', annotatorId: 'y', dimension: 'symptom', code: 'p', rationale: '', codebookId: 'cb', savedAt: '2024-01-01T00:00:00.000Z' },
    ];
    // Decided between p and q, but q is nobody's code any more.
    const v3 = upgradeStudyV2toV3({ annotators, labels, resolutions: [{ incidentId: 'i', dimension: 'symptom', code: 'p', choice: 'A', rationale: 'r', resolvedBy: 'L', resolvedAt: '2024-01-02T00:00:00.000Z', codeA: 'p', codeB: 'q' }] }, () => `id${++n}`);
    const [d] = v3.resolutions;
    expect(d!.coderA).not.toBe(d!.coderB);
    expect([d!.coderA, d!.coderB]).toEqual([v3.idMap.get('x'), v3.idMap.get('y')]);
  });
});
