import type { StudyEntry } from '../db/catalog.ts';

export type StudyFileRequest =
  | { type: 'export'; dbName: string }
  | { type: 'import'; file: Blob; fileName: string; now: string }
  | { type: 'duplicate'; dbName: string; copyName: string; now: string };

export type StudyFileResponse =
  | { type: 'progress'; step: string; done: number; total: number }
  | { type: 'exported'; bytes: Uint8Array }
  | { type: 'imported'; entry: StudyEntry }
  | { type: 'failed'; message: string };
