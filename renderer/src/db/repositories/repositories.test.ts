import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../schema.ts';
import { countIncidents, listImports, listIncidents } from './incidents.ts';
import { beginImport, commitImport, rollBackImport, rollBackUnfinishedImports, snapshotIncidents, writeImportBatch } from './imports.ts';
import { countLabelsOf, listAllLabels, listCodedLabelsOf, listCodersByRound, listDecisions, listLabelsOf, listSlotHistory, rebuildCurrentLabels, saveDecision, saveIncidentCodes, undoLastChange } from './labels.ts';
import { readActiveCodebook } from './codebooks.ts';
import { addPerson, listPeople, updatePerson } from './people.ts';
import { initStudy } from './studies.ts';
import { readSettings, updateSettings } from './settings.ts';
import type { Incident } from '../../../../shared/model/incident.ts';
import type { Resolution } from '../../../../shared/model/labels.ts';
import { makeIncident, makeResolution } from '../../../../shared/model/testFactories.ts';

let db: WorkbenchDatabase;
let n = 0;
beforeEach(async () => {
  db = new WorkbenchDatabase(`test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const incident = (id: string, title = `Incident ${id}`) => makeIncident(id, { title, raw: { id, title } });
let ids = 0;
const newId = () => `id-${++ids}`;
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
/** One annotator's symptom code for one incident, saved the way the coding screen saves it. */
const code = (incidentId: string, annotatorId: string, symptom: string, round = 1, minute = 0) =>
  saveIncidentCodes(db, { incidentId, annotatorId, round, codebookId: 'cb', codebookVersion: 1, now: at(minute), newId }, { symptom: { code: symptom, rationale: '' } });
const codes = async () => (await listAllLabels(db)).map((l) => [l.incidentId, l.annotatorId, l.round, l.code]).sort();

const log = { fileName: 'f.csv', format: 'csv', importedAt: '2024-01-01T00:00:00.000Z', rejected: 0 };

/** Imports incidents the way the worker does: batch by batch, then commit. */
async function storeImportedIncidents(database: WorkbenchDatabase, incidents: Incident[], _log: unknown, options: { batchSize?: number } = {}) {
  const handle = await beginImport(database, `imp-${Math.random()}`, 'f.csv', new Date(0));
  const size = options.batchSize ?? 1000;
  for (let i = 0; i < incidents.length; i += size) await writeImportBatch(database, handle, incidents.slice(i, i + size));
  const entry = await commitImport(database, handle, log);
  return { added: entry.added, updated: entry.updated };
}

describe('imports', () => {
  it('adds, then updates by id on re-import without touching labels', async () => {
    expect(await storeImportedIncidents(db, [incident('1'), incident('2')], log)).toEqual({ added: 2, updated: 0 });
    await code('1', 'a', 'x');
    expect(await storeImportedIncidents(db, [incident('2', 'renamed'), incident('3')], log, { batchSize: 1 })).toEqual({ added: 1, updated: 1 });
    const stored = await listIncidents(db);
    expect(stored.map((i) => [i.id, i.title])).toEqual([
      ['1', 'Incident 1'],
      ['2', 'renamed'],
      ['3', 'Incident 3'],
    ]);
    expect(await codes()).toEqual([['1', 'a', 1, 'x']]);
    expect((await listImports(db)).map((l) => l.added)).toEqual([2, 1]);
    expect(await countIncidents(db)).toBe(await db.incidents.count());
    expect(await db.importUndo.count()).toBe(0);
    expect(await db.importJournal.count()).toBe(0);
  });

  it('a roll-back after batches were written leaves the database exactly as before', async () => {
    await storeImportedIncidents(db, [incident('1'), incident('2')], log);
    await code('2', 'a', 'x');
    const before = await snapshotIncidents(db);
    const summariesBefore = await db.summaries.toArray();
    const handle = await beginImport(db, 'half', 'g.csv', new Date(0));
    await writeImportBatch(db, handle, [incident('1', 'changed'), incident('3')]);
    // A later batch repeats an id this import added, and one it replaced.
    await writeImportBatch(db, handle, [incident('3', 'again'), incident('1', 'changed twice'), incident('4')]);
    expect((await listIncidents(db)).map((i) => i.title)).toEqual(['changed twice', 'Incident 2', 'again', 'Incident 4']);
    expect(await countIncidents(db)).toBe(4);
    await rollBackImport(db, 'half');
    expect(await snapshotIncidents(db)).toEqual(before);
    expect(await countIncidents(db)).toBe(2);
    expect(await db.summaries.toArray()).toEqual(summariesBefore);
    expect(await codes()).toEqual([['2', 'a', 1, 'x']]);
    expect(await listImports(db)).toHaveLength(1);
    expect(await db.importUndo.count()).toBe(0);
  });

  it('rolls back an import a crash left unfinished', async () => {
    await storeImportedIncidents(db, [incident('1')], log);
    const before = await snapshotIncidents(db);
    const handle = await beginImport(db, 'crashed', 'big.csv', new Date(0));
    await writeImportBatch(db, handle, [incident('1', 'half-written'), incident('9')]);
    // Still running in another window: the lock is granted only once it has committed, and it is left alone.
    const other = await beginImport(db, 'running', 'other.csv', new Date(0));
    await writeImportBatch(db, other, [incident('7')]);
    const afterOtherCommits = async (id: string, fn: () => Promise<boolean>) => {
      if (id === 'running') await commitImport(db, other, log);
      return fn();
    };
    expect(await rollBackUnfinishedImports(db, afterOtherCommits)).toEqual(['big.csv']);
    expect((await snapshotIncidents(db)).map((i) => i.id)).toEqual(['1', '7']);
    await db.incidents.delete('7');
    expect(await snapshotIncidents(db)).toEqual(before);
    expect(await rollBackUnfinishedImports(db)).toEqual([]);
  });
});

describe('a new study', () => {
  it('gets settings, the default codebook, a lead and two annotators with random ids, once', async () => {
    await initStudy(db, 'Pilot', at(0), newId);
    await initStudy(db, 'Again', at(1), newId);
    expect((await readSettings(db))?.name).toBe('Pilot');
    expect((await readActiveCodebook(db))?.id).toBe('genai-cloud-incidents');
    const people = await listPeople(db);
    expect(people.map((p) => [p.name, p.role])).toEqual([['Lead', 'lead'], ['Annotator A', 'annotator'], ['Annotator B', 'annotator']]);
    expect(new Set(people.map((p) => p.id)).size).toBe(3);
  });

  it('keeps settings in the database and refuses impossible ones', async () => {
    await initStudy(db, 'Pilot', at(0), newId);
    await updateSettings(db, { currentRound: 2, leadName: 'Lee' });
    expect(await readSettings(db)).toMatchObject({ currentRound: 2, leadName: 'Lee', name: 'Pilot' });
    await expect(updateSettings(db, { currentRound: 0 })).rejects.toThrow(/whole number/);
  });
});

describe('people', () => {
  it('adds and renames people; the id stays, names are unique', async () => {
    const carol = await addPerson(db, ' Carol ', 'annotator', at(0), newId);
    expect(carol.name).toBe('Carol');
    await expect(addPerson(db, 'carol', 'lead', at(1), newId)).rejects.toThrow(/already in this study/);
    await expect(addPerson(db, '  ', 'lead', at(1), newId)).rejects.toThrow(/needs a name/);
    await updatePerson(db, carol.id, { name: 'Caroline', role: 'lead' });
    expect(await listPeople(db)).toEqual([{ ...carol, name: 'Caroline', role: 'lead' }]);
  });
});

describe('label history in the database', () => {
  it('shows an annotator only their own labels in the round, and a change is a new revision', async () => {
    await code('1', 'a', 'x');
    await code('1', 'b', 'y');
    await code('1', 'a', 'z', 1, 1);
    expect((await listLabelsOf(db, 'a', 1)).map((l) => l.code)).toEqual(['z']);
    expect((await listLabelsOf(db, 'b', 1)).map((l) => l.code)).toEqual(['y']);
    const history = await listSlotHistory(db, { incidentId: '1', annotatorId: 'a', dimension: 'symptom', round: 1 });
    expect(history.map((r) => [r.code, r.previousId === null])).toEqual([['x', true], ['z', false]]);
    expect(history[1]!.previousId).toBe(history[0]!.id);
  });

  it('keeps round 1 when round 2 is coded', async () => {
    await code('1', 'a', 'x', 1);
    await code('1', 'a', 'y', 2, 1);
    expect(await codes()).toEqual([['1', 'a', 1, 'x'], ['1', 'a', 2, 'y']]);
    expect((await listLabelsOf(db, 'a', 1)).map((l) => l.code)).toEqual(['x']);
  });

  it('undoes with a new revision and clears with one; nothing is deleted', async () => {
    await code('1', 'a', 'x');
    await code('1', 'a', 'y', 1, 1);
    const slot = { incidentId: '1', annotatorId: 'a', dimension: 'symptom' as const, round: 1 };
    expect(await undoLastChange(db, slot, at(2), newId)).toBe(true);
    expect(await codes()).toEqual([['1', 'a', 1, 'x']]);
    await code('1', 'a', '', 1, 3);
    expect(await codes()).toEqual([]);
    expect(await listCodersByRound(db)).toEqual(new Map());
    expect((await listSlotHistory(db, slot)).map((r) => r.code)).toEqual(['x', 'y', 'x', '']);
    // Both projections are derived: kept up save by save, they equal what the revisions alone rebuild.
    await code('2', 'b', 'q', 1, 4);
    await code('3', 'a', 'r', 2, 5);
    const before = await listAllLabels(db);
    const columnsBefore = await listCodedLabelsOf(db, ['a', 'b']);
    expect(columnsBefore.map((l) => [l.incidentId, l.annotatorId, l.round, l.code]).sort()).toEqual(await codes());
    const countsBefore = [await countLabelsOf(db, 'a', 2), await countLabelsOf(db, 'b', 1), await countLabelsOf(db, 'a', 1)];
    expect(countsBefore).toEqual([1, 1, 0]);
    await rebuildCurrentLabels(db);
    expect(await listAllLabels(db)).toEqual(before);
    expect(await listCodedLabelsOf(db, ['a', 'b'])).toEqual(columnsBefore);
    expect(await listCodersByRound(db)).toEqual(new Map([[1, new Set(['b'])], [2, new Set(['a'])]]));
    expect([await countLabelsOf(db, 'a', 2), await countLabelsOf(db, 'b', 1), await countLabelsOf(db, 'a', 1)]).toEqual([1, 1, 0]);
  });

  it('records decisions as revisions: a second decision names the first', async () => {
    const decision: Omit<Resolution, 'id' | 'previousId'> & Partial<Resolution> = makeResolution('1', 'symptom', 'x', 'y', 'x', { rationale: '' });
    delete decision.id;
    delete decision.previousId;
    await expect(saveDecision(db, decision, newId)).rejects.toThrow(/needs a reason/);
    await expect(saveDecision(db, { ...decision, rationale: 'why', resolvedBy: '' }, newId)).rejects.toThrow(/who decided/);
    const first = await saveDecision(db, { ...decision, rationale: 'why' }, newId);
    const second = await saveDecision(db, { ...decision, rationale: 'on reflection', code: 'y', choice: 'B', coderA: 'b', coderB: 'a' }, newId);
    expect(first.previousId).toBeNull();
    expect(second.previousId).toBe(first.id);
    expect(await listDecisions(db)).toHaveLength(2);
  });
});

describe('incident order', () => {
  it('lists oldest first, undated last, ties by id', async () => {
    const dated = (id: string, createdAt: string | null) => ({ ...incident(id), createdAt });
    await storeImportedIncidents(db, [dated('b', '2024-01-02T00:00:00.000Z'), dated('c', null), dated('a', '2024-01-02T00:00:00.000Z'), dated('z', '2023-12-31T00:00:00.000Z')], log);
    expect((await listIncidents(db)).map((i) => i.id)).toEqual(['z', 'a', 'b', 'c']);
  });
});
