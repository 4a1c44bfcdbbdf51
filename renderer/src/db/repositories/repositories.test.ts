import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../schema.ts';
import { listImports, listIncidents } from './incidents.ts';
import { beginImport, commitImport, rollBackImport, rollBackUnfinishedImports, snapshotIncidents, writeImportBatch } from './imports.ts';
import { addAnnotator, ensureDefaultAnnotators, listAllLabels, listLabelsOf, saveLabels, saveResolution } from './labels.ts';
import { ensureActiveCodebook } from './codebooks.ts';
import type { Incident } from '../../../../shared/model/incident.ts';
import { makeIncident, makeLabel } from '../../../../shared/model/testFactories.ts';

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
const label = (incidentId: string, annotatorId: string, code: string) => makeLabel(incidentId, annotatorId, 'symptom', code);

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
    await saveLabels(db, [label('1', 'a', 'x')]);
    expect(await storeImportedIncidents(db, [incident('2', 'renamed'), incident('3')], log, { batchSize: 1 })).toEqual({ added: 1, updated: 1 });
    const stored = await listIncidents(db);
    expect(stored.map((i) => [i.id, i.title])).toEqual([
      ['1', 'Incident 1'],
      ['2', 'renamed'],
      ['3', 'Incident 3'],
    ]);
    expect(await listAllLabels(db)).toEqual([label('1', 'a', 'x')]);
    expect((await listImports(db)).map((l) => l.added)).toEqual([2, 1]);
    expect(await db.importUndo.count()).toBe(0);
    expect(await db.importJournal.count()).toBe(0);
  });

  it('a roll-back after batches were written leaves the database exactly as before', async () => {
    await storeImportedIncidents(db, [incident('1'), incident('2')], log);
    await saveLabels(db, [label('2', 'a', 'x')]);
    const before = await snapshotIncidents(db);
    const handle = await beginImport(db, 'half', 'g.csv', new Date(0));
    await writeImportBatch(db, handle, [incident('1', 'changed'), incident('3')]);
    // A later batch repeats an id this import added, and one it replaced.
    await writeImportBatch(db, handle, [incident('3', 'again'), incident('1', 'changed twice'), incident('4')]);
    expect((await listIncidents(db)).map((i) => i.title)).toEqual(['changed twice', 'Incident 2', 'again', 'Incident 4']);
    await rollBackImport(db, 'half');
    expect(await snapshotIncidents(db)).toEqual(before);
    expect(await listAllLabels(db)).toEqual([label('2', 'a', 'x')]);
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

describe('label and annotator repository', () => {
  it('creates two annotators on first start, once', async () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect((await ensureDefaultAnnotators(db, now)).map((a) => a.name)).toEqual(['Annotator A', 'Annotator B']);
    expect(await ensureDefaultAnnotators(db, now)).toHaveLength(2);
    await addAnnotator(db, 'Carol', now);
    await expect(addAnnotator(db, 'Carol', now)).rejects.toThrow(/already exists/);
    await expect(addAnnotator(db, '  ', now)).rejects.toThrow(/needs a name/);
  });

  it("shows an annotator only their own labels, and a re-save replaces the earlier code", async () => {
    await saveLabels(db, [label('1', 'a', 'x'), label('1', 'b', 'y')]);
    await saveLabels(db, [label('1', 'a', 'z')]);
    expect(await listLabelsOf(db, 'a')).toEqual([label('1', 'a', 'z')]);
    expect(await listLabelsOf(db, 'b')).toEqual([label('1', 'b', 'y')]);
  });

  it('refuses a resolution without a reason or a decider', async () => {
    const r = { incidentId: '1', dimension: 'symptom' as const, code: 'x', codeA: 'x', codeB: 'y', choice: 'A' as const, rationale: '', resolvedBy: 'lead', resolvedAt: '' };
    await expect(saveResolution(db, r)).rejects.toThrow(/needs a reason/);
    await expect(saveResolution(db, { ...r, rationale: 'why', resolvedBy: '' })).rejects.toThrow(/who decided/);
    await saveResolution(db, { ...r, rationale: 'why' });
    expect(await db.resolutions.count()).toBe(1);
  });

  it('stores the default codebook on first use', async () => {
    const cb = await ensureActiveCodebook(db);
    expect(cb.id).toBe('genai-cloud-incidents');
    expect(await db.codebooks.count()).toBe(1);
  });
});

describe('codebook reads', () => {
  it('reads nothing before the codebook is ensured, then the stored one', async () => {
    const { readActiveCodebook } = await import('./codebooks.ts');
    expect(await readActiveCodebook(db)).toBeUndefined();
    await ensureActiveCodebook(db);
    expect((await readActiveCodebook(db))?.id).toBe('genai-cloud-incidents');
  });
});

describe('incident order', () => {
  it('lists oldest first, undated last, ties by id', async () => {
    const dated = (id: string, createdAt: string | null) => ({ ...incident(id), createdAt });
    await storeImportedIncidents(db, [dated('b', '2024-01-02T00:00:00.000Z'), dated('c', null), dated('a', '2024-01-02T00:00:00.000Z'), dated('z', '2023-12-31T00:00:00.000Z')], log);
    expect((await listIncidents(db)).map((i) => i.id)).toEqual(['z', 'a', 'b', 'c']);
  });
});
