import type { Dimension } from '../../../../shared/model/labels.ts';
import { createWorkerClient } from '../../workers/workerClient.ts';
import type { LabelWriterRequest, LabelWriterResponse } from '../../workers/labelWriter.worker.ts';

type Request = LabelWriterRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
const ask = createWorkerClient<Request, LabelWriterResponse>(() => new Worker(new URL('../../workers/labelWriter.worker.ts', import.meta.url), { type: 'module' }));

/** Opens the study in the label writer ahead of the first save (the Code screen does when it opens). */
export function prepareLabelWriter(dbName: string): void {
  void ask({ kind: 'open', dbName }).catch(() => {});
}

/**
 * Saves codes through the label writer (a worker): resolves with the ids of the revisions added once IndexedDB has
 * committed them, or rejects with the reason they were not saved.
 */
export async function saveCodes(
  dbName: string,
  entry: { incidentId: string; annotatorId: string; round: number; codebookId: string; codebookVersion: number; now: Date },
  codes: Partial<Record<Dimension, { code: string; rationale: string; secondaryCodes?: readonly string[] }>>,
): Promise<string[]> {
  const response = await ask({ kind: 'save', dbName, entry: { ...entry, now: entry.now.toISOString() }, codes });
  if ('error' in response) throw new Error(response.error);
  return response.revisions;
}
