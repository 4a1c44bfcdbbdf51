import { planPackageImport, readLabelPackage, writeLabelPackage, type LabelPackage, type PackageImportPlan } from '../../../../shared/coding/labelPackage.ts';
import type { Sha256 } from '../../../../shared/study/studyFile.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { listCodebookVersions } from './codebooks.ts';
import { appendRevisions } from './labels.ts';

/** One annotator's label package of this study (every revision and unsure flag, every round), as the text of the file. */
export async function exportLabelPackage(db: WorkbenchDatabase, annotatorId: string, now: Date, sha256: Sha256): Promise<string> {
  const [settings, annotator, revisions, marks] = await db.transaction('r', [db.settings, db.people, db.labelRevisions, db.coderMarks], () =>
    Promise.all([
      db.settings.get('study'),
      db.people.get(annotatorId),
      db.labelRevisions.where('annotatorId').equals(annotatorId).toArray(),
      db.coderMarks.filter((m) => m.annotatorId === annotatorId && m.kind === 'unsure').toArray(),
    ]),
  );
  if (!settings) throw new Error('The study is not set up.');
  if (!annotator) throw new Error('There is no such person in this study.');
  return writeLabelPackage({ studyId: settings.studyId, studyName: settings.name, annotator, codebookId: settings.codebook.id, revisions, marks, now }, sha256);
}

export type PackageImportPreview = { ok: true; pkg: LabelPackage; plan: PackageImportPlan; newPerson: boolean } | { ok: false; message: string };

const heldOf = (db: WorkbenchDatabase, annotatorId: string) =>
  Promise.all([db.labelRevisions.where('annotatorId').equals(annotatorId).toArray(), db.coderMarks.filter((m) => m.annotatorId === annotatorId).toArray()]);

/** Reads a package for this study and says what importing it would do, writing nothing. */
export async function previewLabelPackage(db: WorkbenchDatabase, text: string, fileName: string, sha256: Sha256): Promise<PackageImportPreview> {
  const settings = await db.settings.get('study');
  if (!settings) return { ok: false, message: 'The study is not set up.' };
  const versions = new Set((await listCodebookVersions(db)).map((c) => c.version));
  const read = await readLabelPackage(text, fileName, { id: settings.studyId, codebookId: settings.codebook.id, codebookVersions: versions }, sha256);
  if (!read.ok) return read;
  const [held, heldMarks] = await heldOf(db, read.pkg.annotator.id);
  return { ok: true, pkg: read.pkg, plan: planPackageImport(held, read.pkg, heldMarks), newPerson: !(await db.people.get(read.pkg.annotator.id)) };
}

/**
 * Imports a package: its annotator joins the study if new, and every revision and flag the study does not hold is
 * added (the plan is made again inside the transaction, so what was previewed and what is held now cannot drift
 * apart). Importing the same package again adds nothing.
 */
export async function importLabelPackage(db: WorkbenchDatabase, pkg: LabelPackage): Promise<{ added: number; alreadyHeld: number }> {
  return db.transaction('rw', [db.people, db.labelRevisions, db.coderMarks, db.currentLabels, db.labelColumns, db.labelTallies], async () => {
    // The package says who coded; it never says what they may see: someone new joins as an annotator, whatever role
    // the file names, and a known person keeps the role this study gave them.
    const known = await db.people.get(pkg.annotator.id);
    if (known?.role === 'source') throw new Error(`${known.name} is a source of labels in this study, not an annotator: their labels come from "Labels from elsewhere".`);
    if (!known) await db.people.add({ ...pkg.annotator, role: 'annotator' });
    const [held, heldMarks] = await heldOf(db, pkg.annotator.id);
    const plan = planPackageImport(held, pkg, heldMarks);
    // The package holds the annotator's whole history, so the heads among what is added are the slots' heads.
    await appendRevisions(db, plan.added);
    await db.coderMarks.bulkAdd(plan.addedMarks);
    return { added: plan.added.length + plan.addedMarks.length, alreadyHeld: plan.alreadyHeld };
  });
}
