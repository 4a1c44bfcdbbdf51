import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../schema.ts';
import { exportLabelPackage, importLabelPackage, previewLabelPackage } from './labelPackages.ts';
import { listAllLabels, saveIncidentCodes } from './labels.ts';
import { addPerson } from './people.ts';
import { addStudyFromTables, readStudyTables, initStudy } from './studies.ts';
import { StudyCatalog } from '../catalog.ts';
import { readActiveCodebook } from './codebooks.ts';

const sha256 = async (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
const opened: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
const open = async (name: string) => {
  const db = new WorkbenchDatabase(name);
  await db.open();
  opened.push(db);
  return db;
};

describe('label packages between machines', () => {
  it('carries an annotator\'s labels from their machine to the lead\'s: once, whole, and refused by another study', async () => {
    // The lead's study, sent to the annotator as a study file: the annotator's machine holds the same study.
    const lead = await open('lead');
    await initStudy(lead, 'GenAI', at(0), () => crypto.randomUUID());
    const ann = await addPerson(lead, 'Ann', 'annotator', at(0));
    const catalog = new StudyCatalog(`catalog-${Math.random()}`);
    const entry = await addStudyFromTables(catalog, await readStudyTables(lead), at(1));
    const annMachine = await open(entry.dbName);
    const codebook = (await readActiveCodebook(annMachine))!;
    const code = (incidentId: string, symptom: string, minute: number) =>
      saveIncidentCodes(annMachine, { incidentId, annotatorId: ann.id, round: 1, codebookId: codebook.id, codebookVersion: codebook.version, now: at(minute) }, { symptom: { code: symptom, rationale: 'seen' } });
    await code('i1', 'invalid-inference', 2);
    await code('i1', 'deployment-failure', 3);
    await code('i2', 'invalid-inference', 4);

    const text = await exportLabelPackage(annMachine, ann.id, at(5), sha256);
    const preview = await previewLabelPackage(lead, text, 'ann.json', sha256);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.plan.changes.map((c) => [c.incidentId, c.after])).toEqual([['i1', 'deployment-failure'], ['i2', 'invalid-inference']]);
    expect(await importLabelPackage(lead, preview.pkg)).toEqual({ added: 3, alreadyHeld: 0 });
    const current = (await listAllLabels(lead)).map((l) => [l.incidentId, l.annotatorId, l.code]).sort();
    expect(current).toEqual([['i1', ann.id, 'deployment-failure'], ['i2', ann.id, 'invalid-inference']]);
    // The same package again changes nothing.
    expect(await importLabelPackage(lead, preview.pkg)).toEqual({ added: 0, alreadyHeld: 3 });
    expect((await listAllLabels(lead)).map((l) => [l.incidentId, l.annotatorId, l.code]).sort()).toEqual(current);

    // Another study refuses it.
    const other = await open('other');
    await initStudy(other, 'Other', at(0), () => crypto.randomUUID());
    expect(await previewLabelPackage(other, text, 'ann.json', sha256)).toEqual({ ok: false, message: 'ann.json: it holds labels of another study ("GenAI"), not of this one' });
    await catalog.delete();
  });
});
