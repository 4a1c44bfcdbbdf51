/// <reference lib="webworker" />
import { readStudyFile, STUDY_TABLES, writeStudyFile } from '../../../shared/study/studyFile.ts';
import { StudyCatalog } from '../db/catalog.ts';
import { WorkbenchDatabase } from '../db/schema.ts';
import { addStudyFromTables, readStudyTables } from '../db/repositories/studies.ts';
import type { StudyFileRequest, StudyFileResponse } from './studyFileProtocol.ts';

/** Writes and reads study files off the main thread: a study of 100k incidents is hundreds of megabytes of JSON. */

const post = (message: StudyFileResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

async function exportStudy(dbName: string): Promise<void> {
  const db = new WorkbenchDatabase(dbName);
  try {
    post({ type: 'progress', step: 'reading the study', done: 0, total: STUDY_TABLES.length + 1 });
    const tables = await readStudyTables(db);
    let done = 1;
    const bytes = await writeStudyFile(tables, sha256, (table) => post({ type: 'progress', step: `writing ${table}`, done: done++, total: STUDY_TABLES.length + 1 }));
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
    const entry = await addStudyFromTables(catalog, read.tables, now);
    post({ type: 'imported', entry });
  } finally {
    catalog.close();
  }
}

self.onmessage = (event: MessageEvent<StudyFileRequest>) => {
  const request = event.data;
  const work = request.type === 'export' ? exportStudy(request.dbName) : importStudy(request.file, request.fileName, new Date(request.now));
  work.catch((e: unknown) => post({ type: 'failed', message: (e as Error).message }));
};
