/// <reference lib="webworker" />
import { IncidentNormaliser } from '../../../shared/import/importIncidents.ts';
import { suggestMapping } from '../../../shared/import/mapping.ts';
import { parseSource, type ParsedSource, type SourceFormat } from '../../../shared/import/parse.ts';
import { detectPreset } from '../../../shared/import/presets.ts';
import { getDatabase } from '../db/schema.ts';
import { ImportCancelled, storeImportedIncidents } from '../db/repositories/incidents.ts';
import type { ImportRequest, ImportResponse } from './importProtocol.ts';

// Parsing, normalising and storing run here, off the main thread; the screen only shows progress.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ImportResponse) => scope.postMessage(message);

let cancelRequested = false;
let confirmation: ((commit: boolean) => void) | null = null;
let cached: { key: string; source: ParsedSource } | null = null;

const CHUNK = 1000;
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function parseCached(fileName: string, text: string, format: SourceFormat | undefined): ParsedSource {
  const key = `${fileName}\u0000${text.length}\u0000${format ?? ''}`;
  if (cached?.key !== key) cached = { key, source: parseSource(fileName, text, format) };
  return cached.source;
}

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'cancel':
      cancelRequested = true;
      confirmation?.(false);
      return;
    case 'commit':
      confirmation?.(true);
      return;
    case 'inspect':
      try {
        const source = parseCached(request.fileName, request.text, request.format);
        const preset = detectPreset(source.columns);
        post({
          type: 'inspected',
          source: {
            fileName: request.fileName,
            format: source.format,
            columns: source.columns,
            total: source.records.length,
            sample: source.records.slice(0, 5),
            presetId: preset?.id ?? null,
            suggested: preset?.mapping ?? suggestMapping(source.columns),
            parseErrors: source.errors.slice(0, 1000),
          },
        });
      } catch (error) {
        post({ type: 'failed', message: `${request.fileName}: ${(error as Error).message}` });
      }
      return;
    case 'import':
      cancelRequested = false;
      void runImport(request).catch((error: unknown) => {
        if (error instanceof ImportCancelled) post({ type: 'cancelled' });
        else post({ type: 'failed', message: `${request.fileName}: ${(error as Error).message}` });
      });
  }
};

async function runImport(request: Extract<ImportRequest, { type: 'import' }>): Promise<void> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  post({ type: 'progress', phase: 'parsing', done: 0, total: 1, elapsedMs: 0 });
  const source = parseCached(request.fileName, request.text, request.format);
  const normaliser = new IncidentNormaliser(source, request.fileName, request.mapping);
  for (let i = 0; i < normaliser.total; i += CHUNK) {
    await yieldToMessages();
    if (cancelRequested) throw new ImportCancelled();
    normaliser.run(i, i + CHUNK);
    post({ type: 'progress', phase: 'normalising', done: Math.min(i + CHUNK, normaliser.total), total: normaliser.total, elapsedMs: elapsed() });
  }
  const result = normaliser.result();
  if (result.errors.length > 0) {
    post({ type: 'confirm', valid: result.incidents.length, errors: result.errors });
    const commit = await new Promise<boolean>((resolve) => (confirmation = resolve));
    confirmation = null;
    if (!commit) throw new ImportCancelled();
  }
  const stored = await storeImportedIncidents(
    getDatabase(),
    result.incidents,
    { fileName: request.fileName, format: source.format, importedAt: request.importedAt, rejected: source.records.length - result.incidents.length },
    {
      shouldCancel: () => cancelRequested,
      onProgress: (done) => post({ type: 'progress', phase: 'storing', done, total: result.incidents.length, elapsedMs: elapsed() }),
    },
  );
  post({
    type: 'done',
    added: stored.added,
    updated: stored.updated,
    rejected: source.records.length - result.incidents.length,
    errors: result.errors,
    duplicateIds: result.duplicateIds,
  });
}
