import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { WorkbenchDatabase } from '../schema.ts';
import { initStudy } from './studies.ts';
import { saveIncidentCodes, saveIncidentCodesDirect } from './labels.ts';

const opened: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function study(name: string) {
  const db = new WorkbenchDatabase(name);
  opened.push(db);
  await db.open();
  let n = 0;
  await initStudy(db, 'Study', new Date(0), () => `p${++n}`);
  return db;
}

const dump = async (db: WorkbenchDatabase) => ({
  revisions: await db.labelRevisions.orderBy('id').toArray(),
  current: await db.currentLabels.toArray(),
  columns: await db.labelColumns.toArray(),
  tallies: await db.labelTallies.toArray(),
});

describe('the coder-path save', () => {
  it('writes exactly the rows the repository save writes, change after change', async () => {
    const [viaDexie, direct] = [await study('save-dexie'), await study('save-direct')];
    const steps: Array<Parameters<typeof saveIncidentCodes>[2]> = [
      { symptom: { code: 'degraded-performance', rationale: '' } },
      { symptom: { code: 'degraded-performance', rationale: '' }, rootCause: { code: 'code-bug', rationale: 'a bug', secondaryCodes: ['operation-error'] } },
      { symptom: { code: 'invalid-inference', rationale: 'changed' } },
      { rootCause: { code: '', rationale: '' } },
      { rootCause: { code: 'code-bug', rationale: '' } },
    ];
    for (const [save, db] of [
      [saveIncidentCodes, viaDexie],
      [saveIncidentCodesDirect, direct],
    ] as const) {
      let n = 0;
      for (const [i, codes] of steps.entries()) {
        for (const incidentId of ['i1', 'i2']) await save(db, { incidentId, annotatorId: 'a', round: 1, codebookId: 'cb', codebookVersion: 1, now: new Date(Date.UTC(2024, 0, 1, 0, i)), newId: () => `r${String(++n).padStart(3, '0')}` }, codes);
      }
    }
    const [a, b] = [await dump(viaDexie), await dump(direct)];
    expect(b).toEqual(a);
    // Per incident: symptom coded, root cause coded (symptom unchanged: no revision), symptom changed, root cause
    // cleared, root cause coded again.
    expect(a.revisions).toHaveLength(2 * 5);
    expect(a.tallies.map((t) => [t.dimension, t.count]).sort()).toEqual([
      ['rootCause', 2],
      ['symptom', 2],
    ]);
  });

  it('tells live views of the tables it wrote', async () => {
    const db = await study('save-live');
    const seen: number[] = [];
    let heard: (n: number) => void = () => {};
    const subscription = liveQuery(() => db.currentLabels.count()).subscribe((n) => {
      seen.push(n);
      heard(n);
    });
    // Waits on what the view says, never on time.
    const until = (wanted: number) => new Promise<void>((resolve) => (seen.includes(wanted) ? resolve() : (heard = (n) => n === wanted && resolve())));
    await until(0);
    await saveIncidentCodesDirect(db, { incidentId: 'i1', annotatorId: 'a', round: 1, codebookId: 'cb', codebookVersion: 1, now: new Date(0) }, { symptom: { code: 'other', rationale: '' } });
    await until(1);
    subscription.unsubscribe();
    expect(seen).toEqual([0, 1]);
  });
});
