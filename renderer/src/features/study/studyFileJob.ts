import { create } from 'zustand';
import type { StudyEntry } from '../../db/catalog.ts';
import type { StudyFileRequest, StudyFileResponse } from '../../workers/studyFileProtocol.ts';

export type StudyFileJob =
  | { step: 'idle' }
  | { step: 'running'; what: StudyFileRequest['type']; label: string; done: number; total: number }
  | { step: 'exported'; bytes: Uint8Array }
  | { step: 'imported'; entry: StudyEntry; starter?: { as: string | null } }
  | { step: 'failed'; message: string }
  | { step: 'cancelled' };

interface StudyFileStore {
  job: StudyFileJob;
  run: (request: StudyFileRequest) => Promise<StudyFileJob>;
  cancel: () => void;
}

let worker: Worker | null = null;
let settle: ((job: StudyFileJob) => void) | null = null;

/**
 * A study file export or import in its worker, with progress. Cancel stops the worker; an import stores the study in
 * one transaction and lists it only after, so a cancelled import leaves no study behind.
 */
export const useStudyFileJob = create<StudyFileStore>()((set) => ({
  job: { step: 'idle' },
  run: (request) =>
    new Promise<StudyFileJob>((resolve) => {
      worker?.terminate();
      const current = new Worker(new URL('../../workers/studyFile.worker.ts', import.meta.url), { type: 'module' });
      worker = current;
      settle = resolve;
      const finish = (job: StudyFileJob) => {
        set({ job });
        current.terminate();
        if (worker === current) worker = null;
        settle = null;
        resolve(job);
      };
      set({ job: { step: 'running', what: request.type, label: 'starting', done: 0, total: 1 } });
      current.onmessage = (event: MessageEvent<StudyFileResponse>) => {
        const m = event.data;
        if (m.type === 'progress') set({ job: { step: 'running', what: request.type, label: m.step, done: m.done, total: m.total } });
        else if (m.type === 'exported') finish({ step: 'exported', bytes: m.bytes });
        else if (m.type === 'imported') finish({ step: 'imported', entry: m.entry, ...(m.starter ? { starter: m.starter } : {}) });
        else finish({ step: 'failed', message: m.message });
      };
      current.onerror = (event) => finish({ step: 'failed', message: event.message || 'The study file worker stopped unexpectedly.' });
      current.postMessage(request);
    }),
  cancel: () => {
    worker?.terminate();
    worker = null;
    set({ job: { step: 'cancelled' } });
    settle?.({ step: 'cancelled' });
    settle = null;
  },
}));
