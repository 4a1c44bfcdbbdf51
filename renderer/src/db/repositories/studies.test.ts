import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { StudyCatalog } from '../catalog.ts';
import { DATABASE_NAME, WorkbenchDatabase } from '../schema.ts';
import { activeStudyEntry, addStudyFromTables, createStudy, deleteStudy, initStudy, listStudies, readStudyTables, renameStudy, setActiveStudyId, writeStudyTables } from './studies.ts';
import { listAllLabels, saveIncidentCodes } from './labels.ts';
import { countIncidents } from './incidents.ts';
import { makeIncident } from '../../../../shared/model/testFactories.ts';
import { readSettings } from './settings.ts';

let n = 0;
const newId = () => `s${++n}`;
const at = new Date(Date.UTC(2024, 0, 1));
let catalog: StudyCatalog;

async function freshCatalog() {
  catalog = new StudyCatalog(`catalog-${++n}`);
  await catalog.open();
  return catalog;
}

afterEach(async () => {
  for (const s of await listStudies(catalog)) await Dexie.delete(s.dbName);
  await catalog.delete();
});

describe('studies', () => {
  it('makes the first study on the database the single-study versions used, and opens it again next time', async () => {
    await freshCatalog();
    const first = await activeStudyEntry(catalog, at, newId);
    expect(first.dbName).toBe(DATABASE_NAME);
    expect(await activeStudyEntry(catalog, at, newId)).toEqual(first);
    expect(await listStudies(catalog)).toHaveLength(1);
  });

  it('creates studies in databases of their own, with names that are not taken, and remembers which is open', async () => {
    await freshCatalog();
    const a = await createStudy(catalog, 'Pilot', at, newId);
    const b = await createStudy(catalog, 'pilot', at, newId);
    expect(b.name).toBe('pilot (2)');
    expect(a.dbName).not.toBe(b.dbName);
    await expect(createStudy(catalog, '  ', at, newId)).rejects.toThrow(/needs a name/);
    await setActiveStudyId(catalog, b.id);
    expect((await activeStudyEntry(catalog, at, newId)).id).toBe(b.id);

    // Work in one study is not in the other.
    const dbA = new WorkbenchDatabase(a.dbName);
    await saveIncidentCodes(dbA, { incidentId: 'i', annotatorId: 'p', round: 1, codebookId: 'cb', codebookVersion: 1, now: at, newId }, { symptom: { code: 'x', rationale: '' } });
    const dbB = new WorkbenchDatabase(b.dbName);
    expect(await listAllLabels(dbA)).toHaveLength(1);
    expect(await listAllLabels(dbB)).toEqual([]);
    dbA.close();
    dbB.close();
  });

  it('renames in the list and in the study, refusing a name another study has', async () => {
    await freshCatalog();
    const a = await createStudy(catalog, 'Pilot', at, newId);
    await createStudy(catalog, 'Main', at, newId);
    const db = new WorkbenchDatabase(a.dbName);
    await expect(renameStudy(catalog, a, db, 'main')).rejects.toThrow(/already exists/);
    await renameStudy(catalog, a, db, 'Pilot 2');
    expect((await readSettings(db))?.name).toBe('Pilot 2');
    expect((await listStudies(catalog)).map((s) => s.name).sort()).toEqual(['Main', 'Pilot 2']);
    db.close();
  });

  it('deletes a study: its database and its entry go, the others stay', async () => {
    await freshCatalog();
    const a = await createStudy(catalog, 'A', at, newId);
    const b = await createStudy(catalog, 'B', at, newId);
    await setActiveStudyId(catalog, a.id);
    await deleteStudy(catalog, a);
    expect(await Dexie.exists(a.dbName)).toBe(false);
    expect(await Dexie.exists(b.dbName)).toBe(true);
    expect((await listStudies(catalog)).map((s) => s.name)).toEqual(['B']);
    expect((await activeStudyEntry(catalog, at, newId)).id).toBe(b.id);
  });

  it('copies a study whole into a new one (a copy gets its own name; a file keeps the one inside it), and never into one that has data', async () => {
    await freshCatalog();
    const a = await createStudy(catalog, 'A', at, newId);
    const db = new WorkbenchDatabase(a.dbName);
    await db.incidents.bulkPut([makeIncident('i1'), makeIncident('i2')]);
    await db.counters.put({ key: 'incidents', value: 2 });
    await saveIncidentCodes(db, { incidentId: 'i1', annotatorId: 'p', round: 1, codebookId: 'cb', codebookVersion: 1, now: at, newId }, { symptom: { code: 'x', rationale: '' } });
    const tables = await readStudyTables(db);
    db.close();

    const copy = await addStudyFromTables(catalog, tables, at, { copyName: 'A (copy)', newId });
    const fromFile = await addStudyFromTables(catalog, tables, at, { newId });
    expect(fromFile.name).toBe('A (2)');
    const original = tables.settings[0]!.studyId;
    expect(original).toMatch(/^study-/);
    // A study from a file is the same study (label packages of it import); a copy is another one.
    for (const [entry, name, sameStudy] of [[copy, 'A (copy)', false], [fromFile, 'A', true]] as const) {
      const copied = new WorkbenchDatabase(entry.dbName);
      expect((await readSettings(copied))?.name).toBe(name);
      expect((await readSettings(copied))?.studyId === original).toBe(sameStudy);
      expect(await countIncidents(copied)).toBe(2);
      expect((await listAllLabels(copied)).map((l) => l.code)).toEqual(['x']);
      expect(await copied.summaries.count()).toBe(2);
      copied.close();
    }

    // Storing into a study that holds data is refused.
    const target = new WorkbenchDatabase('not-empty');
    await initStudy(target, 'Busy', at, newId);
    await expect(writeStudyTables(target, tables)).rejects.toThrow(/not empty/);
    await target.delete();
  });
});
