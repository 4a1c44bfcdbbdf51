import type { Annotator, Dimension, Label, Resolution } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/** Only the labels of one annotator: what the coding screen may show, so coding stays blind. */
export function listLabelsOf(db: WorkbenchDatabase, annotatorId: string): Promise<Label[]> {
  return db.labels.where('annotatorId').equals(annotatorId).toArray();
}

/** Every annotator's labels: for the lead's agreement and resolution views only. */
export function listAllLabels(db: WorkbenchDatabase): Promise<Label[]> {
  return db.labels.toArray();
}

/** Saves an annotator's codes for one incident; resolves only when IndexedDB has committed them. */
export async function saveLabels(db: WorkbenchDatabase, labels: readonly Label[]): Promise<void> {
  await db.transaction('rw', db.labels, async () => {
    await db.labels.bulkPut(labels as Label[]);
  });
}

export async function listAnnotators(db: WorkbenchDatabase): Promise<Annotator[]> {
  return byCreation(await db.annotators.toArray());
}

const byCreation = (annotators: Annotator[]) => annotators.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

export async function addAnnotator(db: WorkbenchDatabase, name: string, now: Date): Promise<Annotator> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('An annotator needs a name.');
  const existing = await db.annotators.toArray();
  if (existing.some((a) => a.name === trimmed)) throw new Error(`An annotator named "${trimmed}" already exists.`);
  const annotator: Annotator = { id: `annotator-${existing.length + 1}-${now.getTime().toString(36)}`, name: trimmed, createdAt: now.toISOString() };
  await db.annotators.add(annotator);
  return annotator;
}

/** The first start creates two annotator profiles, since the method needs two independent coders. */
export async function ensureDefaultAnnotators(db: WorkbenchDatabase, now: Date): Promise<Annotator[]> {
  return db.transaction('rw', db.annotators, async () => {
    if ((await db.annotators.count()) === 0) {
      await db.annotators.bulkAdd([
        { id: 'annotator-a', name: 'Annotator A', createdAt: new Date(now.getTime()).toISOString() },
        { id: 'annotator-b', name: 'Annotator B', createdAt: new Date(now.getTime() + 1).toISOString() },
      ]);
    }
    return byCreation(await db.annotators.toArray());
  });
}

export function listResolutions(db: WorkbenchDatabase): Promise<Resolution[]> {
  return db.resolutions.toArray();
}

export async function saveResolution(db: WorkbenchDatabase, resolution: Resolution): Promise<void> {
  if (resolution.rationale.trim() === '') throw new Error('A resolution needs a reason.');
  if (resolution.resolvedBy.trim() === '') throw new Error('A resolution needs the name of who decided.');
  await db.resolutions.put(resolution);
}

/**
 * Saves one annotator's codes for one incident in one transaction: a dimension with a code is stored
 * (replacing the earlier code), a dimension left empty has its earlier label removed.
 */
export async function saveIncidentCodes(
  db: WorkbenchDatabase,
  entry: { incidentId: string; annotatorId: string; codebookId: string; codebookVersion: number; round?: number; now: Date },
  codes: Record<Dimension, { code: string; rationale: string }>,
): Promise<void> {
  await db.transaction('rw', db.labels, async () => {
    for (const [dimension, { code, rationale }] of Object.entries(codes) as Array<[Dimension, { code: string; rationale: string }]>) {
      if (code === '') {
        await db.labels.delete([entry.incidentId, entry.annotatorId, dimension]);
        continue;
      }
      await db.labels.put({
        incidentId: entry.incidentId,
        annotatorId: entry.annotatorId,
        dimension,
        code,
        rationale: rationale.trim(),
        codebookId: entry.codebookId,
        codebookVersion: entry.codebookVersion,
        round: entry.round ?? 1,
        savedAt: entry.now.toISOString(),
      });
    }
  });
}
