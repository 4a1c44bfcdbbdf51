import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIncident } from '../../../../shared/model/testFactories.ts';
import { createRecordReader, readAll } from '../../../../shared/import/readers/index.ts';
import { WorkbenchDatabase } from '../schema.ts';
import { initStudy } from './studies.ts';
import { putIncidents } from './incidents.ts';
import { listPeople } from './people.ts';
import { checkExternalLabels, importExternalLabels, type ExternalLabelsInput } from './externalLabels.ts';

let db: WorkbenchDatabase;
let n = 0;
beforeEach(async () => {
  db = new WorkbenchDatabase(`external-${++n}`);
  await db.open();
  await initStudy(db, 'Study', new Date(0), () => `p-${++n}`);
  await db.transaction('rw', [db.incidents, db.summaries, db.searchTexts, db.counters], () => putIncidents(db, ['i1', 'i2'].map((id) => makeIncident(id))));
});
afterEach(async () => {
  await db.delete();
});

const FILE = 'incident,symptom_category\ni1,"Other, Not applicable"\ni2,Other\n';
const input = (coder: ExternalLabelsInput['coder']): ExternalLabelsInput => {
  const codes = Object.create(null) as Record<string, string>;
  codes.symptom = 'symptom_category';
  return { fileName: 'm.csv', records: readAll(createRecordReader('csv', 'm.csv'), FILE).records, mapping: { incidentId: 'incident', codes, separators: ',' }, valueMap: new Map(), coder, round: 1, now: new Date(1) };
};

describe('labels from elsewhere, stored', () => {
  it('go under a new source once, the same file twice adds nothing, and never under someone who codes here', async () => {
    const first = await importExternalLabels(db, input({ id: null, name: 'Model X' }));
    expect(first.added).toBe(2);
    expect(first.person.role).toBe('source');
    const labels = await db.currentLabels.toArray();
    expect(labels.map((l) => [l.incidentId, l.code, l.secondaryCodes]).sort()).toEqual([
      ['i1', 'other', ['not-applicable']],
      ['i2', 'other', undefined],
    ]);
    // By name again (the same source), or by id: nothing new.
    expect((await importExternalLabels(db, input({ id: null, name: 'model x' }))).added).toBe(0);
    expect((await checkExternalLabels(db, input({ id: first.person.id, name: '' }))).plan.labelled).toBe(0);
    expect((await listPeople(db)).filter((p) => p.role === 'source')).toHaveLength(1);
    await expect(importExternalLabels(db, input({ id: null, name: 'Annotator A' }))).rejects.toThrow(/an annotator of this study/);
  });
});
