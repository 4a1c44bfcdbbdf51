/// <reference lib="webworker" />
import { buildAgreementView, type AgreementRequest, type AgreementView } from '../../../shared/study/agreementView.ts';
import { workerDatabases } from './workerDatabases.ts';
import { loadAgreementInputs, type CoderCodesCache } from '../db/repositories/agreementInputs.ts';

/** The agreement view of a study, computed off the main thread: a study's labels run to hundreds of thousands. */
export type AgreementWorkerRequest = { id: number; dbName: string; request: AgreementRequest };
/** `readMs` and `computeMs`: reading the inputs and computing the view, for the benchmark. */
export type AgreementWorkerResponse = { id: number; view: AgreementView; readMs: number; computeMs: number } | { id: number; error: string };

/** Decoded codes per study and coder, reused while the coder's tallies are unchanged. */
const caches = new Map<string, CoderCodesCache>();
const databaseOf = workerDatabases((dbName) => caches.delete(dbName));

self.onmessage = async (event: MessageEvent<AgreementWorkerRequest>) => {
  const { id, dbName, request } = event.data;
  const started = performance.now();
  try {
    const db = await databaseOf(dbName);
    let cache = caches.get(dbName);
    if (!cache) caches.set(dbName, (cache = new Map()));
    const inputs = await loadAgreementInputs(db, request, cache);
    if (!inputs.codebook) throw new Error('The study has no codebook.');
    const read = performance.now();
    const view = buildAgreementView({ ...inputs, codebook: inputs.codebook, request });
    (self as DedicatedWorkerGlobalScope).postMessage({ id, view, readMs: read - started, computeMs: performance.now() - read } satisfies AgreementWorkerResponse);
  } catch (e) {
    (self as DedicatedWorkerGlobalScope).postMessage({ id, error: (e as Error).message } satisfies AgreementWorkerResponse);
  }
};
