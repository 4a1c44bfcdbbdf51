/// <reference lib="webworker" />
import { readStudyFile, STUDY_TABLES, writeStudyFile } from '../../../shared/study/studyFile.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { StudyCatalog } from '../db/catalog.ts';
import { WorkbenchDatabase } from '../db/schema.ts';
import { addStudyFromTables, readStudyTables, starterTables, STORING_STUDY_LOCK } from '../db/repositories/studies.ts';
import type { StudyFileRequest, StudyFileResponse } from './studyFileProtocol.ts';

/** Writes and reads study files off the main thread: a study of 100k incidents is hundreds of megabytes of JSON. */

const post = (message: StudyFileResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

const sha256 = sha256Hex;

async function exportStudy(dbName: string, starter: { for: string | null } | undefined): Promise<void> {
  const db = new WorkbenchDatabase(dbName);
  try {
    post({ type: 'progress', step: 'reading the study', done: 0, total: STUDY_TABLES.length + 1 });
    const whole = await readStudyTables(db);
    const tables = starter ? starterTables(whole) : whole;
    let done = 1;
    const bytes = await writeStudyFile(tables, sha256, (table) => post({ type: 'progress', step: `writing ${table}`, done: done++, total: STUDY_TABLES.length + 1 }), starter);
    post({ type: 'exported', bytes }, [bytes.buffer]);
  } finally {
    db.close();
  }
}

async function importStudy(file: Blob, fileName: string, now: Date): Promise<void> {
  post({ type: 'progress', step: 'reading the file', done: 0, total: 3 });
  const read = await readStudyFile(new Uint8Array(await file.arrayBuffer()), sha256, fileName);
  if (!read.ok) {
    post({ type: 'failed', message: read.message });
    return;
  }
  post({ type: 'progress', step: 'storing the study', done: 1, total: 3 });
  const catalog = new StudyCatalog();
  try {
    // A starter file made for someone opens on their machine as them: their first choice, logged like any.
    const forId = read.starter?.for ?? null;
    const tables = forId
      ? {
          ...read.tables,
          settings: read.tables.settings.map((s) => ({ ...s, whoAmI: forId })),
          studyEvents: [...read.tables.studyEvents, { id: crypto.randomUUID(), at: now.toISOString(), kind: 'identity' as const, from: null, to: forId, withPassphrase: false }],
        }
      : read.tables;
    const entry = await addStudyFromTables(catalog, tables, now);
    post({ type: 'imported', entry });
  } finally {
    catalog.close();
  }
}

async function duplicateStudy(dbName: string, copyName: string, now: Date): Promise<void> {
  post({ type: 'progress', step: 'reading the study', done: 0, total: 2 });
  const source = new WorkbenchDatabase(dbName);
  const catalog = new StudyCatalog();
  try {
    const tables = await readStudyTables(source);
    post({ type: 'progress', step: 'storing the copy', done: 1, total: 2 });
    post({ type: 'imported', entry: await addStudyFromTables(catalog, tables, now, { copyName }) });
  } finally {
    source.close();
    catalog.close();
  }
}

/**
 * While this worker stores a new study, it holds this lock: the new database is not in the list of studies until it
 * is whole, and a window sweeping away databases left by a cancelled store must not take this one.
 */
const work = async (request: StudyFileRequest): Promise<void> => {
  if (request.type === 'export') return exportStudy(request.dbName, request.starter);
  const store = () => (request.type === 'import' ? importStudy(request.file, request.fileName, new Date(request.now)) : duplicateStudy(request.dbName, request.copyName, new Date(request.now)));
  return navigator.locks.request(STORING_STUDY_LOCK, { mode: 'shared' }, store);
};

self.onmessage = (event: MessageEvent<StudyFileRequest>) => {
  const request = event.data;
  work(request).catch((e: unknown) => post({ type: 'failed', message: (e as Error).message }));
};
