import Dexie, { type Table } from 'dexie';
import type { Incident } from '../../../shared/model/incident.ts';
import type { Annotator, Label, Resolution } from '../../../shared/model/labels.ts';
import type { Codebook } from '../../../shared/codebook/codebook.ts';
import type { MappingPreset } from '../../../shared/import/presets.ts';
import { upgradeIncidentV1toV2, type IncidentV1 } from '../../../shared/model/migrations.ts';

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

/**
 * What an import wrote, batch by batch, so that a cancel or a crash half-way can be undone exactly:
 * the ids it added and the records it replaced as they were before.
 */
export interface ImportUndoBatch {
  importId: string;
  batch: number;
  addedIds: string[];
  replaced: Incident[];
}

/** An import under way; one left behind by a crash is rolled back on the next start. */
export interface ImportJournalEntry {
  importId: string;
  fileName: string;
  startedAt: string;
}

export const DATABASE_NAME = 'incident-workbench';

/** Version 1's stores, kept so the upgrade test can build a version-1 database. Never edit. */
export const SCHEMA_V1 = {
  incidents: 'id',
  codebooks: 'id',
  annotators: 'id',
  labels: '[incidentId+annotatorId+dimension], annotatorId',
  resolutions: '[incidentId+dimension]',
  imports: '++seq',
} as const;

/** Version 2: import journal and undo log (cancel and crash leave the data as before), saved mapping presets. */
export const SCHEMA_V2 = {
  importUndo: '[importId+batch], importId',
  importJournal: 'importId',
  mappingPresets: 'id',
} as const;

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
  importUndo!: Table<ImportUndoBatch, [string, number]>;
  importJournal!: Table<ImportJournalEntry, string>;
  mappingPresets!: Table<MappingPreset, string>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table('incidents')
          .toCollection()
          .modify((incident: IncidentV1, ref: { value: unknown }) => {
            ref.value = upgradeIncidentV1toV2(incident);
          }),
      );
  }
}

let instance: WorkbenchDatabase | null = null;

/** The app's database (one per window or worker). */
export function getDatabase(): WorkbenchDatabase {
  instance ??= new WorkbenchDatabase();
  return instance;
}
