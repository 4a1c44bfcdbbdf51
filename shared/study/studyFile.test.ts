import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../postmortem/template.ts';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { makeIncident, makeResolution, makeRevision } from '../model/testFactories.ts';
import { defaultStudySettings, legacyStudyId } from './studySettings.ts';
import { readStudyFile, writeStudyFile, type StudyTables } from './studyFile.ts';

const sha256 = async (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function tables(): StudyTables {
  const codebook = loadDefaultCodebook();
  return {
    settings: [defaultStudySettings('Study', { id: codebook.id, version: codebook.version }, new Date(Date.UTC(2024, 0, 1)), 'study-1')],
    people: [
      { id: 'p2', name: 'Bo', role: 'annotator', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'p1', name: 'Al', role: 'lead', createdAt: '2024-01-01T00:00:00.000Z' },
    ],
    codebookVersions: [codebook],
    incidents: [makeIncident('b', { raw: Object.assign(Object.create(null) as object, { constructor: 'x', ['__proto__']: 'y' }) }), makeIncident('a')],
    labelRevisions: [makeRevision('r2', { previousId: 'r1', code: 'q', annotatorId: 'p1', incidentId: 'a' }), makeRevision('r1', { annotatorId: 'p1', incidentId: 'a' })],
    decisions: [makeResolution('a', 'symptom', 'p', 'q', 'p', { coderA: 'p1', coderB: 'p2' })],
    imports: [{ seq: 1, fileName: 'f.csv', format: 'csv', importedAt: '2024-01-01T00:00:00.000Z', added: 2, updated: 0, rejected: 0 }],
    mappingPresets: [],
    cohorts: [
      { id: 'c1', version: 1, name: 'GenAI', criteria: [{ kind: 'titleVocabulary', terms: ['gpt'] }], comparison: null, createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'Al', retired: false },
      { id: 'c2', version: 1, name: 'Other', criteria: [], comparison: { of: 'c1', ofVersion: 1, seed: 3 }, createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'Al', retired: false },
    ],
    proposals: [],
    splits: [],
    coderMarks: [
      { id: 'm1', incidentId: 'a', annotatorId: 'p2', round: 1, kind: 'unsure', value: 'yes', savedAt: '2024-01-01T00:00:00.000Z', previousId: null },
      { id: 'm2', incidentId: 'a', annotatorId: 'p2', round: 1, kind: 'note', value: 'private thoughts', savedAt: '2024-01-01T00:00:00.000Z', previousId: null },
    ],
    assignments: [{ id: 'as1', annotatorId: 'p2', round: 1, sets: ['taxonomy'], assignedBy: 'p1', assignedAt: '2024-01-01T00:00:00.000Z', previousId: null }],
    studyEvents: [
      { id: 'e1', at: '2024-01-01T00:00:00.000Z', kind: 'identity', from: null, to: 'p1', withPassphrase: false },
      { id: 'e2', at: '2024-01-02T00:00:00.000Z', kind: 'unblind', round: 1, by: 'p1' },
    ],
    postmortemRevisions: [
      {
        id: 'pm1',
        incidentId: 'a',
        templateId: 'default',
        sections: [{ sectionId: 'summary', title: 'Summary', kind: 'summary', markdown: 'What happened', sources: ['incident: title'] }],
        actionItems: [{ id: 'ai1', text: 'Add a probe', owner: 'Al', due: '2024-02-01', status: 'open' }],
        savedBy: 'p1',
        savedAt: '2024-01-03T00:00:00.000Z',
        previousId: null,
        restoredFrom: null,
      },
    ],
    postmortemTemplates: [defaultTemplate()],
  };
}

/** Rewrites one entry of a zip, leaving the others. */
function edit(bytes: Uint8Array, file: string, change: (text: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[file] = strToU8(change(strFromU8(files[file]!)));
  return zipSync(files);
}

describe('study file', () => {
  it('reads a version-1 file: no cohorts or proposals tables, codebooks of schema version 1', async () => {
    const current = tables();
    // Version-1 settings had no study id.
    const v1Settings = current.settings.map((s) => {
      const row: Record<string, unknown> = { ...s };
      delete row.studyId;
      return row;
    });
    const v1Tables = { ...current, settings: v1Settings, codebookVersions: current.codebookVersions.map((c) => ({ ...c, schemaVersion: 1 })) } as unknown as StudyTables;
    const files = unzipSync(await writeStudyFile(v1Tables, sha256));
    const manifest = JSON.parse(strFromU8(files['study.json']!)) as { schemaVersion: number; tables: Array<{ name: string; sha256: string }>; contentSha256: string };
    manifest.schemaVersion = 1;
    const since2 = ['cohorts', 'proposals', 'splits', 'coderMarks', 'assignments', 'studyEvents'];
    manifest.tables = manifest.tables.filter((t) => !since2.includes(t.name));
    manifest.contentSha256 = await sha256(strToU8(manifest.tables.map((t) => `${t.name}:${t.sha256}`).join('\n')));
    for (const name of since2) delete files[`tables/${name}.json`];
    files['study.json'] = strToU8(JSON.stringify(manifest));
    const read = await readStudyFile(zipSync(files), sha256, 'old.zip');
    if (!read.ok) throw new Error(read.message);
    expect(read.tables.cohorts).toEqual([]);
    expect(read.tables.codebookVersions[0]!.schemaVersion).toBe(2);
    expect(read.tables.coderMarks).toEqual([]);
    expect(read.tables.settings[0]!.studyId).toBe(legacyStudyId(current.settings[0]!));
    // A version-2 file has no marks, assignments or log; a version-3 file must carry them, and cohorts.
    const v3 = unzipSync(await writeStudyFile(current, sha256));
    const asV2 = JSON.parse(strFromU8(v3['study.json']!)) as typeof manifest;
    asV2.schemaVersion = 2;
    asV2.tables = asV2.tables.filter((t) => !['coderMarks', 'assignments', 'studyEvents'].includes(t.name));
    asV2.contentSha256 = await sha256(strToU8(asV2.tables.map((t) => `${t.name}:${t.sha256}`).join('\n')));
    const readV2 = await readStudyFile(zipSync({ ...v3, 'study.json': strToU8(JSON.stringify(asV2)) }), sha256, 'v2.zip');
    if (!readV2.ok) throw new Error(readV2.message);
    expect([readV2.tables.assignments, readV2.tables.studyEvents, readV2.tables.labelRevisions.length]).toEqual([[], [], 2]);
    const v2 = unzipSync(await writeStudyFile(current, sha256));
    const m2 = JSON.parse(strFromU8(v2['study.json']!)) as typeof manifest;
    m2.tables = m2.tables.filter((t) => t.name !== 'cohorts');
    m2.contentSha256 = await sha256(strToU8(m2.tables.map((t) => `${t.name}:${t.sha256}`).join('\n')));
    v2['study.json'] = strToU8(JSON.stringify(m2));
    expect(await readStudyFile(zipSync(v2), sha256, 'new.zip')).toEqual({ ok: false, message: 'new.zip: study.json does not list the table cohorts' });
  });

  it('refuses a comparison cohort drawn for a cohort it does not hold, and a split naming a missing cohort', async () => {
    const t = tables();
    t.cohorts = t.cohorts.filter((c) => c.id !== 'c1');
    expect(await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip')).toMatchObject({ ok: false, message: expect.stringContaining('tables/cohorts.json, row 1, field comparison.of') });
    const u = tables();
    u.settings[0]!.split = { seed: 1, method: 'random', shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, incidents: 2, counts: { taxonomy: 1, validation: 0, test: 1 }, splitAt: '2024-01-01T00:00:00.000Z', cohort: { id: 'c1', version: 9, name: 'GenAI' } };
    expect(await readStudyFile(await writeStudyFile(u, sha256), sha256, 's.zip')).toMatchObject({ ok: false, message: expect.stringContaining('field split.cohort') });
  });

  it('reads back what it wrote, rows in key order, and writes the same bytes again', async () => {
    const first = await writeStudyFile(tables(), sha256);
    const read = await readStudyFile(first, sha256, 's.zip');
    if (!read.ok) throw new Error(read.message);
    expect(read.tables.people.map((p) => p.id)).toEqual(['p1', 'p2']);
    // The identity switches of the machine it came from stay there, and so do private notes; unblinded rounds travel.
    expect(read.tables.studyEvents.map((e) => e.kind)).toEqual(['unblind']);
    expect(read.tables.coderMarks.map((m) => m.kind)).toEqual(['unsure']);
    expect(strFromU8(unzipSync(first)['tables/coderMarks.json']!)).not.toContain('private thoughts');
    expect(read.tables.incidents.map((i) => i.id)).toEqual(['a', 'b']);
    // Keys that are data survive as data.
    expect(Object.keys(read.tables.incidents[1]!.raw as object)).toEqual(['constructor', '__proto__']);
    const second = await writeStudyFile(read.tables, sha256);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('says who exported it, so it opens as them elsewhere', async () => {
    const t = tables();
    t.settings[0]!.whoAmI = 'p1';
    const read = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
    expect(read.ok && [read.exportedBy, read.tables.settings[0]!.whoAmI]).toEqual(['p1', null]);
    const nobody = await readStudyFile(await writeStudyFile(tables(), sha256), sha256, 's.zip');
    expect(nobody.ok && nobody.exportedBy).toBeNull();
  });

  it('marks a starter file and whom it is for, and refuses one for a person it does not hold', async () => {
    const read = await readStudyFile(await writeStudyFile(tables(), sha256, undefined, { for: 'p2' }), sha256, 's.zip');
    expect(read.ok && read.starter).toEqual({ for: 'p2' });
    const whole = await readStudyFile(await writeStudyFile(tables(), sha256), sha256, 's.zip');
    expect(whole.ok && whole.starter).toBeNull();
    expect(await readStudyFile(await writeStudyFile(tables(), sha256, undefined, { for: 'nobody' }), sha256, 's.zip')).toEqual({ ok: false, message: 's.zip: study.json, field starter.for: no such person in tables/people.json' });
  });

  it('refuses marks, assignments and log entries of people or incidents it does not hold', async () => {
    const t = tables();
    t.coderMarks[0]!.incidentId = 'zz';
    expect(await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip')).toEqual({ ok: false, message: 's.zip: tables/coderMarks.json, row 1, field incidentId: no such incident in tables/incidents.json' });
    const u = tables();
    u.assignments[0]!.annotatorId = 'zz';
    expect(await readStudyFile(await writeStudyFile(u, sha256), sha256, 's.zip')).toMatchObject({ ok: false, message: expect.stringContaining('tables/assignments.json, row 1, field annotatorId') });
    const v = tables();
    v.coderMarks[0]!.previousId = 'missing';
    expect(await readStudyFile(await writeStudyFile(v, sha256), sha256, 's.zip')).toMatchObject({ ok: false, message: expect.stringContaining('tables/coderMarks.json, row 1, field previousId') });
  });

  it('carries the digest of every table and of the whole content', async () => {
    const bytes = await writeStudyFile(tables(), sha256);
    const files = unzipSync(bytes);
    const manifest = JSON.parse(strFromU8(files['study.json']!)) as { tables: Array<{ file: string; sha256: string; rows: number }>; contentSha256: string };
    for (const t of manifest.tables) expect(t.sha256).toBe(createHash('sha256').update(files[t.file]!).digest('hex'));
    expect(manifest.tables.find((t) => t.file === 'tables/labelRevisions.json')?.rows).toBe(2);
  });

  it('refuses a newer schemaVersion, saying so', async () => {
    const bytes = edit(await writeStudyFile(tables(), sha256), 'study.json', (t) => t.replace('"schemaVersion": 3', '"schemaVersion": 4'));
    const read = await readStudyFile(bytes, sha256, 's.zip');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/s\.zip: the study file study\.json has schemaVersion 4, newer than this version of the workbench reads \(3\); update the workbench/);
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

describe('study file contents', () => {
  it('carries a split, decisions and several codebook versions through export → import → export', async () => {
    const t = tables();
    t.settings[0]!.split = { seed: 42, method: 'random', shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, incidents: 2, counts: { taxonomy: 1, validation: 0, test: 1 }, splitAt: '2024-02-01T00:00:00.000Z' };
    t.codebookVersions.push({ ...t.codebookVersions[0]!, version: 2 });
    t.incidents[0]!.studySet = 'test';
    const first = await writeStudyFile(t, sha256);
    const read = await readStudyFile(first, sha256, 's.zip');
    if (!read.ok) throw new Error(read.message);
    expect(read.tables.settings[0]!.split?.seed).toBe(42);
    expect(read.tables.codebookVersions.map((c) => c.version)).toEqual([1, 2]);
    expect(Buffer.from(await writeStudyFile(read.tables, sha256)).equals(Buffer.from(first))).toBe(true);
  });

  it('leaves who works on this machine out of the file', async () => {
    const t = tables();
    t.settings[0]!.whoAmI = 'p1';
    const read = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
    expect(read.ok && read.tables.settings[0]!.whoAmI).toBeNull();
  });

  it('refuses a file missing a table, a key twice, or a reference to nothing, by file, row and field', async () => {
    const withoutPresets = edit(await writeStudyFile(tables(), sha256), 'study.json', (text) => {
      const manifest = JSON.parse(text) as { tables: Array<{ name: string }> };
      manifest.tables = manifest.tables.filter((x) => x.name !== 'mappingPresets');
      return JSON.stringify(manifest);
    });
    const missing = await readStudyFile(withoutPresets, sha256, 's.zip');
    expect(!missing.ok && missing.message).toMatch(/study\.json does not list the table mappingPresets|content digest/);

    const twice = tables();
    twice.people.push({ ...twice.people[0]! });
    // Rows are written in key order: p1, p2, p2.
    expect(await readStudyFile(await writeStudyFile(twice, sha256), sha256, 's.zip')).toEqual({ ok: false, message: 's.zip: tables/people.json, row 3: the key "p2" is there twice' });

    const stranger = tables();
    stranger.labelRevisions[0]!.annotatorId = 'nobody';
    const read = await readStudyFile(await writeStudyFile(stranger, sha256), sha256, 's.zip');
    expect(!read.ok && read.message).toMatch(/^s\.zip: tables\/labelRevisions\.json, row \d, field annotatorId: no such person/);

    const ghostWriter = tables();
    ghostWriter.postmortemRevisions[0]!.savedBy = 'Al';
    expect(await readStudyFile(await writeStudyFile(ghostWriter, sha256), sha256, 's.zip')).toEqual({ ok: false, message: 's.zip: tables/postmortemRevisions.json, row 1, field savedBy: no such person in tables/people.json' });
    const templateBy = tables();
    templateBy.postmortemTemplates = [{ ...defaultTemplate(), version: 1, savedBy: 'nobody', savedAt: '2024-01-02T00:00:00.000Z' }];
    expect(await readStudyFile(await writeStudyFile(templateBy, sha256), sha256, 's.zip')).toEqual({ ok: false, message: 's.zip: tables/postmortemTemplates.json, row 1, field savedBy: no such person in tables/people.json' });

    const circle = tables();
    circle.labelRevisions = [makeRevision('r1', { previousId: 'r2', annotatorId: 'p1', incidentId: 'a' }), makeRevision('r2', { previousId: 'r1', annotatorId: 'p1', incidentId: 'a' })];
    const circular = await readStudyFile(await writeStudyFile(circle, sha256), sha256, 's.zip');
    expect(!circular.ok && circular.message).toMatch(/in a circle/);

    const elsewhere = tables();
    elsewhere.labelRevisions = [makeRevision('r1', { annotatorId: 'p1', incidentId: 'a' }), makeRevision('r2', { previousId: 'r1', annotatorId: 'p1', incidentId: 'b' })];
    const across = await readStudyFile(await writeStudyFile(elsewhere, sha256), sha256, 's.zip');
    expect(!across.ok && across.message).toMatch(/field previousId: it names no earlier revision of the same incident/);
  });

  it('refuses decisions that replace a decision on another disagreement, or each other in a circle', async () => {
    const t = tables();
    const first = t.decisions[0]!;
    t.decisions = [first, { ...first, id: 'd2', previousId: first.id, dimension: 'rootCause' }];
    const across = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
    expect(!across.ok && across.message).toMatch(/decisions\.json, row \d, field previousId: it names no earlier decision on the same disagreement/);
    t.decisions = [{ ...first, id: 'd1', previousId: 'd2' }, { ...first, id: 'd2', previousId: 'd1' }];
    const circle = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
    expect(!circle.ok && circle.message).toMatch(/decisions replace each other in a circle/);
  });

  it('refuses postmortem revisions that name nothing: another incident, an unknown template, a lost or circular chain', async () => {
    const refused = async (edit: (t: StudyTables) => void) => {
      const t = tables();
      edit(t);
      const read = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
      return read.ok ? 'read' : read.message;
    };
    const draft = tables().postmortemRevisions[0]!;
    expect(await refused((t) => (t.postmortemRevisions[0]!.incidentId = 'NOPE'))).toMatch(/postmortemRevisions\.json, row 1, field incidentId: no such incident/);
    expect(await refused((t) => (t.postmortemRevisions[0]!.templateId = 'nope'))).toMatch(/field templateId: no such template/);
    expect(await refused((t) => (t.postmortemRevisions = [draft, { ...draft, id: 'pm2', previousId: 'pm1', restoredFrom: 'ghost' }]))).toMatch(/row 2, field restoredFrom/);
    expect(await refused((t) => (t.postmortemRevisions = [{ ...draft, previousId: 'ghost' }]))).toMatch(/row 1, field previousId: names no earlier revision/);
    expect(await refused((t) => (t.postmortemRevisions = [{ ...draft, id: 'x1', previousId: 'x2' }, { ...draft, id: 'x2', previousId: 'x1' }]))).toMatch(/in a circle/);
    expect(await refused((t) => (t.postmortemRevisions[0]!.actionItems[0]!.due = '2024-02-30'))).toMatch(/postmortemRevisions/);
  });

  it('refuses a label of an incident the study does not hold', async () => {
    const t = tables();
    t.labelRevisions[0]!.incidentId = 'NOPE';
    const read = await readStudyFile(await writeStudyFile(t, sha256), sha256, 's.zip');
    expect(!read.ok && read.message).toMatch(/field incidentId: no such incident in tables\/incidents\.json/);
  });

  it('refuses a manifest that names a file like "constructor", without throwing', async () => {
    const bytes = edit(await writeStudyFile(tables(), sha256), 'study.json', (text) => text.replace('"tables/people.json"', '"constructor"'));
    const read = await readStudyFile(bytes, sha256, 's.zip');
    expect(read.ok).toBe(false);
  });
});
