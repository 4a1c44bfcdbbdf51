/// <reference lib="webworker" />
import { buildAgreementView, type AgreementRequest, type AgreementView } from '../../../shared/study/agreementView.ts';
import { WorkbenchDatabase } from '../db/schema.ts';
import { loadAgreementInputs } from '../db/repositories/agreementInputs.ts';

/** The agreement view of a study, computed off the main thread: a study's labels run to hundreds of thousands. */
export type AgreementWorkerRequest = { id: number; dbName: string; request: AgreementRequest };
export type AgreementWorkerResponse = { id: number; view: AgreementView; ms: number } | { id: number; error: string };

const databases = new Map<string, WorkbenchDatabase>();

self.onmessage = async (event: MessageEvent<AgreementWorkerRequest>) => {
  const { id, dbName, request } = event.data;
  const started = performance.now();
  try {
    let db = databases.get(dbName);
    if (!db) {
      db = new WorkbenchDatabase(dbName);
      // Another window deleting this study asks every connection to close; this one does, and opens again when asked.
      db.on('versionchange', () => {
        db!.close();
        databases.delete(dbName);
      });
      databases.set(dbName, db);
    }
    const inputs = await loadAgreementInputs(db, request);
    if (!inputs.codebook) throw new Error('The study has no codebook.');
    const view = buildAgreementView({ ...inputs, codebook: inputs.codebook, request });
    (self as DedicatedWorkerGlobalScope).postMessage({ id, view, ms: performance.now() - started } satisfies AgreementWorkerResponse);
  } catch (e) {
    (self as DedicatedWorkerGlobalScope).postMessage({ id, error: (e as Error).message } satisfies AgreementWorkerResponse);
  }
};
