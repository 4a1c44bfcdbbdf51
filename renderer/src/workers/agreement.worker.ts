/// <reference lib="webworker" />
import { buildAgreementView, type AgreementRequest, type AgreementView } from '../../../shared/study/agreementView.ts';
import Dexie from 'dexie';
import { WorkbenchDatabase } from '../db/schema.ts';
import { loadAgreementInputs, type CoderCodesCache } from '../db/repositories/agreementInputs.ts';

/** The agreement view of a study, computed off the main thread: a study's labels run to hundreds of thousands. */
export type AgreementWorkerRequest = { id: number; dbName: string; request: AgreementRequest };
/** `readMs` and `computeMs`: reading the inputs and computing the view, for the benchmark. */
export type AgreementWorkerResponse = { id: number; view: AgreementView; readMs: number; computeMs: number } | { id: number; error: string };

const databases = new Map<string, WorkbenchDatabase>();
/** Decoded codes per study and coder, reused while the coder's tallies are unchanged. */
const caches = new Map<string, CoderCodesCache>();

self.onmessage = async (event: MessageEvent<AgreementWorkerRequest>) => {
  const { id, dbName, request } = event.data;
  const started = performance.now();
  try {
    let db = databases.get(dbName);
    if (!db) {
      // Opening a study that was deleted meanwhile would make an empty one of the same name.
      if (!(await Dexie.exists(dbName))) throw new Error('The study is no longer on this machine.');
      const opened = new WorkbenchDatabase(dbName);
      // Another window deleting this study asks every connection to close; this one does for good, and is forgotten.
      opened.on('versionchange', () => {
        opened.close({ disableAutoOpen: true });
        databases.delete(dbName);
        caches.delete(dbName);
        return false;
      });
      databases.set(dbName, (db = opened));
    }
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
