import { Type, type Static } from '@sinclair/typebox';
import { LabelRevisionSchema, PersonSchema, type LabelRevision } from '../model/labels.ts';
import { readDataFile, type DataFileKind } from '../files/readFile.ts';
import { typeboxValidator } from '../files/typeboxValidator.ts';
import { headRevisions, slotKey } from './labelHistory.ts';
import { findChainFault } from './revisionChains.ts';
import type { Sha256 } from '../study/studyFile.ts';
import { CoderMarkSchema, markKey, type CoderMark } from './coderMarks.ts';

/**
 * A label package: one annotator's labels, with their whole revision history, as one file that travels from the
 * annotator's machine to the lead's. Revisions are append-only and have random ids (convention 16), so importing is a
 * union: a revision already held is skipped, the same package twice changes nothing, and a newer package from the
 * same annotator adds only what is new. The SHA-256 of the content is checked, so an edited file is refused.
 */
export const LABEL_PACKAGE_VERSION = 1;

export const LabelPackageSchema = Type.Object(
  {
    schemaVersion: Type.Literal(LABEL_PACKAGE_VERSION),
    kind: Type.Literal('incident-workbench-labels'),
    studyId: Type.String({ minLength: 1, description: 'The study the labels belong to: a package is refused by any other study.' }),
    studyName: Type.String(),
    annotator: PersonSchema,
    codebook: Type.Object({ id: Type.String({ minLength: 1 }), versions: Type.Array(Type.Integer({ minimum: 1 })) }, { additionalProperties: false, description: 'The codebook and every version the revisions were given under.' }),
    rounds: Type.Array(Type.Integer({ minimum: 1 })),
    exportedAt: Type.String({ format: 'date-time' }),
    revisions: Type.Array(LabelRevisionSchema),
    marks: Type.Array(CoderMarkSchema, { description: 'The annotator\'s "unsure" flags, every revision. Private notes never travel: they stay on the annotator\'s machine.' }),
    contentSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the package without this field, as written (see packageContent).' }),
  },
  { additionalProperties: false, title: 'LabelPackage', description: 'One annotator\'s labels (every revision), to move them to the lead\'s machine.' },
);
export type LabelPackage = Static<typeof LabelPackageSchema>;

export const LABEL_PACKAGE_FILE: DataFileKind<typeof LabelPackageSchema> = {
  label: 'label package',
  declaration: LabelPackageSchema,
  currentVersion: LABEL_PACKAGE_VERSION,
  versionOf: (data) => data.schemaVersion,
  migrations: [],
};


const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The text the digest covers: the package without its digest, keys in declared order, revisions by id. */
export function packageContent(pkg: Omit<LabelPackage, 'contentSha256'>): string {
  const { schemaVersion, kind, studyId, studyName, annotator, codebook, rounds, exportedAt } = pkg;
  return JSON.stringify({ schemaVersion, kind, studyId, studyName, annotator, codebook, rounds, exportedAt, revisions: [...pkg.revisions].sort(byId), marks: [...pkg.marks].sort(byId) });
}

/** A package of one annotator's revisions (every round), as the text of the file. Deterministic for the same input. */
export async function writeLabelPackage(
  input: { studyId: string; studyName: string; annotator: LabelPackage['annotator']; codebookId: string; revisions: readonly LabelRevision[]; marks: readonly CoderMark[]; now: Date },
  sha256: Sha256,
): Promise<string> {
  const others = input.revisions.filter((r) => r.annotatorId !== input.annotator.id);
  if (others.length) throw new Error(`A package holds one annotator's labels; ${others.length} revisions are someone else's.`);
  const revisions = [...input.revisions].sort(byId);
  // Only the unsure flags: a private note is the annotator's own.
  const marks = input.marks.filter((m) => m.kind === 'unsure' && m.annotatorId === input.annotator.id).sort(byId);
  const body: Omit<LabelPackage, 'contentSha256'> = {
    schemaVersion: LABEL_PACKAGE_VERSION,
    kind: 'incident-workbench-labels',
    studyId: input.studyId,
    studyName: input.studyName,
    annotator: input.annotator,
    codebook: { id: input.codebookId, versions: [...new Set(revisions.map((r) => r.codebookVersion))].sort((a, b) => a - b) },
    rounds: [...new Set(revisions.map((r) => r.round))].sort((a, b) => a - b),
    exportedAt: input.now.toISOString(),
    revisions,
    marks,
  };
  const contentSha256 = await sha256(new TextEncoder().encode(packageContent(body)));
  return `${JSON.stringify({ ...body, contentSha256 }, null, 1)}\n`;
}

export type LabelPackageRead = { ok: true; pkg: LabelPackage } | { ok: false; message: string };

/**
 * Reads a package for a study: parse → validate (a newer schemaVersion is refused), then refused with a message
 * naming the file when it belongs to another study, was edited (digest), holds revisions of another annotator or
 * broken revision chains, or was made under a codebook version this study does not have.
 */
export async function readLabelPackage(
  text: string,
  fileName: string,
  study: { id: string; codebookId: string; codebookVersions: ReadonlySet<number> },
  sha256: Sha256,
): Promise<LabelPackageRead> {
  const read = readDataFile(LABEL_PACKAGE_FILE, text, typeboxValidator(LabelPackageSchema), fileName);
  if (!read.ok) return { ok: false, message: read.message };
  const pkg = read.value;
  const refuse = (why: string): LabelPackageRead => ({ ok: false, message: `${fileName}: ${why}` });
  const { contentSha256, ...body } = pkg;
  if ((await sha256(new TextEncoder().encode(packageContent(body)))) !== contentSha256) {
    return refuse('its content does not match its SHA-256: the file was edited or damaged after it was exported, so it is not imported');
  }
  if (pkg.studyId !== study.id) return refuse(`it holds labels of another study ("${pkg.studyName}"), not of this one`);
  const foreign = pkg.revisions.findIndex((r) => r.annotatorId !== pkg.annotator.id);
  if (foreign !== -1) return refuse(`revision ${foreign + 1} is not ${pkg.annotator.name}'s, whose package it is`);
  const unknown = pkg.revisions.find((r) => r.codebookId !== study.codebookId || !study.codebookVersions.has(r.codebookVersion));
  if (unknown) return refuse(`its labels were given under codebook ${unknown.codebookId} version ${unknown.codebookVersion}, which this study does not have: import the codebook first`);
  const note = pkg.marks.findIndex((m) => m.kind !== 'unsure' || m.annotatorId !== pkg.annotator.id);
  if (note !== -1) return refuse(`mark ${note + 1} is ${pkg.marks[note]!.kind === 'note' ? 'a private note, which a package never carries' : `not ${pkg.annotator.name}'s`}`);
  const markFault = findChainFault(pkg.marks, markKey);
  if (markFault) return refuse(`mark ${markFault.index + 1} names an earlier mark of another incident or round, or is part of a circle`);
  const fault = findChainFault(pkg.revisions, slotKey);
  if (fault) return refuse(`revision ${fault.index + 1} ${fault.fault === 'circle' ? 'is part of a circle of revisions' : 'names an earlier revision of another incident, dimension or round'}`);
  return { ok: true, pkg };
}

export interface PackageImportPlan {
  /** Revisions the study does not hold yet. */
  added: LabelRevision[];
  /** Unsure flags the study does not hold yet. */
  addedMarks: CoderMark[];
  /** Revisions the study holds already (a package imported before, or the same labels). */
  alreadyHeld: number;
  /** Slots whose current code the import changes, with the code before and after ('' = none). */
  changes: Array<{ incidentId: string; dimension: string; round: number; before: string; after: string }>;
}

/**
 * What importing a package does to one annotator's labels: the union of the revisions, and the slots whose current
 * code changes (shown before a newer package replaces what an older one brought). Pure.
 */
export function planPackageImport(held: readonly LabelRevision[], pkg: Pick<LabelPackage, 'revisions' | 'marks'>, heldMarks: readonly CoderMark[] = []): PackageImportPlan {
  const known = new Set(held.map((r) => r.id));
  const added = pkg.revisions.filter((r) => !known.has(r.id));
  const knownMarks = new Set(heldMarks.map((m) => m.id));
  const addedMarks = pkg.marks.filter((m) => !knownMarks.has(m.id));
  const before = headRevisions(held);
  const after = headRevisions([...held, ...added]);
  const changes: PackageImportPlan['changes'] = [];
  for (const [key, head] of after) {
    const was = before.get(key)?.code ?? '';
    if (was !== head.code) changes.push({ incidentId: head.incidentId, dimension: head.dimension, round: head.round, before: was, after: head.code });
  }
  changes.sort((a, b) => a.round - b.round || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0) || (a.dimension < b.dimension ? -1 : 1));
  return { added, addedMarks, alreadyHeld: pkg.revisions.length - added.length, changes };
}
