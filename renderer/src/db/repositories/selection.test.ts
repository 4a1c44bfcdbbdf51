import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIncident } from '../../../../shared/model/testFactories.ts';
import { WorkbenchDatabase } from '../schema.ts';
import { applySplit } from './cohorts.ts';
import { putIncidents } from './incidents.ts';
import { saveIncidentCodes } from './labels.ts';
import { loadIncidentFacts, selectionStamp } from './selection.ts';
import { initStudy } from './studies.ts';

let db: WorkbenchDatabase;
let n = 0;
beforeEach(async () => {
  db = new WorkbenchDatabase(`selection-${++n}`);
  await db.open();
  await initStudy(db, 'Study', new Date(0), () => `p-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = new Date('2024-06-01T00:00:00Z');
const store = (ids: string[]) =>
  db.transaction('rw', [db.incidents, db.summaries, db.searchTexts, db.counters], () =>
    putIncidents(db, ids.map((id, i) => makeIncident(id, { title: `Title ${id}`, description: `GPU ${i}`, createdAt: `2024-01-0${i + 1}T00:00:00.000Z` }))),
  );
const code = (incidentId: string, annotatorId: string, symptom: string) =>
  saveIncidentCodes(db, { incidentId, annotatorId, round: 1, codebookId: 'cb', codebookVersion: 1, now: NOW }, { symptom: { code: symptom, rationale: '' } });

describe('what the selection worker reads', () => {
  it('gives every incident in list order with its search text and its coding state in the round', async () => {
    await store(['b', 'a', 'c']);
    await code('a', 'x', 'one');
    await code('a', 'y', 'two');
    await code('b', 'x', 'one');
    const { facts } = await loadIncidentFacts(db, 1);
    expect(facts.map((f) => [f.summary.id, f.text.split('\n')[1], [...f.coding].sort().join('+')])).toEqual([
      ['b', 'title b', 'coded'],
      ['a', 'title a', 'coded+disagreed'],
      ['c', 'title c', 'uncoded'],
    ]);
    // Seen by coder x alone (an annotator in a blind round), nothing says where the others disagree.
    expect((await loadIncidentFacts(db, 1, ['x'])).facts.map((f) => [...f.coding].sort().join('+'))).toEqual(['coded', 'coded', 'uncoded']);
    expect((await loadIncidentFacts(db, 1, ['y'])).facts.map((f) => [...f.coding].sort().join('+'))).toEqual(['uncoded', 'coded', 'uncoded']);
    // Round 2 has no codes yet.
    expect((await loadIncidentFacts(db, 2)).facts.every((f) => f.coding.has('uncoded'))).toBe(true);
  });

  it('has a stamp that moves with every change the facts depend on, and only then', async () => {
    await store(['a', 'b']);
    const stamps = [await selectionStamp(db, 1)];
    expect(await selectionStamp(db, 1)).toBe(stamps[0]);
    await code('a', 'x', 'one');
    stamps.push(await selectionStamp(db, 1));
    await store(['c']);
    stamps.push(await selectionStamp(db, 1));
    await applySplit(db, new Map([['a', 'test']]), { seed: 1, method: 'shuffle', shares: { taxonomy: 0, validation: 0, test: 1 }, incidents: 1, counts: { taxonomy: 0, validation: 0, test: 1 }, splitAt: NOW.toISOString() });
    stamps.push(await selectionStamp(db, 1));
    expect(new Set(stamps).size).toBe(stamps.length);
    // A code saved in another round does not change round 1's facts.
    await saveIncidentCodes(db, { incidentId: 'b', annotatorId: 'x', round: 2, codebookId: 'cb', codebookVersion: 1, now: NOW }, { symptom: { code: 'one', rationale: '' } });
    expect(await selectionStamp(db, 1)).toBe(stamps.at(-1));
  });
});
