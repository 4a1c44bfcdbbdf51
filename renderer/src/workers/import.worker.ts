/// <reference lib="webworker" />
import { detectFormat } from '../../../shared/import/formats/index.ts';
import type { FieldWarningSummary } from '../../../shared/import/pipeline.ts';
import { ImportCancelled, inspectSource, streamIncidents, type ByteSource } from '../../../shared/import/stream.ts';
import { suggestMapping } from '../../../shared/import/suggest.ts';
import type { RowError } from '../../../shared/import/mapping.ts';
import { appendAll } from '../../../shared/import/readers/index.ts';
import { WorkbenchDatabase } from '../db/schema.ts';
import { beginImport, commitImport, importLockName, isImportRunning, rollBackImport, writeImportBatch } from '../db/repositories/imports.ts';
import type { ImportProgress, ImportRequest, ImportResponse, OtherFileHead } from './importProtocol.ts';

// Reading, parsing, normalising and storing all run here: the screen only shows progress.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ImportResponse) => scope.postMessage(message);

const WRITES_IN_FLIGHT = 3;

let cancelRequested = false;
let confirmation: ((commit: boolean) => void) | null = null;

/** Lets queued messages (a cancel) run between chunks. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function blobSource(blob: Blob): ByteSource {
  return { size: blob.size, read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()) };
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
      cancelRequested = false;
      void inspect(request).catch((e: unknown) =>
        post(e instanceof ImportCancelled ? { type: 'cancelled' } : { type: 'failed', message: `${request.fileName}: ${(e as Error).message}` }),
      );
      return;
    case 'import':
      cancelRequested = false;
      // Held for the whole import: another window starting up sees it is alive and does not roll it back.
      void navigator.locks.request(importLockName(request.importId), () => runImport(request));
  }
};

async function inspect(request: Extract<ImportRequest, { type: 'inspect' }>): Promise<void> {
  const head = await inspectSource(blobSource(request.file), {
    fileName: request.fileName,
    encoding: request.encoding,
    format: request.format,
    isCancelled: () => cancelRequested,
  });
  // A built-in export brings its own mapping; the suggestion's paths and candidates still feed the pickers.
  const exportFormat = detectFormat(head.columns);
  const suggestion = suggestMapping(head.columns, head.sample);
  // The other files are read only far enough to know their container and columns.
  const others: OtherFileHead[] = [];
  for (const other of request.others ?? []) {
    const brief = await inspectSource(blobSource(other.file), { fileName: other.fileName, sampleSize: 20, maxBytes: 1024 * 1024, isCancelled: () => cancelRequested });
    others.push({ fileName: other.fileName, format: brief.format, columns: brief.columns });
  }
  post({ type: 'inspected', source: { ...head, others, formatId: exportFormat?.id ?? null, suggestion: exportFormat ? { ...suggestion, mapping: exportFormat.mapping } : suggestion } });
}

async function runImport(request: Extract<ImportRequest, { type: 'import' }>): Promise<void> {
  const db = new WorkbenchDatabase(request.dbName);
  // The study deleted in another window meanwhile: this connection lets go for good, and the next write fails the
  // import (which says so) instead of recreating the study's database with half an import in it.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    return false;
  });
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const fileNames = request.files.map((f) => f.fileName).join(', ');
  const totalBytes = request.files.reduce((sum, f) => sum + f.file.size, 0);
  // One import at a time per study: two (from two windows) would both count an id new to each of them.
  if (await isImportRunning(db)) {
    db.close();
    post({ type: 'failed', message: `${fileNames}: another import into this study is running (in another window); nothing was read. Try again when it has finished.` });
    return;
  }
  const handle = await beginImport(db, request.importId, fileNames, new Date(request.importedAt));
  const progress = (p: Omit<ImportProgress, 'elapsedMs'>) => post({ type: 'progress', ...p, elapsedMs: elapsed() });
  try {
    const errors: RowError[] = [];
    // Up to WRITES_IN_FLIGHT batches are queued in IndexedDB at once, so its backend never idles while this
    // thread parses and clones the next batch; their order is kept by IndexedDB's own transaction queue.
    const inflight: Array<Promise<void>> = [];
    const timings = { readMs: 0, waitForWritesMs: 0 };
    let rows = 0;
    let valid = 0;
    let accepted = 0;
    let bytesBefore = 0;
    const duplicateIds: string[] = [];
    const warnings: FieldWarningSummary[] = [];
    const formats: string[] = [];
    for (const [index, source] of request.files.entries()) {
      const fileInfo = { fileName: source.fileName, fileIndex: index + 1, fileCount: request.files.length };
      let lastBatchAt = performance.now();
      const summary = await streamIncidents(
        blobSource(source.file),
        { fileName: source.fileName, encoding: source.encoding, format: source.format, formatId: request.formatId, mapping: request.mapping, isCancelled: () => cancelRequested },
        async ({ incidents }) => {
          const t1 = performance.now();
          timings.readMs += t1 - lastBatchAt;
          if (inflight.length >= WRITES_IN_FLIGHT) await inflight.shift();
          const t2 = performance.now();
          timings.waitForWritesMs += t2 - t1;
          lastBatchAt = t2;
          const write = writeImportBatch(db, handle, incidents);
          write.catch(() => {}); // awaited (and so thrown) in order below; this only keeps it from being "unhandled" meanwhile
          inflight.push(write);
        },
        async (p) => {
          progress({ phase: 'reading', ...fileInfo, bytesRead: bytesBefore + p.bytesRead, totalBytes, rows: rows + p.rows });
          await yieldToMessages();
        },
      );
      bytesBefore += source.file.size;
      rows += summary.rows;
      valid += summary.valid;
      accepted += summary.acceptedRows;
      appendAll(duplicateIds, summary.duplicateIds);
      appendAll(errors, summary.errors); // in row order within each file, files in the order read
      formats.push(summary.plan?.exportFormat?.id ?? summary.format);
      appendAll(warnings, summary.warnings);
    }
    const t0 = performance.now();
    await Promise.all(inflight);
    timings.waitForWritesMs += performance.now() - t0;
    progress({ phase: 'finishing', fileName: fileNames, fileIndex: request.files.length, fileCount: request.files.length, bytesRead: totalBytes, totalBytes, rows });
    // A cancel pressed while the last writes finished still counts: nothing is committed.
    if (cancelRequested) throw new ImportCancelled();
    if (errors.length > 0) {
      post({ type: 'confirm', valid, errors, warnings });
      const keep = await new Promise<boolean>((resolve) => (confirmation = resolve));
      confirmation = null;
      if (!keep) throw new ImportCancelled();
    }
    const entry = await commitImport(db, handle, { fileName: fileNames, format: [...new Set(formats)].join(', '), importedAt: request.importedAt, rejected: rows - accepted });
    post({ type: 'done', added: entry.added, updated: entry.updated, rejected: entry.rejected, errors, warnings, duplicateIds, elapsedMs: elapsed(), rows, timings: { ...timings, totalMs: elapsed() } });
  } catch (error) {
    post({ type: 'progress', phase: 'rolling back', fileName: fileNames, fileIndex: 0, fileCount: request.files.length, bytesRead: 0, totalBytes, rows: 0, elapsedMs: elapsed() });
    await rollBackImport(db, handle.importId);
    if (error instanceof ImportCancelled) post({ type: 'cancelled' });
    else post({ type: 'failed', message: `${fileNames}: ${(error as Error).message}. Nothing from ${request.files.length === 1 ? 'this file' : 'these files'} was kept.` });
  } finally {
    // An open connection would keep the study from being deleted.
    db.close();
  }
}
