import { create } from 'zustand';
import type { TextEncoding } from '../../../../shared/import/encoding.ts';
import type { FieldMapping, RowError } from '../../../../shared/import/mapping.ts';
import type { FieldWarningSummary } from '../../../../shared/import/pipeline.ts';
import { matchingPreset, type MappingPreset } from '../../../../shared/import/presets.ts';
import type { ChosenFile } from '../../platform/platform.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import type { ImportProgress, ImportTimings, ImportRequest, ImportResponse, InspectedSource } from '../../workers/importProtocol.ts';

/** The mapping step as the user left it: restored by "back to mapping" with every edit in place. */
export interface MappingStep {
  step: 'mapping';
  files: ChosenFile[];
  source: InspectedSource;
  formatId: string | null;
  mapping: FieldMapping;
  /** The saved preset applied automatically because the file has all its columns, if any. */
  appliedPreset: string | null;
  /** Warnings of the last run of this mapping: their values are offered in the value maps. */
  warnings: FieldWarningSummary[];
}

export type ImportJobState =
  | { step: 'idle' }
  | { step: 'inspecting'; fileName: string }
  | MappingStep
  | ({ step: 'running' } & ImportProgress)
  | { step: 'confirm'; fileName: string; valid: number; errors: RowError[]; warnings: FieldWarningSummary[] }
  | { step: 'done'; fileName: string; added: number; updated: number; rejected: number; errors: RowError[]; warnings: FieldWarningSummary[]; rows: number; elapsedMs: number; timings: ImportTimings }
  | { step: 'cancelled'; fileName: string }
  | { step: 'failed'; message: string };

interface ImportJobStore {
  job: ImportJobState;
  /** The last mapping step, kept while an import runs so the user can go back to it. */
  lastMapping: MappingStep | null;
  open: (files: ChosenFile[], savedPresets: readonly MappingPreset[]) => void;
  /** Reads the first file again in another encoding. */
  reinspect: (encoding: TextEncoding) => void;
  setMapping: (mapping: FieldMapping, formatId?: string | null) => void;
  start: (now: Date) => void;
  commit: () => void;
  cancel: () => void;
  backToMapping: () => void;
  reset: () => void;
}

let worker: Worker | null = null;
let importSeq = 0;

export const useImportJob = create<ImportJobStore>()((set, get) => {
  let fileName = '';
  let pendingFiles: ChosenFile[] = [];
  let presets: readonly MappingPreset[] = [];
  // Set (to the warnings shown) when the user asked to go back to mapping from the confirmation: the import is cancelled first.
  let returnToMapping: FieldWarningSummary[] | null = null;

  const toMapping = (warnings: FieldWarningSummary[]) => {
    const last = get().lastMapping;
    if (last) set({ job: { ...last, warnings } });
    else set({ job: { step: 'idle' } });
  };

  const onMessage = (message: ImportResponse) => {
    const job = get().job;
    switch (message.type) {
      case 'inspected': {
        if (job.step !== 'inspecting' || pendingFiles.length === 0) return;
        const { source } = message;
        const preset = source.formatId ? null : matchingPreset(presets, source.format, source.columns);
        // Read again in another encoding: the same columns keep the user's mapping.
        const previous = get().lastMapping;
        if (previous && previous.files === pendingFiles && previous.source.columns.join('\u0000') === source.columns.join('\u0000')) {
          const step: MappingStep = { ...previous, source };
          set({ job: step, lastMapping: step });
          return;
        }
        const step: MappingStep = {
          step: 'mapping',
          files: pendingFiles,
          source,
          formatId: preset ? (preset.formatId ?? null) : source.formatId,
          mapping: preset ? structuredClone(preset.mapping) : source.suggestion.mapping,
          appliedPreset: preset?.name ?? null,
          warnings: [],
        };
        set({ job: step, lastMapping: step });
        return;
      }
      case 'progress':
        if (job.step === 'running' || job.step === 'confirm') {
          const { phase, fileName: name, fileIndex, fileCount, bytesRead, totalBytes, rows, elapsedMs } = message;
          set({ job: { step: 'running', phase, fileName: name, fileIndex, fileCount, bytesRead, totalBytes, rows, elapsedMs } });
        }
        return;
      case 'confirm':
        returnToMapping = null;
        set({ job: { step: 'confirm', fileName, valid: message.valid, errors: message.errors, warnings: message.warnings } });
        return;
      case 'done':
        returnToMapping = null;
        set({ job: { step: 'done', fileName, added: message.added, updated: message.updated, rejected: message.rejected, errors: message.errors, warnings: message.warnings, rows: message.rows, elapsedMs: message.elapsedMs, timings: message.timings } });
        return;
      case 'cancelled':
        if (returnToMapping) {
          const warnings = returnToMapping;
          returnToMapping = null;
          toMapping(warnings);
        } else if (job.step === 'inspecting') set({ job: { step: 'idle' } });
        else set({ job: { step: 'cancelled', fileName } });
        return;
      case 'failed':
        returnToMapping = null;
        set({ job: { step: 'failed', message: message.message } });
    }
  };

  const send = (request: ImportRequest) => {
    worker ??= new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ImportResponse>) => onMessage(event.data);
    worker.onerror = (event) => onMessage({ type: 'failed', message: event.message || 'The import worker stopped unexpectedly.' });
    worker.postMessage(request);
  };

  const inspect = (files: ChosenFile[], encoding?: TextEncoding) => {
    pendingFiles = files;
    fileName = files.map((f) => f.name).join(', ');
    set({ job: { step: 'inspecting', fileName: files[0]!.name } });
    send({ type: 'inspect', file: files[0]!.file, fileName: files[0]!.name, encoding, others: files.slice(1).map((f) => ({ file: f.file, fileName: f.name })) });
  };

  return {
    job: { step: 'idle' },
    lastMapping: null,
    open: (files, savedPresets) => {
      if (files.length === 0) return;
      presets = savedPresets;
      inspect(files);
    },
    reinspect: (encoding) => {
      const job = get().job;
      if (job.step === 'mapping') inspect(job.files, encoding);
    },
    setMapping: (mapping, formatId) => {
      const job = get().job;
      if (job.step !== 'mapping') return;
      const next: MappingStep = { ...job, mapping, formatId: formatId === undefined ? job.formatId : formatId };
      set({ job: next, lastMapping: next });
    },
    start: (now) => {
      const job = get().job;
      if (job.step !== 'mapping') return;
      fileName = job.files.map((f) => f.name).join(', ');
      const totalBytes = job.files.reduce((sum, f) => sum + f.file.size, 0);
      set({ job: { step: 'running', phase: 'reading', fileName: job.files[0]!.name, fileIndex: 1, fileCount: job.files.length, bytesRead: 0, totalBytes, rows: 0, elapsedMs: 0 } });
      send({
        type: 'import',
        // The first file is read as shown (and perhaps chosen) on the mapping screen; the others' encoding and container are detected.
        files: job.files.map((f, i) => ({ file: f.file, fileName: f.name, ...(i === 0 ? { encoding: job.source.encoding, format: job.source.format } : {}) })),
        formatId: job.formatId,
        mapping: job.mapping,
        importId: `${now.getTime().toString(36)}-${++importSeq}`,
        importedAt: now.toISOString(),
        // The study open now: the worker writes to its database, even if another study is opened meanwhile.
        dbName: getDatabase().name,
      });
    },
    commit: () => send({ type: 'commit' }),
    cancel: () => send({ type: 'cancel' }),
    backToMapping: () => {
      const job = get().job;
      if (job.step === 'confirm') {
        returnToMapping = job.warnings;
        send({ type: 'cancel' });
      } else toMapping(job.step === 'done' ? job.warnings : []);
    },
    reset: () => {
      pendingFiles = [];
      set({ job: { step: 'idle' }, lastMapping: null });
    },
  };
});
