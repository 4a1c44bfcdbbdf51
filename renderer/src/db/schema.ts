import Dexie, { type Table } from 'dexie';
import type { Incident } from '../../../shared/model/incident.ts';
import type { Label, LabelRevision, Person, Resolution } from '../../../shared/model/labels.ts';
import type { Codebook } from '../../../shared/codebook/codebook.ts';
import type { MappingPreset } from '../../../shared/import/presets.ts';
import type { IncidentSummary } from '../../../shared/model/incidentSummary.ts';
import type { LabelColumn, LabelTally } from '../../../shared/coding/labelColumns.ts';
import type { StoredSplit, StudySettings } from '../../../shared/study/studySettings.ts';
import type { ImportLogEntry } from '../../../shared/import/importLog.ts';

import { upgradeIncidentV1toV2, type IncidentV1 } from '../../../shared/model/migrations.ts';
import { upgradeStudyDatabaseToV3 } from './upgradeV3.ts';
import { upgradeStudyDatabaseToV4 } from './upgradeV4.ts';
import type { Cohort } from '../../../shared/protocol/cohort.ts';
import type { Proposal } from '../../../shared/codebook/proposals.ts';
import type { CoderMark } from '../../../shared/coding/coderMarks.ts';
import type { PostmortemRevision } from '../../../shared/postmortem/draft.ts';
import type { PostmortemTemplate } from '../../../shared/postmortem/template.ts';
import type { Assignment } from '../../../shared/protocol/assignments.ts';
import type { StudyEvent } from '../../../shared/coding/blinding.ts';

export type { ImportLogEntry };

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

/** The first study's database: the name the single-study versions used, so their data is that study. */
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
 * Version 3: the study model that lasts. Labels and decisions become append-only revisions (random ids, so two
 * machines' work merges), with the current label of each slot kept as a projection for fast reads; annotators
 * become people with random ids and roles; codebooks are stored by id and version; the study's settings move in
 * from localStorage; list screens read incident summaries. The single-key stores they replace are dropped.
 */
export const SCHEMA_V3 = {
  labels: null,
  annotators: null,
  resolutions: null,
  codebooks: null,
  people: 'id',
  labelRevisions: 'id, [incidentId+annotatorId+dimension+round]',
  currentLabels: '[round+annotatorId+dimension+incidentId], [round+annotatorId], incidentId',
  labelColumns: '[round+annotatorId+dimension+bucket], [annotatorId+round]',
  labelTallies: '[round+annotatorId+dimension]',
  counters: 'key',
  decisions: 'id, [round+incidentId]',
  codebookVersions: '[id+version]',
  settings: 'key',
  summaries: 'id, order, studySet',
} as const;

/**
 * Version 4: the study protocol. Summaries gain what selection criteria test (team, detection, false alarm, has
 * root-cause text) and are rebuilt; each incident's search text is kept beside it; cohorts are stored by id and
 * version, open-coding proposals as revisions; label revisions written by a codebook migration are found by the
 * version that wrote them (to undo it); stored codebooks move to schema version 2. Coding and exchange (issue 10):
 * coders' unsure flags and private notes (revisions, read per coder and round by incident), assignments, the log of
 * identity switches and unblinded rounds, and machine-local state (passphrases, where each coder left off), which
 * never leaves the machine. (Version 4 had not shipped when these were added to it.)
 */
export const SCHEMA_V4 = {
  searchTexts: 'id',
  cohorts: '[id+version], id',
  splits: 'id',
  proposals: 'id',
  coderMarks: 'id, [round+annotatorId+incidentId]',
  assignments: 'id',
  studyEvents: 'id',
  localState: 'key',
  labelRevisions: 'id, [incidentId+annotatorId+dimension+round], migratedTo, annotatorId',
  decisions: 'id, [round+incidentId], migratedTo',
  postmortemRevisions: 'id, incidentId',
  postmortemTemplates: '[id+version], id',
} as const;

/**
 * An incident's search text (searchTextOf), kept apart from its summary so list windows stay small. Like the other
 * projections (summaries, label columns, tallies, counters) it is derived from stored records and never leaves the
 * database (a study file carries the records, and the projections are rebuilt), so it has no file schema.
 */
export interface SearchTextRow {
  id: string;
  text: string;
}

/** Counts and change stamps kept as data (IndexedDB counts a store by walking it). */
export interface CounterRow {
  key: 'incidents' | 'summaries';
  value: number;
}

/**
 * What belongs to this machine's copy of the study and never travels in a study file: where each coder left off, and
 * whether the copy was sent to an annotator (a starter file), where nobody becomes a lead. (Passphrases are the
 * machine's, in the catalog: a person is protected in every copy of the study here.)
 */
export type LocalStateRow = { key: `resume:${string}`; incidentId: string } | { key: 'annotatorCopy'; for: string };

/** The study's settings row (one per study database). */
export type StudySettingsRow = StudySettings;

/** What the version-3 upgrade needs from outside the database: random ids, and what localStorage held. */
export interface UpgradeContext {
  newId: () => string;
  now: () => Date;
  /** The settings the single-study versions kept in localStorage, if any. */
  legacySession: () => { annotatorId?: string | null; leadName?: string; round?: number } | null;
}

const defaultUpgradeContext: UpgradeContext = {
  newId: () => crypto.randomUUID(),
  now: () => new Date(),
  legacySession: () => null,
};

/**
 * One study's database. Versions are append-only: a shipped `version(n)` is never edited; a change adds
 * version(n+1) with an upgrade that calls pure shared/ code. Only what is queried is indexed.
 */
export class WorkbenchDatabase extends Dexie {
  incidents!: Table<Incident, string>;
  summaries!: Table<IncidentSummary, string>;
  people!: Table<Person, string>;
  labelRevisions!: Table<LabelRevision, string>;
  currentLabels!: Table<Label, [number, string, string, string]>;
  labelColumns!: Table<LabelColumn, [number, string, string, number]>;
  labelTallies!: Table<LabelTally, [number, string, string]>;
  /** Counts kept as data, since IndexedDB counts a store by walking it (100k incidents: over 100 ms); 'summaries' moves on every change to them. */
  counters!: Table<CounterRow, string>;
  searchTexts!: Table<SearchTextRow, string>;
  cohorts!: Table<Cohort, [string, number]>;
  splits!: Table<StoredSplit, string>;
  proposals!: Table<Proposal, string>;
  coderMarks!: Table<CoderMark, string>;
  assignments!: Table<Assignment, string>;
  studyEvents!: Table<StudyEvent, string>;
  postmortemRevisions!: Table<PostmortemRevision, string>;
  postmortemTemplates!: Table<PostmortemTemplate, [string, number]>;
  localState!: Table<LocalStateRow, string>;
  decisions!: Table<Resolution, string>;
  codebookVersions!: Table<Codebook, [string, number]>;
  settings!: Table<StudySettingsRow, string>;
  imports!: Table<ImportLogEntry, number>;
  importUndo!: Table<ImportUndoBatch, [string, number]>;
  importJournal!: Table<ImportJournalEntry, string>;
  mappingPresets!: Table<MappingPreset, string>;

  constructor(name: string = DATABASE_NAME, context: UpgradeContext = defaultUpgradeContext) {
    // Relaxed durability: a commit is done once written to the operating system, not once the disk has flushed it (a
    // crash of the app or the browser loses nothing committed; a power cut may lose the last moment's). Strict would
    // add a disk flush to every code saved. Dexie's optimistic cache is off: the views re-read the database (what is
    // shown is what was committed), and it cost every write time on the coder's path.
    super(name, { chromeTransactionDurability: 'relaxed', cache: 'disabled' });
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
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) => upgradeStudyDatabaseToV3(tx, context));
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeStudyDatabaseToV4);
  }
}
