import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../schema.ts';
import { StudyCatalog } from '../catalog.ts';
import { identityLog } from '../../../../shared/coding/blinding.ts';
import { addStudyFromTables, initStudy, readStudyTables } from './studies.ts';
import { listPeople } from './people.ts';
import { saveIncidentCodes } from './labels.ts';
import { changeRole, listStudyEvents, planSwitch, readViewerState, setOwnPassphrase, switchIdentity, unblindRound } from './identity.ts';

let db: WorkbenchDatabase;
let catalog: StudyCatalog;
let n = 0;
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
beforeEach(async () => {
  n += 1;
  catalog = new StudyCatalog(`identity-catalog-${n}`);
  db = new WorkbenchDatabase(`identity-${n}`);
  await db.open();
  await initStudy(db, 'Study', at(0), () => `p-${++n}`);
  await catalog.studies.add({ id: 'main', name: 'Study', dbName: db.name, createdAt: at(0).toISOString() });
});
afterEach(async () => {
  await db.delete();
  await catalog.delete();
});

const idOf = async (name: string) => (await listPeople(db)).find((p) => p.name === name)!.id;
const codeAs = async (annotatorId: string, incidentId: string) =>
  saveIncidentCodes(db, { incidentId, annotatorId, round: 1, codebookId: 'cb', codebookVersion: 1, now: at(1) }, { symptom: { code: 'other', rationale: '' } });

describe('who works on this machine', () => {
  it('logs each switch, and on a shared machine never shows blind codes without the passphrase', async () => {
    const [lead, a, b] = [await idOf('Lead'), await idOf('Annotator A'), await idOf('Annotator B')];
    // The first choice on a machine is free while nothing is blind.
    await switchIdentity(db, catalog, a, { now: at(1) });
    await codeAs(a, 'i1');
    expect((await readViewerState(db, catalog)).me?.id).toBe(a);
    // Whoever hands the machine over protects it first.
    await expect(switchIdentity(db, catalog, b, { now: at(2) })).rejects.toThrow(/Set a passphrase for yourself/);
    await setOwnPassphrase(db, catalog, 'a-secret');
    await switchIdentity(db, catalog, b, { now: at(3) });
    // As B: A's round is hidden, switching back needs A's passphrase, a wrong one is refused.
    expect([...(await readViewerState(db, catalog)).hidden]).toEqual([1]);
    expect((await planSwitch(db, catalog, a)).rule).toEqual({ kind: 'passphrase' });
    await setOwnPassphrase(db, catalog, 'b-secret');
    await expect(switchIdentity(db, catalog, a, { passphrase: 'guess', now: at(4) })).rejects.toThrow(/not Annotator A's passphrase/);
    // The lead has no passphrase here: nobody becomes the lead, who sees A's codes.
    expect((await planSwitch(db, catalog, lead)).rule).toMatchObject({ kind: 'refused', reason: expect.stringContaining('Lead is a lead and sees every code') });
    await switchIdentity(db, catalog, a, { passphrase: 'a-secret', now: at(5) });
    const log = identityLog(await listStudyEvents(db)).reverse();
    expect(log.map((e) => [e.from, e.to, e.withPassphrase])).toEqual([
      [null, a, false],
      [a, b, false],
      [b, a, true],
    ]);
  });

  it('never lets an annotator become the lead once codes are blind, even codes of their own alone', async () => {
    const [lead, a] = [await idOf('Lead'), await idOf('Annotator A')];
    await switchIdentity(db, catalog, a, { now: at(1) });
    await codeAs(a, 'i1');
    await setOwnPassphrase(db, catalog, 'a-secret');
    expect((await planSwitch(db, catalog, lead)).rule.kind).toBe('refused');
    await expect(switchIdentity(db, catalog, lead, { now: at(2) })).rejects.toThrow(/Lead is a lead/);
    await expect(unblindRound(db, 1, at(3))).rejects.toThrow(/Only a lead/);
    await expect(changeRole(db, catalog, a, 'lead', at(3))).rejects.toThrow(/Only a lead gives roles/);
  });

  it('lets only a lead unblind a round and give roles, logged', async () => {
    const [lead, a, b] = [await idOf('Lead'), await idOf('Annotator A'), await idOf('Annotator B')];
    await switchIdentity(db, catalog, lead, { now: at(1) });
    await codeAs(a, 'i1');
    expect((await readViewerState(db, catalog)).hidden.size).toBe(0);
    await unblindRound(db, 1, at(4));
    await unblindRound(db, 1, at(5));
    expect((await listStudyEvents(db)).filter((e) => e.kind === 'unblind')).toHaveLength(1);
    await changeRole(db, catalog, b, 'lead', at(6));
    const roles = (await listStudyEvents(db)).filter((e) => e.kind === 'role');
    expect(roles.map((e) => e.kind === 'role' && [e.personId, e.from, e.to, e.by])).toEqual([[b, 'annotator', 'lead', lead]]);
    await expect(setOwnPassphrase(db, catalog, 'ab')).rejects.toThrow(/at least 4/);
  });

  it('signs whoever hands over out of the machine\'s other studies, and keeps passphrases for every copy here', async () => {
    const [lead, b] = [await idOf('Lead'), await idOf('Annotator B')];
    await switchIdentity(db, catalog, lead, { now: at(1) });
    await codeAs(await idOf('Annotator A'), 'i1');
    // A copy of the study on this machine opens as the lead, like the original.
    const copy = await addStudyFromTables(catalog, await readStudyTables(db), at(2), { copyName: 'Copy', newId: () => 'copy' });
    const copyDb = new WorkbenchDatabase(copy.dbName);
    expect((await readViewerState(copyDb, catalog)).me?.id).toBe(lead);
    // The lead hands the original over to B: the copy no longer opens as the lead, and only the lead's passphrase
    // (the machine's, so the copy's too) gets the lead back in there.
    await setOwnPassphrase(db, catalog, 'lead-secret');
    await switchIdentity(db, catalog, b, { now: at(3) });
    expect((await readViewerState(copyDb, catalog)).me).toBeNull();
    expect((await planSwitch(copyDb, catalog, lead)).rule).toEqual({ kind: 'passphrase' });
    await switchIdentity(copyDb, catalog, lead, { passphrase: 'lead-secret', now: at(4) });
    await copyDb.delete();
  });
});
