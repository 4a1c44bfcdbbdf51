/// <reference lib="webworker" />
import { createChunkDecoder, detectEncoding } from '../../../shared/import/encoding.ts';
import { IncidentNormaliser, planImport } from '../../../shared/import/pipeline.ts';
import { createRecordReader, detectSourceFormat, type SourceRecord } from '../../../shared/import/readers/index.ts';
import type { RowError } from '../../../shared/import/mapping.ts';
import type { Incident } from '../../../shared/model/incident.ts';
import { getDatabase } from '../db/schema.ts';
import { beginImport, commitImport, importLockName, rollBackImport, writeImportBatch } from '../db/repositories/imports.ts';
import type { ImportRequest, ImportResponse } from './importProtocol.ts';

// Reading, parsing, normalising and storing all run here: the screen only shows progress.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ImportResponse) => scope.postMessage(message);

const BATCH = 2000;
const READ_BYTES = 2 * 1024 * 1024;
const WRITES_IN_FLIGHT = 3;
const SAMPLE = 200;
const HEAD_BYTES = 256 * 1024;

let cancelRequested = false;
let confirmation: ((commit: boolean) => void) | null = null;

class Cancelled extends Error {}

/** Lets queued messages (a cancel) run between chunks. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
      void inspect(request).catch((e: unknown) => post({ type: 'failed', message: `${request.fileName}: ${(e as Error).message}` }));
      return;
    case 'import':
      cancelRequested = false;
      // Held for the whole import: another window starting up sees it is alive and does not roll it back.
      void navigator.locks.request(importLockName(request.importId), () => runImport(request));
  }
};

async function inspect(request: Extract<ImportRequest, { type: 'inspect' }>): Promise<void> {
  const head = new Uint8Array(await request.file.slice(0, HEAD_BYTES).arrayBuffer());
  const encoding = detectEncoding(head);
  const decoder = createChunkDecoder(encoding);
  const headText = decoder.decode(head);
  const format = request.format ?? detectSourceFormat(request.fileName, headText);
  const reader = createRecordReader(format, request.fileName);
  // The head is parsed, not read again; more is read only until there are enough records for a preview.
  const sample: SourceRecord[] = reader.push(headText);
  for (let offset = HEAD_BYTES; sample.length < SAMPLE; offset += HEAD_BYTES) {
    if (offset >= request.file.size) {
      sample.push(...reader.push(decoder.end()), ...reader.end());
      break;
    }
    sample.push(...reader.push(decoder.decode(new Uint8Array(await request.file.slice(offset, offset + HEAD_BYTES).arrayBuffer()))));
  }
  const plan = planImport(request.fileName, format, reader.columns());
  post({
    type: 'inspected',
    source: {
      fileName: request.fileName,
      encoding,
      format,
      columns: reader.columns(),
      sample: sample.slice(0, SAMPLE).map((s) => s.record),
      formatId: plan.exportFormat?.id ?? null,
      suggested: plan.mapping,
      sizeBytes: request.file.size,
    },
  });
}

async function runImport(request: Extract<ImportRequest, { type: 'import' }>): Promise<void> {
  const db = getDatabase();
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const handle = await beginImport(db, request.importId, request.fileName, new Date(request.importedAt));
  try {
    // The encoding the user saw on the mapping screen, judged there on the first 256 KiB, not re-guessed.
    const decoder = createChunkDecoder(request.encoding);
    const reader = createRecordReader(request.format, request.fileName);
    let normaliser: IncidentNormaliser | null = null;
    const errors: RowError[] = [];
    let pending: SourceRecord[] = [];
    let rows = 0;
    let bytesRead = 0;
    // Up to WRITES_IN_FLIGHT batches are queued in IndexedDB at once, so its backend never idles while this
    // thread parses and clones the next batch; their order is kept by IndexedDB's own transaction queue.
    const inflight: Array<Promise<void>> = [];
    const timings = { readMs: 0, normaliseMs: 0, waitForWritesMs: 0 };

    // Parsing the next batch overlaps with IndexedDB committing the previous one.
    const flush = async (final: boolean) => {
      if (pending.length === 0 || (!final && pending.length < BATCH)) return;
      const t0 = performance.now();
      normaliser ??= new IncidentNormaliser(planImport(request.fileName, request.format, reader.columns(), { formatId: request.formatId ?? undefined, mapping: request.mapping }));
      const incidents: Incident[] = normaliser.normalise(pending);
      rows += pending.length;
      pending = [];
      errors.push(...reader.takeErrors(), ...normaliser.takeErrors());
      const t1 = performance.now();
      if (inflight.length >= WRITES_IN_FLIGHT) await inflight.shift();
      timings.normaliseMs += t1 - t0;
      timings.waitForWritesMs += performance.now() - t1;
      const write = writeImportBatch(db, handle, incidents);
      write.catch(() => {}); // awaited (and so thrown) in order below; this only keeps it from being "unhandled" meanwhile
      inflight.push(write);
    };

    // Slices of a few MiB: large enough that per-chunk overhead vanishes, small enough to stay off the heap's peak.
    for (let offset = 0; ; offset += READ_BYTES) {
      if (cancelRequested) throw new Cancelled();
      if (offset >= request.file.size) {
        pending.push(...reader.push(decoder.end()), ...reader.end());
        break;
      }
      const t0 = performance.now();
      const bytes = new Uint8Array(await request.file.slice(offset, offset + READ_BYTES).arrayBuffer());
      bytesRead += bytes.byteLength;
      pending.push(...reader.push(decoder.decode(bytes)));
      timings.readMs += performance.now() - t0;
      await flush(false);
      post({ type: 'progress', phase: 'reading', bytesRead, totalBytes: request.file.size, rows: rows + pending.length, elapsedMs: elapsed() });
      await yieldToMessages();
    }
    await flush(true);
    const t0 = performance.now();
    await Promise.all(inflight);
    timings.waitForWritesMs += performance.now() - t0;
    errors.push(...reader.takeErrors());
    post({ type: 'progress', phase: 'finishing', bytesRead, totalBytes: request.file.size, rows, elapsedMs: elapsed() });
    const finalNormaliser = normaliser as IncidentNormaliser | null;
    const valid = finalNormaliser?.validCount ?? 0;
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      post({ type: 'confirm', valid, errors });
      const keep = await new Promise<boolean>((resolve) => (confirmation = resolve));
      confirmation = null;
      if (!keep) throw new Cancelled();
    }
    const entry = await commitImport(db, handle, { fileName: request.fileName, format: request.formatId ?? request.format, importedAt: request.importedAt, rejected: rows - valid });
    post({ type: 'done', added: entry.added, updated: entry.updated, rejected: entry.rejected, errors, duplicateIds: finalNormaliser?.duplicates ?? [], elapsedMs: elapsed(), rows, timings: { ...timings, totalMs: elapsed() } });
  } catch (error) {
    post({ type: 'progress', phase: 'rolling back', bytesRead: 0, totalBytes: request.file.size, rows: 0, elapsedMs: elapsed() });
    await rollBackImport(db, handle.importId);
    if (error instanceof Cancelled) post({ type: 'cancelled' });
    else post({ type: 'failed', message: `${request.fileName}: ${(error as Error).message}. Nothing from this file was kept.` });
  }
}
