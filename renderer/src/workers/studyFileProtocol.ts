import type { CloudIncidentsDemoFiles } from '../../../shared/demo/cloudIncidentsDemo.ts';
import type { StudyEntry } from '../db/catalog.ts';

export type StudyFileRequest =
  /** `starter`: the study as the lead sends it to an annotator (starterTables), opening on their machine as `for`. */
  | { type: 'export'; dbName: string; starter?: { for: string | null } }
  | { type: 'import'; file: Blob; fileName: string; now: string }
  | { type: 'duplicate'; dbName: string; copyName: string; now: string }
  /** The second demo study, built from the shipped files' text (fetched by the page) into a new study. */
  | { type: 'demo'; files: CloudIncidentsDemoFiles; name: string; now: string };

export type StudyFileResponse =
  | { type: 'progress'; step: string; done: number; total: number }
  | { type: 'exported'; bytes: Uint8Array }
  /** `starter`: the file was a starter file; `as` the person it opens as on this machine. */
  | { type: 'imported'; entry: StudyEntry; starter?: { as: string | null } }
  | { type: 'failed'; message: string };
