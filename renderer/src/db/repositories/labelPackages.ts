import { planPackageImport, readLabelPackage, writeLabelPackage, type LabelPackage, type PackageImportPlan } from '../../../../shared/coding/labelPackage.ts';
import type { Sha256 } from '../../../../shared/study/studyFile.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { listCodebookVersions } from './codebooks.ts';
import { appendRevisions } from './labels.ts';

/** One annotator's label package of this study (every revision, every round), as the text of the file. */
export async function exportLabelPackage(db: WorkbenchDatabase, annotatorId: string, now: Date, sha256: Sha256): Promise<string> {
  const [settings, annotator, revisions] = await db.transaction('r', [db.settings, db.people, db.labelRevisions], () =>
    Promise.all([db.settings.get('study'), db.people.get(annotatorId), db.labelRevisions.filter((r) => r.annotatorId === annotatorId).toArray()]),
  );
  if (!settings) throw new Error('The study is not set up.');
  if (!annotator) throw new Error('There is no such person in this study.');
  return writeLabelPackage({ studyId: settings.studyId, studyName: settings.name, annotator, codebookId: settings.codebook.id, revisions, now }, sha256);
}

export type PackageImportPreview = { ok: true; pkg: LabelPackage; plan: PackageImportPlan; newPerson: boolean } | { ok: false; message: string };

/** Reads a package for this study and says what importing it would do, writing nothing. */
export async function previewLabelPackage(db: WorkbenchDatabase, text: string, fileName: string, sha256: Sha256): Promise<PackageImportPreview> {
  const settings = await db.settings.get('study');
  if (!settings) return { ok: false, message: 'The study is not set up.' };
  const versions = new Set((await listCodebookVersions(db)).map((c) => c.version));
  const read = await readLabelPackage(text, fileName, { id: settings.studyId, codebookId: settings.codebook.id, codebookVersions: versions }, sha256);
  if (!read.ok) return read;
  const held = await db.labelRevisions.filter((r) => r.annotatorId === read.pkg.annotator.id).toArray();
  return { ok: true, pkg: read.pkg, plan: planPackageImport(held, read.pkg), newPerson: !(await db.people.get(read.pkg.annotator.id)) };
}

/**
 * Imports a package: its annotator joins the study if new, and every revision the study does not hold is added (the
 * plan is made again inside the transaction, so what was previewed and what is held now cannot drift apart).
 * Importing the same package again adds nothing.
 */
export async function importLabelPackage(db: WorkbenchDatabase, pkg: LabelPackage): Promise<{ added: number; alreadyHeld: number }> {
  return db.transaction('rw', [db.people, db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies], async () => {
    if (!(await db.people.get(pkg.annotator.id))) await db.people.add(pkg.annotator);
    const held = await db.labelRevisions.filter((r) => r.annotatorId === pkg.annotator.id).toArray();
    const plan = planPackageImport(held, pkg);
    // The package holds the annotator's whole history, so the heads among what is added are the slots' heads.
    await appendRevisions(db, plan.added);
    return { added: plan.added.length, alreadyHeld: plan.alreadyHeld };
  });
}
