import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flattenCodes } from '../../../../shared/codebook/codebook.ts';
import type { CodebookEdit } from '../../../../shared/codebook/codebookEdits.ts';
import { currentResolutions, resolvedCode } from '../../../../shared/coding/labelHistory.ts';
import type { Label } from '../../../../shared/model/labels.ts';
import { WorkbenchDatabase } from '../schema.ts';
import { applyCodebookChange, listCodebookVersions, previewCodebookChange, readActiveCodebook, undoLastCodebookChange } from './codebooks.ts';
import { listAllLabels, listDecisions, rebuildCurrentLabels, saveDecision, saveIncidentCodes } from './labels.ts';
import { decideOnProposal, listProposalQueue, saveProposal } from './proposals.ts';
import { initStudy } from './studies.ts';

let db: WorkbenchDatabase;
let n = 0;
beforeEach(async () => {
  db = new WorkbenchDatabase(`codebooks-${++n}`);
  await db.open();
  await initStudy(db, 'Study', new Date(0), () => `p-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
const rootCause = async (incidentId: string, annotatorId: string, code: string, round = 1) => {
  const codebook = (await readActiveCodebook(db))!;
  await saveIncidentCodes(db, { incidentId, annotatorId, round, codebookId: codebook.id, codebookVersion: codebook.version, now: at(1) }, { rootCause: { code, rationale: `why ${code}` } });
};
/** Every current root-cause label as "incident annotator round code". */
const labels = async () =>
  (await listAllLabels(db))
    .filter((l) => l.dimension === 'rootCause')
    .map((l) => `${l.incidentId} ${l.annotatorId} ${l.round} ${l.code}`)
    .sort();
const by = { by: 'Lee', reason: 'open coding' };

/** Codes a small study: two annotators, two rounds, on the default codebook's root causes. */
async function codeStudy() {
  await rootCause('i1', 'a', 'infrastructure-issue/network');
  await rootCause('i1', 'b', 'infrastructure-issue/storage');
  await rootCause('i2', 'a', 'infrastructure-issue/storage');
  await rootCause('i2', 'b', 'infrastructure-issue/storage');
  await rootCause('i3', 'a', 'configuration-issue/misconfiguration');
  await rootCause('i3', 'b', 'infrastructure-issue/network', 2);
  await rootCause('i4', 'a', 'infrastructure-issue');
}

/** The labels the test expects after a mapping, worked out from the labels before it. */
const expectMoved = (before: string[], move: (code: string, incidentId: string) => string) =>
  before
    .map((line) => {
      const [incident, annotator, round, code] = line.split(' ') as [string, string, string, string];
      return `${incident} ${annotator} ${round} ${move(code, incident)}`;
    })
    .sort();

describe('codebook changes migrate labels', () => {
  it('merge: moves exactly the labels previewed, per annotator, then undo restores them', async () => {
    await codeStudy();
    const before = await labels();
    const edit: CodebookEdit = { kind: 'merge', dimension: 'rootCause', from: ['infrastructure-issue/network', 'infrastructure-issue/storage'], into: 'infrastructure-issue/infrastructure-maintenance' };
    const preview = await previewCodebookChange(db, edit, by, at(2));
    const target = 'infrastructure-issue/infrastructure-maintenance';
    const merged = (code: string) => (code === 'infrastructure-issue/network' || code === 'infrastructure-issue/storage' ? target : code);
    // Five labels carry a merged code: a has two, b has three.
    expect(preview.moves).toHaveLength(5);
    expect(Object.fromEntries(preview.byAnnotator)).toEqual({ a: 2, b: 3 });
    expect(Object.fromEntries(preview.byCodes)).toEqual({ [`infrastructure-issue/network → ${target}`]: 2, [`infrastructure-issue/storage → ${target}`]: 3 });

    const result = await applyCodebookChange(db, edit, by, at(2));
    expect(result).toMatchObject({ version: 2, labelsMoved: 5 });
    expect(await labels()).toEqual(expectMoved(before, merged));
    // The moved labels are exactly the previewed ones: same slots, same new codes.
    const moved = (await listAllLabels(db)).filter((l) => l.codebookVersion === 2);
    expect(moved.map((l) => `${l.incidentId} ${l.annotatorId} ${l.round} ${l.code}`).sort()).toEqual(preview.moves.map((m) => `${m.label.incidentId} ${m.label.annotatorId} ${m.label.round} ${m.to}`).sort());
    // Their rationales are kept; the codebook in use is version 2, without the merged codes.
    expect(moved.every((l: Label) => l.rationale.startsWith('why infrastructure-issue/'))).toBe(true);
    const v2 = (await readActiveCodebook(db))!;
    expect(v2.version).toBe(2);
    expect(flattenCodes(v2, 'rootCause').map((c) => c.path)).not.toContain('infrastructure-issue/network');
    expect(v2.change).toMatchObject({ edit: { kind: 'merge' }, by: 'Lee', labelsMoved: 5 });

    const undone = await undoLastCodebookChange(db, 'Lee', at(3));
    expect(undone).toMatchObject({ version: 3, labelsRestored: 5, keptChanged: 0 });
    expect(await labels()).toEqual(before);
    expect(flattenCodes((await readActiveCodebook(db))!, 'rootCause').map((c) => c.path)).toContain('infrastructure-issue/network');
    expect((await listCodebookVersions(db)).map((v) => v.change?.edit.kind ?? 'first')).toEqual(['first', 'merge', 'revert']);
    // The projections agree with a rebuild from the revisions alone.
    const projected = await labels();
    await rebuildCurrentLabels(db);
    expect(await labels()).toEqual(projected);
  });

  it('rename: a parent carries its sub-codes, labels on both follow; undo of the undo renames again', async () => {
    await codeStudy();
    const before = await labels();
    const edit: CodebookEdit = { kind: 'rename', dimension: 'rootCause', path: 'infrastructure-issue', code: 'infra', name: 'Infrastructure' };
    const preview = await previewCodebookChange(db, edit, by, at(2));
    const renamed = (code: string) => code.replace(/^infrastructure-issue/, 'infra');
    expect(preview.moves).toHaveLength(before.filter((l) => l.includes(' infrastructure-issue')).length);
    await applyCodebookChange(db, edit, by, at(2));
    expect(await labels()).toEqual(expectMoved(before, renamed));
    await undoLastCodebookChange(db, 'Lee', at(3));
    expect(await labels()).toEqual(before);
    await undoLastCodebookChange(db, 'Lee', at(4));
    expect(await labels()).toEqual(expectMoved(before, renamed));
  });

  it('split: each incident\'s labels go to the code the lead assigned, the rest to the first; undo restores them', async () => {
    await codeStudy();
    const before = await labels();
    const edit: CodebookEdit = {
      kind: 'split',
      dimension: 'rootCause',
      path: 'infrastructure-issue/storage',
      into: [
        { code: 'storage', name: 'Storage', description: 'Storage other than disks' },
        { code: 'disk', name: 'Disk', description: 'Disk failures' },
      ],
      assign: [['i2', 'disk']],
    };
    const preview = await previewCodebookChange(db, edit, by, at(2));
    const split = (code: string, incident: string) => (code === 'infrastructure-issue/storage' ? (incident === 'i2' ? 'infrastructure-issue/disk' : 'infrastructure-issue/storage') : code);
    // Only the labels whose code changes move: i2's two go to disk; i1's storage label keeps its (reused) code.
    expect(preview.moves.map((m) => `${m.label.incidentId} ${m.label.annotatorId} ${m.to}`).sort()).toEqual(['i2 a infrastructure-issue/disk', 'i2 b infrastructure-issue/disk']);
    await applyCodebookChange(db, edit, by, at(2));
    expect(await labels()).toEqual(expectMoved(before, split));
    await undoLastCodebookChange(db, 'Lee', at(3));
    expect(await labels()).toEqual(before);
  });

  it('retire: labels go to the replacement; a label its coder changed after the change is left on undo', async () => {
    await codeStudy();
    const before = await labels();
    await applyCodebookChange(db, { kind: 'retire', dimension: 'rootCause', path: 'configuration-issue', replacement: 'other' }, by, at(2));
    expect(await labels()).toEqual(expectMoved(before, (c) => (c.startsWith('configuration-issue') ? 'other' : c)));
    expect(flattenCodes((await readActiveCodebook(db))!, 'rootCause').map((c) => c.path)).not.toContain('configuration-issue');
    await rootCause('i3', 'a', 'infrastructure-issue/network');
    const undone = await undoLastCodebookChange(db, 'Lee', at(3));
    expect(undone).toMatchObject({ labelsRestored: 0, keptChanged: 1 });
    expect(await labels()).toEqual(expectMoved(before, (c, i) => (i === 'i3' && c.startsWith('configuration-issue') ? 'infrastructure-issue/network' : c)));
  });

  it('carries decisions over with their labels, so none goes stale', async () => {
    await codeStudy();
    const all = await listAllLabels(db);
    const rev = (incident: string, annotator: string) => all.find((l) => l.incidentId === incident && l.annotatorId === annotator && l.dimension === 'rootCause' && l.round === 1)!.revisionId;
    await saveDecision(db, {
      incidentId: 'i1', dimension: 'rootCause', round: 1, coderA: 'a', coderB: 'b', revisionA: rev('i1', 'a'), revisionB: rev('i1', 'b'),
      codeA: 'infrastructure-issue/network', codeB: 'infrastructure-issue/storage', code: 'infrastructure-issue/storage', choice: 'B',
      rationale: 'logs', resolvedBy: 'Lee', resolvedAt: at(1).toISOString(), proposedCodebookChange: 'merge network and storage?',
    });
    const result = await applyCodebookChange(db, { kind: 'rename', dimension: 'rootCause', path: 'infrastructure-issue/storage', code: 'disks' }, by, at(2));
    expect(result.decisionsMoved).toBe(1);
    const decision = [...currentResolutions(await listDecisions(db)).values()][0]!;
    const now = await listAllLabels(db);
    const codeOf = (annotator: string) => now.find((l) => l.incidentId === 'i1' && l.annotatorId === annotator && l.dimension === 'rootCause')!;
    expect(decision).toMatchObject({ code: 'infrastructure-issue/disks', codeB: 'infrastructure-issue/disks', revisionB: codeOf('b').revisionId, migratedTo: 2 });
    expect(resolvedCode(decision, 'a', codeOf('a').code, codeOf('b').code)).toBe('infrastructure-issue/disks');
    await undoLastCodebookChange(db, 'Lee', at(3));
    const back = [...currentResolutions(await listDecisions(db)).values()][0]!;
    expect(back).toMatchObject({ code: 'infrastructure-issue/storage', codeB: 'infrastructure-issue/storage' });
  });

  it('undo says what it cannot put back, and reopens what the undone version accepted', async () => {
    await codeStudy();
    const proposal = await saveProposal(db, { kind: 'new-code', dimension: 'rootCause', targetPath: null, code: 'gpu', name: 'GPU', text: 'GPU faults', incidentId: null, proposedBy: 'a' }, at(1));
    await applyCodebookChange(db, { kind: 'rename', dimension: 'rootCause', path: 'infrastructure-issue/storage', code: 'disks' }, { ...by, proposal }, at(2));
    // Coded after the change, on the new code: the undone version has no "disks".
    await rootCause('i5', 'a', 'infrastructure-issue/disks');
    const undone = await undoLastCodebookChange(db, 'Lee', at(3));
    expect(undone).toMatchObject({ labelsRestored: 3, keptChanged: 0, leftOutside: 1, proposalsReopened: 1 });
    expect((await listProposalQueue(db)).map((p) => p.status)).toEqual(['open']);
    await expect(decideOnProposal(db, proposal, { status: 'rejected', by: 'Lee', note: 'old copy' }, at(4))).resolves.toMatchObject({ status: 'rejected' });
    await expect(decideOnProposal(db, proposal, { status: 'rejected', by: 'Lee', note: 'twice' }, at(5))).rejects.toThrow(/rejected already/);
  });

  it('refuses a change whose labels moved since its preview', async () => {
    await codeStudy();
    const edit: CodebookEdit = { kind: 'retire', dimension: 'rootCause', path: 'code-bug', replacement: 'other' };
    const preview = await previewCodebookChange(db, edit, by, at(2));
    await rootCause('i6', 'b', 'code-bug');
    await expect(applyCodebookChange(db, edit, { ...by, expectedMoves: preview.moves.length }, at(3))).rejects.toThrow(`${preview.moves.length + 1} would move now, not ${preview.moves.length}`);
    expect((await listCodebookVersions(db)).map((v) => v.version)).toEqual([1]);
  });

  it('refuses edits that cannot be made, and changes nothing', async () => {
    await codeStudy();
    const before = await labels();
    await expect(applyCodebookChange(db, { kind: 'rename', dimension: 'rootCause', path: 'infrastructure-issue/network', code: 'storage' }, by, at(2))).rejects.toThrow('"infrastructure-issue/storage" exists already.');
    await expect(applyCodebookChange(db, { kind: 'split', dimension: 'rootCause', path: 'infrastructure-issue', into: [{ code: 'x', name: 'X', description: '' }, { code: 'y', name: 'Y', description: '' }], assign: [] }, by, at(2))).rejects.toThrow(/has sub-codes/);
    await expect(applyCodebookChange(db, { kind: 'merge', dimension: 'rootCause', from: ['infrastructure-issue'], into: 'infrastructure-issue/network' }, by, at(2))).rejects.toThrow(/inside it/);
    await expect(applyCodebookChange(db, { kind: 'retire', dimension: 'rootCause', path: 'other', replacement: 'not-applicable' }, by, at(2))).rejects.toThrow(/offered in every dimension/);
    await expect(applyCodebookChange(db, { kind: 'add', dimension: 'rootCause', parentPath: null, code: 'Bad Code', fields: { name: 'x', description: '', include: '', exclude: '', examples: [] } }, by, at(2))).rejects.toThrow(/is not a code/);
    expect(await labels()).toEqual(before);
    expect((await listCodebookVersions(db)).map((v) => v.version)).toEqual([1]);
  });
});

describe('a dimension of the study\'s own', () => {
  it('is added as a new version, coded like the others, and its codes migrate like theirs', async () => {
    await applyCodebookChange(db, { kind: 'add-dimension', dimension: 'detection-gap', name: 'Detection gap' }, by, at(2));
    await applyCodebookChange(db, { kind: 'add', dimension: 'detection-gap', parentPath: null, code: 'no-alert', fields: { name: 'No alert', description: '', include: '', exclude: '', examples: [] } }, by, at(3));
    const codebook = (await readActiveCodebook(db))!;
    expect(codebook.extraDimensions).toEqual([{ id: 'detection-gap', name: 'Detection gap', codes: [{ code: 'no-alert', name: 'No alert' }] }]);
    await saveIncidentCodes(db, { incidentId: 'i1', annotatorId: 'a', round: 1, codebookId: codebook.id, codebookVersion: codebook.version, now: at(4) }, { 'detection-gap': { code: 'no-alert', rationale: '' } });
    const preview = await previewCodebookChange(db, { kind: 'rename', dimension: 'detection-gap', path: 'no-alert', code: 'silent' }, by, at(5));
    expect(preview.moves.map((m) => `${m.label.incidentId} ${m.label.dimension} ${m.to}`)).toEqual(['i1 detection-gap silent']);
    await applyCodebookChange(db, { kind: 'rename', dimension: 'detection-gap', path: 'no-alert', code: 'silent' }, by, at(5));
    expect((await listAllLabels(db)).map((l) => `${l.dimension} ${l.code}`)).toEqual(['detection-gap silent']);
    await expect(applyCodebookChange(db, { kind: 'add-dimension', dimension: 'detection-gap', name: 'Again' }, by, at(6))).rejects.toThrow(/exists already/);
    await expect(applyCodebookChange(db, { kind: 'add-dimension', dimension: 'rootCause', name: 'Again' }, by, at(6))).rejects.toThrow(/exists already/);
    await expect(applyCodebookChange(db, { kind: 'add', dimension: 'nowhere', parentPath: null, code: 'x', fields: { name: 'X', description: '', include: '', exclude: '', examples: [] } }, by, at(6))).rejects.toThrow(/no dimension "nowhere"/);
  });
});

describe('open-coding proposals', () => {
  it('lists proposals from coding and from resolutions; accepting one adds the code and closes it', async () => {
    const proposal = await saveProposal(db, { kind: 'new-code', dimension: 'rootCause', targetPath: 'infrastructure-issue', code: 'gpu-memory', name: 'GPU memory', text: 'Out of GPU memory on inference nodes', incidentId: null, proposedBy: 'a' }, at(1));
    await saveDecision(db, {
      incidentId: 'i1', dimension: 'symptom', round: 1, coderA: 'a', coderB: 'b', revisionA: 'ra', revisionB: 'rb', codeA: 'x', codeB: 'y', code: 'x', choice: 'A',
      rationale: 'r', resolvedBy: 'Lee', resolvedAt: at(2).toISOString(), proposedCodebookChange: 'Split x by region',
    });
    const queue = await listProposalQueue(db);
    expect(queue.map((p) => [p.source, p.status, p.text])).toEqual([
      ['coding', 'open', 'Out of GPU memory on inference nodes'],
      ['resolution', 'open', 'Split x by region'],
    ]);
    await applyCodebookChange(db, { kind: 'add', dimension: 'rootCause', parentPath: 'infrastructure-issue', code: 'gpu-memory', fields: { name: 'GPU memory', description: proposal.text, include: '', exclude: '', examples: [] } }, { ...by, proposal }, at(3));
    await decideOnProposal(db, queue[1]!, { status: 'rejected', by: 'Lee', note: 'Regions are not a cause' }, at(4));
    const after = await listProposalQueue(db);
    expect(after.map((p) => [p.source, p.status, p.codebookVersion])).toEqual([
      ['coding', 'accepted', 2],
      ['resolution', 'rejected', null],
    ]);
    expect(flattenCodes((await readActiveCodebook(db))!, 'rootCause').map((c) => c.path)).toContain('infrastructure-issue/gpu-memory');
    await expect(decideOnProposal(db, after[0]!, { status: 'merged', by: 'Lee', note: '' }, at(5))).rejects.toThrow(/Say why/);
  });
});
