import Dexie, { type Table } from 'dexie';
import type { Incident } from '../../../shared/model/incident.ts';
import type { Annotator, Label, Resolution } from '../../../shared/model/labels.ts';
import type { Codebook } from '../../../shared/codebook/codebook.ts';

/** One import as the user saw it acknowledged: what file, when, how many rows went where. */
export interface ImportLogEntry {
  seq?: number;
  fileName: string;
  format: string;
  importedAt: string;
  added: number;
  updated: number;
  rejected: number;
}

export const DATABASE_NAME = 'incident-workbench';

/**
 * Versions are append-only: a shipped `version(n)` is never edited; a change adds version(n+1)
 * with an upgrade that calls pure shared/ code. Only what is queried is indexed.
 */
export class WorkbenchDatabase extends Dexie {
  incidents!: Table<Incident, string>;
  codebooks!: Table<Codebook, string>;
  annotators!: Table<Annotator, string>;
  labels!: Table<Label, [string, string, string]>;
  resolutions!: Table<Resolution, [string, string]>;
  imports!: Table<ImportLogEntry, number>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      incidents: 'id',
      codebooks: 'id',
      annotators: 'id',
      labels: '[incidentId+annotatorId+dimension], annotatorId',
      resolutions: '[incidentId+dimension]',
      imports: '++seq',
    });
  }
}

let instance: WorkbenchDatabase | null = null;

/** The app's database (one per window or worker). */
export function getDatabase(): WorkbenchDatabase {
  instance ??= new WorkbenchDatabase();
  return instance;
}
