import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { makeIncident, makeResolution, makeRevision } from '../model/testFactories.ts';
import { defaultStudySettings } from './studySettings.ts';
import { readStudyFile, writeStudyFile, type StudyTables } from './studyFile.ts';

const sha256 = async (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function tables(): StudyTables {
  const codebook = loadDefaultCodebook();
  return {
    settings: [defaultStudySettings('Study', { id: codebook.id, version: codebook.version }, new Date(Date.UTC(2024, 0, 1)))],
    people: [
      { id: 'p2', name: 'Bo', role: 'annotator', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'p1', name: 'Al', role: 'lead', createdAt: '2024-01-01T00:00:00.000Z' },
    ],
    codebookVersions: [codebook],
    incidents: [makeIncident('b', { raw: Object.assign(Object.create(null) as object, { constructor: 'x', ['__proto__']: 'y' }) }), makeIncident('a')],
    labelRevisions: [makeRevision('r2', { previousId: 'r1', code: 'q' }), makeRevision('r1')],
    decisions: [makeResolution('a', 'symptom', 'p', 'q', 'p')],
    imports: [{ seq: 1, fileName: 'f.csv', format: 'csv', importedAt: '2024-01-01T00:00:00.000Z', added: 2, updated: 0, rejected: 0 }],
    mappingPresets: [],
  };
}

/** Rewrites one entry of a zip, leaving the others. */
function edit(bytes: Uint8Array, file: string, change: (text: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[file] = strToU8(change(strFromU8(files[file]!)));
  return zipSync(files);
}

describe('study file', () => {
  it('reads back what it wrote, rows in key order, and writes the same bytes again', async () => {
    const first = await writeStudyFile(tables(), sha256);
    const read = await readStudyFile(first, sha256, 's.zip');
    if (!read.ok) throw new Error(read.message);
    expect(read.tables.people.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(read.tables.incidents.map((i) => i.id)).toEqual(['a', 'b']);
    // Keys that are data survive as data.
    expect(Object.keys(read.tables.incidents[1]!.raw as object)).toEqual(['constructor', '__proto__']);
    const second = await writeStudyFile(read.tables, sha256);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('carries the digest of every table and of the whole content', async () => {
    const bytes = await writeStudyFile(tables(), sha256);
    const files = unzipSync(bytes);
    const manifest = JSON.parse(strFromU8(files['study.json']!)) as { tables: Array<{ file: string; sha256: string; rows: number }>; contentSha256: string };
    for (const t of manifest.tables) expect(t.sha256).toBe(createHash('sha256').update(files[t.file]!).digest('hex'));
    expect(manifest.tables.find((t) => t.file === 'tables/labelRevisions.json')?.rows).toBe(2);
  });

  it('refuses a newer schemaVersion, saying so', async () => {
    const bytes = edit(await writeStudyFile(tables(), sha256), 'study.json', (t) => t.replace('"schemaVersion": 1', '"schemaVersion": 2'));
    const read = await readStudyFile(bytes, sha256, 's.zip');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/s\.zip: the study file study\.json has schemaVersion 2, newer than this version of the workbench reads \(1\); update the workbench/);
  });

  it('refuses an edited table by its digest, and a bad row by file, row and field', async () => {
    const good = await writeStudyFile(tables(), sha256);
    const damaged = edit(good, 'tables/people.json', (t) => t.replace('"Al"', '"Alf"'));
    expect(await readStudyFile(damaged, sha256, 's.zip')).toEqual({ ok: false, message: 's.zip: tables/people.json does not match its SHA-256 in study.json: the file is damaged or was edited' });

    // A bad row whose digests were made to match: the row check names it.
    const t = tables();
    (t.labelRevisions[0] as { round: unknown }).round = 0;
    const bad = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
    expect(!bad.ok && bad.message).toMatch(/^s\.zip: tables\/labelRevisions\.json, row 2, field round: /);
  });

  it('refuses what is not a study file', async () => {
    expect(await readStudyFile(strToU8('hello'), sha256, 'x.zip')).toMatchObject({ ok: false, message: expect.stringMatching(/^x\.zip: is not a study file/) });
    expect(await readStudyFile(zipSync({ 'a.txt': strToU8('a') }), sha256, 'x.zip')).toEqual({ ok: false, message: 'x.zip: is not a study file (it has no study.json)' });
  });
});
