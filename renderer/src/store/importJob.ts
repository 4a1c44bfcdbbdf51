import { create } from 'zustand';
import type { FieldMapping, MappableField, RowError } from '../../../shared/import/mapping.ts';
import type { OpenedFile } from '../../../shared/ipc/contract.ts';
import type { ImportPhase, ImportRequest, ImportResponse, InspectedSource } from '../workers/importProtocol.ts';

export type ImportJobState =
  | { step: 'idle' }
  | { step: 'inspecting'; fileName: string }
  | { step: 'mapping'; file: OpenedFile; source: InspectedSource; mapping: FieldMapping }
  | { step: 'running'; file: OpenedFile; phase: ImportPhase; done: number; total: number; elapsedMs: number }
  | { step: 'confirm'; file: OpenedFile; valid: number; errors: RowError[] }
  | { step: 'done'; fileName: string; added: number; updated: number; rejected: number; errors: RowError[] }
  | { step: 'cancelled'; fileName: string }
  | { step: 'failed'; message: string };

interface ImportJobStore {
  job: ImportJobState;
  open: (file: OpenedFile) => void;
  setField: (field: MappableField, column: string) => void;
  start: (now: Date) => void;
  commit: () => void;
  cancel: () => void;
  reset: () => void;
}

let worker: Worker | null = null;

function getWorker(onMessage: (m: ImportResponse) => void): Worker {
  if (!worker) {
    worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
  }
  worker.onmessage = (event: MessageEvent<ImportResponse>) => onMessage(event.data);
  worker.onerror = (event) => onMessage({ type: 'failed', message: event.message || 'The import worker stopped unexpectedly.' });
  return worker;
}

const send = (request: ImportRequest, onMessage: (m: ImportResponse) => void) => getWorker(onMessage).postMessage(request);

export const useImportJob = create<ImportJobStore>()((set, get) => {
  let pendingFile: OpenedFile | null = null;
  const onMessage = (message: ImportResponse) => {
    const job = get().job;
    switch (message.type) {
      case 'inspected':
        if (job.step === 'inspecting' || job.step === 'mapping') {
          const file = pendingFile!;
          set({ job: { step: 'mapping', file, source: message.source, mapping: message.source.suggested } });
        }
        return;
      case 'progress':
        if (job.step === 'running' || job.step === 'confirm' || job.step === 'mapping') {
          const file = 'file' in job ? job.file : pendingFile!;
          set({ job: { step: 'running', file, phase: message.phase, done: message.done, total: message.total, elapsedMs: message.elapsedMs } });
        }
        return;
      case 'confirm':
        if (job.step === 'running') set({ job: { step: 'confirm', file: job.file, valid: message.valid, errors: message.errors } });
        return;
      case 'done':
        set({ job: { step: 'done', fileName: pendingFile?.name ?? '', added: message.added, updated: message.updated, rejected: message.rejected, errors: message.errors } });
        return;
      case 'cancelled':
        set({ job: { step: 'cancelled', fileName: pendingFile?.name ?? '' } });
        return;
      case 'failed':
        set({ job: { step: 'failed', message: message.message } });
    }
  };

  return {
    job: { step: 'idle' },
    open: (file) => {
      pendingFile = file;
      set({ job: { step: 'inspecting', fileName: file.name } });
      send({ type: 'inspect', fileName: file.name, text: file.text }, onMessage);
    },
    setField: (field, column) => {
      const job = get().job;
      if (job.step !== 'mapping') return;
      const fields = { ...job.mapping.fields };
      if (column === '') delete fields[field];
      else fields[field] = column;
      set({ job: { ...job, mapping: { ...job.mapping, fields } } });
    },
    start: (now) => {
      const job = get().job;
      if (job.step !== 'mapping') return;
      set({ job: { step: 'running', file: job.file, phase: 'parsing', done: 0, total: job.source.total, elapsedMs: 0 } });
      send({ type: 'import', fileName: job.file.name, text: job.file.text, format: job.source.format, mapping: job.mapping, importedAt: now.toISOString() }, onMessage);
    },
    commit: () => send({ type: 'commit' }, onMessage),
    cancel: () => send({ type: 'cancel' }, onMessage),
    reset: () => {
      pendingFile = null;
      set({ job: { step: 'idle' } });
    },
  };
});
