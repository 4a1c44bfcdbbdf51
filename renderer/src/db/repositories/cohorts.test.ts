import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIncident } from '../../../../shared/model/testFactories.ts';
import { planSplit } from '../../../../shared/protocol/split.ts';
import { WorkbenchDatabase } from '../schema.ts';
import { applySplit, listCohortVersions, listCohorts, listSplits, previewSplit, saveCohort } from './cohorts.ts';
import { putIncidents, summariesStamp, WriteCancelled } from './incidents.ts';
import { saveIncidentCodes } from './labels.ts';
import { initStudy } from './studies.ts';

let db: WorkbenchDatabase;
let n = 0;
beforeEach(async () => {
  db = new WorkbenchDatabase(`cohorts-${++n}`);
  await db.open();
  await initStudy(db, 'Study', new Date(0), () => `p-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = new Date('2024-06-01T00:00:00Z');
const base = { criteria: [], comparison: null, createdBy: 'Lee', retired: false };

describe('cohorts and splits in a study', () => {
  it('keeps every version of a cohort, and refuses a second cohort of the same name', async () => {
    const first = await saveCohort(db, { ...base, name: 'GenAI' }, NOW);
    const second = await saveCohort(db, { ...base, id: first.id, name: 'GenAI', criteria: [{ kind: 'titleVocabulary', terms: ['gpt'] }] }, NOW);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await listCohorts(db)).map((c) => [c.name, c.version])).toEqual([['GenAI', 2]]);
    expect(await listCohortVersions(db)).toHaveLength(2);
    await expect(saveCohort(db, { ...base, name: ' genai ' }, NOW)).rejects.toThrow(/exists already/);
    // A retired cohort's name may be used again.
    await saveCohort(db, { ...base, id: first.id, name: 'GenAI', retired: true }, NOW);
    await expect(saveCohort(db, { ...base, name: 'GenAI' }, NOW)).resolves.toMatchObject({ version: 1 });
  });

  it('previews a re-split: only coded incidents leaving the set they were in are counted; applying moves the summaries\' stamp', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `I${i}`);
    await db.transaction('rw', [db.incidents, db.summaries, db.searchTexts, db.counters], () => putIncidents(db, ids.map((id) => makeIncident(id))));
    const request = { ids, seed: 1, shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, stratifyBy: null, cohort: null };
    const first = await previewSplit(db, request, NOW);
    // Nobody has coded anything, and nothing was in a set: nothing moves.
    expect(first.codedMoved).toEqual([]);
    const stamp = await summariesStamp(db);
    // A cancelled write (here after its first progress report) leaves the study as it was.
    const reports: Array<[number, number]> = [];
    await expect(applySplit(db, first.sets, first.record, { onProgress: (done, total) => reports.push([done, total]), isCancelled: () => reports.length > 0 })).rejects.toThrow(WriteCancelled);
    expect(reports).toEqual([[0, 20]]);
    expect(await summariesStamp(db)).toBe(stamp);
    expect((await db.summaries.toArray()).every((s) => s.studySet === null)).toBe(true);
    expect(await listSplits(db)).toEqual([]);
    expect((await db.settings.get('study'))!.split).toBeNull();
    await applySplit(db, first.sets, first.record);
    expect(await summariesStamp(db)).not.toBe(stamp);
    expect((await db.settings.get('study'))!.split).toEqual(first.record);
    expect(await listSplits(db)).toEqual([first.record]);
    for (const id of ['I0', 'I1', 'I2', 'I3']) {
      await saveIncidentCodes(db, { incidentId: id, annotatorId: 'a', round: 1, codebookId: 'cb', codebookVersion: 1, now: NOW }, { symptom: { code: 'other', rationale: '' } });
    }
    const again = await previewSplit(db, { ...request, seed: 2 }, NOW);
    const expected = ['I0', 'I1', 'I2', 'I3'].filter((id) => planSplit(ids, 2, NOW).sets.get(id) !== planSplit(ids, 1, NOW).sets.get(id));
    expect(again.codedMoved).toEqual(expected);
    // A re-split keeps the split it replaces.
    const later = new Date('2024-06-02T00:00:00Z');
    const replaced = await previewSplit(db, { ...request, seed: 2 }, later);
    await applySplit(db, replaced.sets, replaced.record);
    expect((await listSplits(db)).map((s) => s.seed)).toEqual([1, 2]);
    // Incidents and summaries hold the new sets (only those that changed were rewritten); a cohort's split leaves
    // the incidents outside it in no set.
    for (const table of [db.incidents, db.summaries] as const) {
      for (const row of await table.toArray()) expect(row.studySet, row.id).toBe(replaced.sets.get(row.id) ?? null);
    }
    const cohortOnly = await previewSplit(db, { ...request, ids: ids.slice(0, 5) }, later);
    await applySplit(db, cohortOnly.sets, cohortOnly.record);
    for (const row of await db.summaries.toArray()) expect(row.studySet, row.id).toBe(cohortOnly.sets.get(row.id) ?? null);
  });
});
