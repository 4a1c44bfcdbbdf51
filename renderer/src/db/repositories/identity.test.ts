import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../schema.ts';
import { identityLog } from '../../../../shared/coding/blinding.ts';
import { initStudy } from './studies.ts';
import { listPeople } from './people.ts';
import { saveIncidentCodes } from './labels.ts';
import { listStudyEvents, planSwitch, readViewerState, setOwnPassphrase, switchIdentity, unblindRound } from './identity.ts';

let db: WorkbenchDatabase;
let n = 0;
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
beforeEach(async () => {
  db = new WorkbenchDatabase(`identity-${++n}`);
  await db.open();
  await initStudy(db, 'Study', at(0), () => `p-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const idOf = async (name: string) => (await listPeople(db)).find((p) => p.name === name)!.id;
const codeAs = async (annotatorId: string, incidentId: string) =>
  saveIncidentCodes(db, { incidentId, annotatorId, round: 1, codebookId: 'cb', codebookVersion: 1, now: at(1) }, { symptom: { code: 'other', rationale: '' } });

describe('who works on this machine', () => {
  it('logs each switch, and on a shared machine never shows blind codes without the passphrase', async () => {
    const [lead, a, b] = [await idOf('Lead'), await idOf('Annotator A'), await idOf('Annotator B')];
    // The first choice on a machine is free.
    await switchIdentity(db, a, { now: at(1) });
    await codeAs(a, 'i1');
    expect((await readViewerState(db)).me?.id).toBe(a);
    // A holds blind codes: before handing over, A must protect them.
    await expect(switchIdentity(db, b, { now: at(2) })).rejects.toThrow(/Set a passphrase for yourself/);
    await setOwnPassphrase(db, 'a-secret');
    await switchIdentity(db, b, { now: at(3) });
    // As B: A's round is hidden, switching back needs A's passphrase, a wrong one is refused.
    expect([...(await readViewerState(db)).hidden]).toEqual([1]);
    expect((await planSwitch(db, a)).rule).toEqual({ kind: 'passphrase' });
    await expect(switchIdentity(db, a, { passphrase: 'guess', now: at(4) })).rejects.toThrow(/not Annotator A's passphrase/);
    // The lead has no passphrase here yet: B cannot become the lead, who sees A's codes.
    expect((await planSwitch(db, lead)).rule).toMatchObject({ kind: 'refused', reason: expect.stringContaining('Lead is a lead and sees every code') });
    await switchIdentity(db, a, { passphrase: 'a-secret', now: at(5) });
    const log = identityLog(await listStudyEvents(db)).reverse();
    expect(log.map((e) => [e.from, e.to, e.withPassphrase])).toEqual([
      [null, a, false],
      [a, b, false],
      [b, a, true],
    ]);
  });

  it('lets only a lead unblind a round, after which nobody needs a passphrase to see it', async () => {
    const [lead, a, b] = [await idOf('Lead'), await idOf('Annotator A'), await idOf('Annotator B')];
    await switchIdentity(db, a, { now: at(1) });
    await codeAs(a, 'i1');
    await expect(unblindRound(db, 1, at(2))).rejects.toThrow(/Only a lead/);
    await setOwnPassphrase(db, 'a-secret');
    await switchIdentity(db, lead, { now: at(3) });
    expect((await readViewerState(db)).hidden.size).toBe(0);
    await unblindRound(db, 1, at(4));
    await unblindRound(db, 1, at(5));
    expect((await listStudyEvents(db)).filter((e) => e.kind === 'unblind')).toHaveLength(1);
    // A lead hands over only with a passphrase; afterwards B sees round 1 and may become A freely.
    await expect(switchIdentity(db, b, { now: at(6) })).rejects.toThrow(/Set a passphrase/);
    await setOwnPassphrase(db, 'lead-secret');
    await switchIdentity(db, b, { now: at(7) });
    expect((await readViewerState(db)).hidden.size).toBe(0);
    // A set a passphrase, so it is still asked for.
    expect((await planSwitch(db, a)).rule).toEqual({ kind: 'passphrase' });
    await expect(setOwnPassphrase(db, 'ab')).rejects.toThrow(/at least 4/);
  });
});
