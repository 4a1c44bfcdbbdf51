import { create } from 'zustand';
import type { FieldMapping, RowError } from '../../../shared/import/mapping.ts';
import type { ChosenFile } from '../platform/platform.ts';
import type { ImportPhase, ImportTimings, ImportRequest, ImportResponse, InspectedSource } from '../workers/importProtocol.ts';

export type ImportJobState =
  | { step: 'idle' }
  | { step: 'inspecting'; fileName: string }
  | { step: 'mapping'; file: ChosenFile; source: InspectedSource; formatId: string | null; mapping: FieldMapping }
  | { step: 'running'; fileName: string; phase: ImportPhase; bytesRead: number; totalBytes: number; rows: number; elapsedMs: number }
  | { step: 'confirm'; fileName: string; valid: number; errors: RowError[] }
  | { step: 'done'; fileName: string; added: number; updated: number; rejected: number; errors: RowError[]; rows: number; elapsedMs: number; timings: ImportTimings }
  | { step: 'cancelled'; fileName: string }
  | { step: 'failed'; message: string };

interface ImportJobStore {
  job: ImportJobState;
  open: (file: ChosenFile) => void;
  setMapping: (mapping: FieldMapping, formatId?: string | null) => void;
  start: (now: Date) => void;
  commit: () => void;
  cancel: () => void;
  reset: () => void;
}

let worker: Worker | null = null;
let importSeq = 0;

export const useImportJob = create<ImportJobStore>()((set, get) => {
  let fileName = '';
  let pendingFile: ChosenFile | null = null;

  const onMessage = (message: ImportResponse) => {
    const job = get().job;
    switch (message.type) {
      case 'inspected':
        if (job.step === 'inspecting' && pendingFile) {
          set({ job: { step: 'mapping', file: pendingFile, source: message.source, formatId: message.source.formatId, mapping: message.source.suggested } });
        }
        return;
      case 'progress':
        if (job.step === 'running' || job.step === 'confirm') {
          const { phase, bytesRead, totalBytes, rows, elapsedMs } = message;
          set({ job: { step: 'running', fileName, phase, bytesRead, totalBytes, rows, elapsedMs } });
        }
        return;
      case 'confirm':
        set({ job: { step: 'confirm', fileName, valid: message.valid, errors: message.errors } });
        return;
      case 'done':
        set({ job: { step: 'done', fileName, added: message.added, updated: message.updated, rejected: message.rejected, errors: message.errors, rows: message.rows, elapsedMs: message.elapsedMs, timings: message.timings } });
        return;
      case 'cancelled':
        set({ job: { step: 'cancelled', fileName } });
        return;
      case 'failed':
        set({ job: { step: 'failed', message: message.message } });
    }
  };

  const send = (request: ImportRequest) => {
    worker ??= new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ImportResponse>) => onMessage(event.data);
    worker.onerror = (event) => onMessage({ type: 'failed', message: event.message || 'The import worker stopped unexpectedly.' });
    worker.postMessage(request);
  };

  return {
    job: { step: 'idle' },
    open: (file) => {
      pendingFile = file;
      fileName = file.name;
      set({ job: { step: 'inspecting', fileName: file.name } });
      send({ type: 'inspect', file: file.file, fileName: file.name });
    },
    setMapping: (mapping, formatId) => {
      const job = get().job;
      if (job.step !== 'mapping') return;
      set({ job: { ...job, mapping, formatId: formatId === undefined ? job.formatId : formatId } });
    },
    start: (now) => {
      const job = get().job;
      if (job.step !== 'mapping') return;
      fileName = job.file.name;
      set({ job: { step: 'running', fileName, phase: 'reading', bytesRead: 0, totalBytes: job.source.sizeBytes, rows: 0, elapsedMs: 0 } });
      send({
        type: 'import',
        file: job.file.file,
        fileName,
        encoding: job.source.encoding,
        format: job.source.format,
        formatId: job.formatId,
        mapping: job.mapping,
        importId: `${now.getTime().toString(36)}-${++importSeq}`,
        importedAt: now.toISOString(),
      });
    },
    commit: () => send({ type: 'commit' }),
    cancel: () => send({ type: 'cancel' }),
    reset: () => {
      pendingFile = null;
      set({ job: { step: 'idle' } });
    },
  };
});
