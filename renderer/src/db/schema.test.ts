import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../../shared/codebook/codebook.ts';
import { labelsFromColumns } from '../../../shared/coding/labelColumns.ts';
import { incidentOrderKey, summarizeIncident } from '../../../shared/model/incidentSummary.ts';
import { makeIncident } from '../../../shared/model/testFactories.ts';
import { upgradeIncidentV1toV2, type IncidentV1, type LabelV2, type ResolutionV2 } from '../../../shared/model/migrations.ts';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, WorkbenchDatabase, type UpgradeContext } from './schema.ts';
import { computeStudyOutcome } from '../../../shared/study/finalLabels.ts';
import { defaultStudySettings, legacyStudyId } from '../../../shared/study/studySettings.ts';

const incidentV1: IncidentV1 = {
  id: 'INC-1',
  title: 'Old',
  description: '',
  status: 'resolved',
  severity: 'high',
  severityRaw: 'high',
  services: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  mitigatedAt: null,
  resolvedAt: null,
  timeToMitigateMinutes: null,
  rootCauseText: '',
  mitigationText: '',
  source: { file: 'f', row: 1, format: 'csv' },
  raw: { id: 'INC-1' },
};
const label = (incidentId: string, annotatorId: string, code: string, round?: number): LabelV2 => ({
  incidentId, annotatorId, dimension: 'symptom', code, rationale: `because ${code}`, codebookId: 'genai-cloud-incidents', savedAt: '2024-01-02T00:00:00.000Z', ...(round ? { round } : {}),
});
const annotators = [
  { id: 'annotator-a', name: 'Annotator A', createdAt: '2024-01-01T00:00:00.000Z' },
  { id: 'annotator-b', name: 'Annotator B', createdAt: '2024-01-01T00:00:00.001Z' },
];
const resolution: ResolutionV2 = { incidentId: 'INC-1', dimension: 'symptom', code: 'q', choice: 'B', rationale: 'clearer', resolvedBy: 'Lee', resolvedAt: '2024-01-03T00:00:00.000Z', codeA: 'p', codeB: 'q' };

let n = 0;
const context = (session: ReturnType<UpgradeContext['legacySession']>): UpgradeContext => ({ newId: () => `new-${++n}`, now: () => new Date(Date.UTC(2024, 5, 1)), legacySession: () => session });

/** What every upgraded database must hold, whichever version it came from. */
async function expectUpgradedStudy(db: WorkbenchDatabase) {
  expect(db.verno).toBe(4);
  expect(db.tables.map((t) => t.name).sort()).toEqual(['assignments', 'coderMarks', 'codebookVersions', 'cohorts', 'localState', 'studyEvents', 'currentLabels', 'decisions', 'counters', 'importJournal', 'importUndo', 'imports', 'incidents', 'labelColumns', 'labelRevisions', 'labelTallies', 'mappingPresets', 'people', 'postmortemRevisions', 'postmortemTemplates', 'proposals', 'searchTexts', 'settings', 'splits', 'summaries'].sort());
  // Incidents: every v1 field, the v2 fields empty, and the study set now required.
  const incident = await db.incidents.get('INC-1');
  expect(incident).toMatchObject({ ...incidentV1, teamHistory: [], discussion: [], hiddenCharacters: 0, studySet: null });
  expect(await db.counters.get('incidents')).toEqual({ key: 'incidents', value: 1 });
  expect(await db.summaries.get('INC-1')).toMatchObject({ title: 'Old', order: incidentOrderKey(incidentV1), studySet: null, hasRootCauseText: false, owningTeam: null });
  expect(await db.searchTexts.get('INC-1')).toEqual({ id: 'INC-1', text: 'inc-1\nold\n\n\n' });
  // People with new random ids, as annotators, in creation order.
  const people = await db.people.toArray();
  expect(people.map((p) => [p.name, p.role]).sort()).toEqual([['Annotator A', 'annotator'], ['Annotator B', 'annotator']]);
  expect(people.some((p) => p.id.startsWith('annotator-'))).toBe(false);
  const idOf = (name: string) => people.find((p) => p.name === name)!.id;
  // Labels became first revisions; the projection holds each slot's head.
  const revisions = await db.labelRevisions.toArray();
  expect(revisions.map((r) => [r.annotatorId === idOf('Annotator A') ? 'A' : 'B', r.round, r.code, r.codebookVersion, r.previousId]).sort()).toEqual([
    ['A', 1, 'p', 1, null],
    ['A', 2, 's', 1, null],
    ['B', 1, 'q', 1, null],
  ]);
  const current = await db.currentLabels.toArray();
  // Every v2 label was the only revision of its slot, so every revision is current.
  expect(current.map((l) => l.revisionId).sort()).toEqual(revisions.map((r) => r.id).sort());
  expect((await db.labelTallies.toArray()).map((t) => t.count).reduce((a, b) => a + b, 0)).toBe(3);
  const columns = labelsFromColumns(await db.labelColumns.toArray());
  expect(columns.map((l) => `${l.round}|${l.incidentId}|${l.code}`).sort()).toEqual(current.map((l) => `${l.round}|${l.incidentId}|${l.code}`).sort());
  // The decision knows its round, its coders and the revisions decided between, and still settles the disagreement.
  const [decision] = await db.decisions.toArray();
  expect(decision).toMatchObject({ round: 1, coderA: idOf('Annotator A'), coderB: idOf('Annotator B'), code: 'q', proposedCodebookChange: '' });
  const outcome = computeStudyOutcome(current, await db.decisions.toArray(), idOf('Annotator A'), idOf('Annotator B'), ['INC-1'], 1);
  expect(outcome.finalLabels).toEqual([{ incidentId: 'INC-1', dimension: 'symptom', code: 'q', origin: 'resolved' }]);
  // Codebooks by id and version; settings point at the one in use.
  const codebook = loadDefaultCodebook();
  expect(await db.codebookVersions.get([codebook.id, codebook.version])).toMatchObject({ schemaVersion: 2 });
  return { settings: await db.settings.get('study'), idOf };
}

async function fill(db: Dexie, version: 1 | 2) {
  // Each version's database holds incidents of its own shape.
  await db.table('incidents').put(version === 1 ? incidentV1 : upgradeIncidentV1toV2(incidentV1));
  await db.table('annotators').bulkPut(annotators);
  await db.table('labels').bulkPut([label('INC-1', 'annotator-a', 'p'), label('INC-1', 'annotator-b', 'q'), label('INC-2', 'annotator-a', 's', 2)]);
  await db.table('resolutions').put(resolution);
  await db.table('codebooks').put({ ...loadDefaultCodebook(), schemaVersion: 1 });
}

describe('database upgrades to version 4', () => {
  it('opens a version-1 database with data: incidents, people, labels, decisions and codebook all carried over', async () => {
    const v1 = new Dexie('upgrade-v1');
    v1.version(1).stores(SCHEMA_V1);
    await fill(v1, 1);
    v1.close();

    const db = new WorkbenchDatabase('upgrade-v1', context(null));
    await db.open();
    const { settings } = await expectUpgradedStudy(db);
    expect(settings).toMatchObject({ currentRound: 1, leadName: '', whoAmI: null, split: null });
    await db.delete();
  });

  it('opens a version-2 database with data, and brings the settings localStorage held into the study', async () => {
    const v2 = new Dexie('upgrade-v2');
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await fill(v2, 2);
    await v2.table('mappingPresets').put({ id: 'preset', name: 'kept' });
    await v2.table('imports').add({ fileName: 'f.csv', format: 'csv', importedAt: '2024-01-01T00:00:00.000Z', added: 1, updated: 0, rejected: 0 });
    v2.close();

    const db = new WorkbenchDatabase('upgrade-v2', context({ annotatorId: 'annotator-b', leadName: 'Lee', round: 2 }));
    await db.open();
    const { settings, idOf } = await expectUpgradedStudy(db);
    expect(settings).toMatchObject({ currentRound: 2, leadName: 'Lee', whoAmI: idOf('Annotator B') });
    expect(await db.mappingPresets.count()).toBe(1);
    expect(await db.imports.count()).toBe(1);
    await db.delete();
  });

  it('opens a version-3 database: summaries rebuilt with what criteria test, search texts, codebooks of schema 2', async () => {
    const v3 = new Dexie('upgrade-v3');
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    const incident = makeIncident('INC-9', { title: 'GPT Slow', rootCauseText: 'GPU', owningTeam: 'infra', detectionType: 'monitor', falseAlarm: false, discussion: [{ at: null, author: null, text: 'Paged ONCALL' }] });
    await v3.table('incidents').put(incident);
    // A version-3 summary had none of the fields criteria test.
    const oldSummary: Record<string, unknown> = { ...summarizeIncident(incident) };
    for (const field of ['owningTeam', 'detectionType', 'falseAlarm', 'hasRootCauseText']) delete oldSummary[field];
    await v3.table('summaries').put(oldSummary);
    await v3.table('codebookVersions').put({ ...loadDefaultCodebook(), schemaVersion: 1 });
    const split = { seed: 4, method: 'random', shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, incidents: 1, counts: { taxonomy: 0, validation: 0, test: 1 }, splitAt: '2024-05-01T00:00:00.000Z' };
    // A version-3 settings row had no study id.
    const v3Settings: Record<string, unknown> = { ...defaultStudySettings('Old', { id: 'genai-cloud-incidents', version: 1 }, new Date(0), 'unused'), split };
    delete v3Settings.studyId;
    await v3.table('settings').put(v3Settings);
    v3.close();

    const db = new WorkbenchDatabase('upgrade-v3', context(null));
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.summaries.get('INC-9')).toEqual(summarizeIncident(incident));
    expect(await db.searchTexts.get('INC-9')).toEqual({ id: 'INC-9', text: 'inc-9\ngpt slow\n\ngpu\n\npaged oncall' });
    expect((await db.codebookVersions.toArray()).map((c) => c.schemaVersion)).toEqual([2]);
    expect(await db.counters.get('summaries')).toEqual({ key: 'summaries', value: 1 });
    // The study id is derived from the name and creation time, as every copy of the study derives it.
    expect((await db.settings.get('study'))!.studyId).toBe(legacyStudyId({ name: 'Old', createdAt: new Date(0).toISOString() }));
    // The split in force is the first kept split.
    expect((await db.splits.toArray()).map((s) => s.record)).toEqual([split]);
    await db.delete();
  });

  it('a new database starts at version 4 with nothing in it', async () => {
    const db = new WorkbenchDatabase('fresh', context(null));
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.settings.count()).toBe(0);
    await db.delete();
  });
});
