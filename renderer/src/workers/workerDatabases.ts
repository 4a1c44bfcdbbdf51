import Dexie from 'dexie';
import { WorkbenchDatabase } from '../db/schema.ts';

/**
 * The study databases a worker has open, kept across requests. Another window deleting a study asks every
 * connection to close; a worker's does for good, is forgotten, and `onClosed` lets the worker drop what it cached.
 */
export function workerDatabases(onClosed: (dbName: string) => void = () => {}): (dbName: string) => Promise<WorkbenchDatabase> {
  const open = new Map<string, WorkbenchDatabase>();
  return async (dbName) => {
    const known = open.get(dbName);
    if (known) return known;
    // Opening a study that was deleted meanwhile would make an empty one of the same name.
    if (!(await Dexie.exists(dbName))) throw new Error('The study is no longer on this machine.');
    const db = new WorkbenchDatabase(dbName);
    db.on('versionchange', () => {
      db.close({ disableAutoOpen: true });
      open.delete(dbName);
      onClosed(dbName);
      return false;
    });
    open.set(dbName, db);
    return db;
  };
}
