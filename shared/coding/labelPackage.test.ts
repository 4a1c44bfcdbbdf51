import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeRevision } from '../model/testFactories.ts';
import type { LabelRevision, Person } from '../model/labels.ts';
import type { CoderMark } from './coderMarks.ts';
import { packageContent, planPackageImport, readLabelPackage, writeLabelPackage, type LabelPackage } from './labelPackage.ts';

const sha256 = async (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NOW = new Date('2024-06-01T00:00:00Z');
const ann: Person = { id: 'a', name: 'Ann', role: 'annotator', createdAt: '2024-01-01T00:00:00.000Z' };
const study = { id: 'study-1', codebookId: 'cb', codebookVersions: new Set([1, 2]) };
const rev = (id: string, patch: Partial<LabelRevision>) => makeRevision(id, { annotatorId: 'a', ...patch });

/** Ann's history: i1 coded "perf" then changed to "deploy"; i2 coded "perf" under version 2. */
const history = [rev('r1', { incidentId: 'i1', code: 'perf' }), rev('r2', { incidentId: 'i1', code: 'deploy', previousId: 'r1', savedAt: '2024-01-02T00:00:00.000Z' }), rev('r3', { incidentId: 'i2', code: 'perf', codebookVersion: 2 })];
const mark = (id: string, kind: CoderMark['kind'], value: string): CoderMark => ({ id, incidentId: 'i1', annotatorId: 'a', round: 1, kind, value, savedAt: '2024-01-01T00:00:00.000Z', previousId: null });
const marks = [mark('m1', 'unsure', 'yes'), mark('m2', 'note', 'my private doubts')];
const write = (revisions: LabelRevision[] = history) => writeLabelPackage({ studyId: 'study-1', studyName: 'GenAI', annotator: ann, codebookId: 'cb', revisions, marks, now: NOW }, sha256);
/** A package edited by hand, with its digest made right again: only the checks after the digest can refuse it. */
async function rehashed(text: string, edit: (pkg: LabelPackage) => void): Promise<string> {
  const pkg = JSON.parse(text) as LabelPackage;
  edit(pkg);
  return JSON.stringify({ ...pkg, contentSha256: await sha256(new TextEncoder().encode(packageContent(pkg))) });
}

describe('label packages', () => {
  it('carry one annotator\'s revisions with the study, codebook versions and rounds, and read back whole', async () => {
    const text = await write();
    expect(await write([...history].reverse())).toBe(text);
    const read = await readLabelPackage(text, 'ann.json', study, sha256);
    if (!read.ok) throw new Error(read.message);
    expect(read.pkg).toMatchObject({ studyId: 'study-1', annotator: ann, codebook: { id: 'cb', versions: [1, 2] }, rounds: [1] });
    expect(read.pkg.revisions).toEqual([...history].sort((x, y) => x.id.localeCompare(y.id)));
    // The unsure flag travels; the private note never does.
    expect(read.pkg.marks).toEqual([marks[0]]);
    expect(text).not.toContain('my private doubts');
    const withNote = await rehashed(text, (p) => p.marks.push(marks[1]!));
    expect(await readLabelPackage(withNote, 'ann.json', study, sha256)).toEqual({ ok: false, message: 'ann.json: mark 2 is a private note, which a package never carries' });
  });

  it('refuses an edited file, another study\'s, an unknown codebook version, a newer format, and someone else\'s revisions', async () => {
    const text = await write();
    const edited = text.replace('"code": "deploy"', '"code": "perf"');
    expect(edited).not.toBe(text);
    expect(await readLabelPackage(edited, 'ann.json', study, sha256)).toEqual({ ok: false, message: 'ann.json: its content does not match its SHA-256: the file was edited or damaged after it was exported, so it is not imported' });
    expect(await readLabelPackage(text, 'ann.json', { ...study, id: 'other' }, sha256)).toEqual({ ok: false, message: 'ann.json: it holds labels of another study ("GenAI"), not of this one' });
    expect(await readLabelPackage(text, 'ann.json', { ...study, codebookVersions: new Set([1]) }, sha256)).toMatchObject({ ok: false, message: expect.stringContaining('codebook cb version 2, which this study does not have') });
    const newer = await rehashed(text, (p) => Object.assign(p, { schemaVersion: 2 }));
    expect(await readLabelPackage(newer, 'ann.json', study, sha256)).toMatchObject({ ok: false, message: expect.stringContaining('newer than this version of the workbench reads') });
    const foreign = await rehashed(text, (p) => (p.revisions[0]!.annotatorId = 'b'));
    expect(await readLabelPackage(foreign, 'ann.json', study, sha256)).toEqual({ ok: false, message: "ann.json: revision 1 is not Ann's, whose package it is" });
    const broken = await rehashed(text, (p) => (p.revisions.find((r) => r.id === 'r2')!.incidentId = 'i9'));
    expect(await readLabelPackage(broken, 'ann.json', study, sha256)).toMatchObject({ ok: false, message: expect.stringContaining('names an earlier revision of another incident') });
    await expect(write([...history, rev('x', { annotatorId: 'b' })])).rejects.toThrow(/someone else's/);
  });

  it('imports as a union: the same package twice adds nothing; a newer one adds what is new and shows what changes', async () => {
    const first = planPackageImport([], { revisions: history, marks: [] });
    expect(first).toMatchObject({ alreadyHeld: 0 });
    expect(first.added).toHaveLength(3);
    expect(first.changes.map((c) => [c.incidentId, c.before, c.after])).toEqual([['i1', '', 'deploy'], ['i2', '', 'perf']]);
    expect(planPackageImport(history, { revisions: history, marks: [marks[0]!] }, [marks[0]!])).toEqual({ added: [], addedMarks: [], alreadyHeld: 3, changes: [] });
    // Later, Ann changed i2 and coded i3: her new package holds everything, old and new.
    const later = [...history, rev('r4', { incidentId: 'i2', code: 'infra', previousId: 'r3', savedAt: '2024-01-03T00:00:00.000Z' }), rev('r5', { incidentId: 'i3', code: 'perf' })];
    const plan = planPackageImport(history, { revisions: later, marks: [marks[0]!] });
    expect(plan.addedMarks).toEqual([marks[0]]);
    expect(plan.added.map((r) => r.id)).toEqual(['r4', 'r5']);
    expect(plan.alreadyHeld).toBe(3);
    expect(plan.changes.map((c) => [c.incidentId, c.before, c.after])).toEqual([['i2', 'perf', 'infra'], ['i3', '', 'perf']]);
  });
});
