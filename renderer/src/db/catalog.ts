import Dexie, { type Table } from 'dexie';
import type { PassphraseHash } from '../platform/passphrase.ts';

/** A study on this machine: its name and the IndexedDB database that holds its work. */
export interface StudyEntry {
  id: string;
  name: string;
  dbName: string;
  createdAt: string;
}

/**
 * What belongs to this machine rather than to one study: which study it opens, and each person's passphrase here
 * (PBKDF2, never the words). A person is the same person in every copy of a study on the machine (a duplicate, a
 * starter file, a study file keep the ids), so the passphrase protects them in all of them.
 */
export type MachineSetting = { key: 'activeStudy'; value: string } | ({ key: `passphrase:${string}` } & PassphraseHash);

export const CATALOG_NAME = 'incident-workbench-studies';

/**
 * The list of studies. Each study's work lives in a database of its own, so studies stay isolated (a study is
 * deleted by deleting its database) and one study's size never slows another. Versions are append-only.
 */
export class StudyCatalog extends Dexie {
  studies!: Table<StudyEntry, string>;
  machine!: Table<MachineSetting, string>;

  constructor(name: string = CATALOG_NAME) {
    super(name);
    this.version(1).stores({ studies: 'id', machine: 'key' });
  }
}

/** The database name of a new study: never reused, so a deleted study's name can be given again. */
export const studyDatabaseName = (studyId: string) => `incident-workbench-study-${studyId}`;
