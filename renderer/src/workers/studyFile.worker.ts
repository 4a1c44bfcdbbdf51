/// <reference lib="webworker" />
import { readStudyFile, STUDY_TABLES, writeStudyFile, type StudyTables } from '../../../shared/study/studyFile.ts';
import { buildCloudIncidentsDemo, type CloudIncidentsDemoFiles } from '../../../shared/demo/cloudIncidentsDemo.ts';
import { defaultStudySettings } from '../../../shared/study/studySettings.ts';
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
    // A starter file made for someone opens on their machine as them; any other study file as whoever exported it,
    // as it was on their machine (the choice logged like any). A starter's copy is an annotator's: nobody becomes a
    // lead there.
    const forId = read.starter ? read.starter.for : read.exportedBy;
    const tables = forId
      ? {
          ...read.tables,
          settings: read.tables.settings.map((s) => ({ ...s, whoAmI: forId })),
          studyEvents: [...read.tables.studyEvents, { id: crypto.randomUUID(), at: now.toISOString(), kind: 'identity' as const, from: null, to: forId, withPassphrase: false }],
        }
      : read.tables;
    const entry = await addStudyFromTables(catalog, tables, now, read.starter ? { localState: [{ key: 'annotatorCopy', for: read.starter.for ?? '' }] } : {});
    const as = forId ? (tables.people.find((p) => p.id === forId)?.name ?? null) : null;
    post({ type: 'imported', entry, ...(read.starter ? { starter: { as } } : {}) });
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
 * The second demo study as a study of its own: its incidents, its codebook (from the data set's definitions), its
 * three coders (sources: the human annotators, GPT-4o, Claude) with their labels, and a lead, who works on this
 * machine, so agreement, resolution and analysis show real numbers at once.
 */
async function loadDemo(files: CloudIncidentsDemoFiles, name: string, now: Date): Promise<void> {
  post({ type: 'progress', step: 'reading the data set', done: 0, total: 2 });
  const demo = buildCloudIncidentsDemo(files, now, () => crypto.randomUUID());
  if (demo.errors.length) throw new Error(`the demo data is not as shipped: ${demo.errors[0]!.file}, row ${demo.errors[0]!.row}: ${demo.errors[0]!.message}`);
  // Listed (and so compared first) in the data set's order: the human annotators, GPT-4o, Claude; then the lead.
  const at = (i: number) => new Date(now.getTime() + i).toISOString();
  const people = demo.people.map((p, i) => ({ ...p, createdAt: at(i) }));
  const lead = { id: crypto.randomUUID(), name: 'Lead', role: 'lead' as const, createdAt: at(people.length) };
  const settings = { ...defaultStudySettings(name, { id: demo.codebook.id, version: demo.codebook.version }, now, `study-${crypto.randomUUID()}`), whoAmI: lead.id, leadName: lead.name };
  const tables: StudyTables = {
    ...Object.fromEntries(STUDY_TABLES.map((t) => [t, []])),
    settings: [settings],
    people: [...people, lead],
    codebookVersions: [demo.codebook],
    incidents: demo.incidents,
    labelRevisions: demo.revisions,
    studyEvents: [{ id: crypto.randomUUID(), at: now.toISOString(), kind: 'identity', from: null, to: lead.id, withPassphrase: false }],
  } as StudyTables;
  post({ type: 'progress', step: 'storing the study', done: 1, total: 2 });
  const catalog = new StudyCatalog();
  try {
    post({ type: 'imported', entry: await addStudyFromTables(catalog, tables, now) });
  } finally {
    catalog.close();
  }
}

/**
 * While this worker stores a new study, it holds this lock: the new database is not in the list of studies until it
 * is whole, and a window sweeping away databases left by a cancelled store must not take this one.
 */
const work = async (request: StudyFileRequest): Promise<void> => {
  if (request.type === 'export') return exportStudy(request.dbName, request.starter);
  const store = () =>
    request.type === 'import'
      ? importStudy(request.file, request.fileName, new Date(request.now))
      : request.type === 'demo'
        ? loadDemo(request.files, request.name, new Date(request.now))
        : duplicateStudy(request.dbName, request.copyName, new Date(request.now));
  return navigator.locks.request(STORING_STUDY_LOCK, { mode: 'shared' }, store);
};

self.onmessage = (event: MessageEvent<StudyFileRequest>) => {
  const request = event.data;
  work(request).catch((e: unknown) => post({ type: 'failed', message: (e as Error).message }));
};
