import type { Page } from 'playwright-core';

/** The database of the first study (the name the single-study versions used). */
export const FIRST_STUDY_DATABASE = 'incident-workbench';

/**
 * Every row of an object store, read straight from IndexedDB (not through the app), sorted by JSON. A store the
 * database does not have is an error, not an empty list.
 */
export async function dumpStore(page: Page, store: string, databaseName: string = FIRST_STUDY_DATABASE): Promise<string[]> {
  return page.evaluate(
    ([storeName, dbName]) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(dbName!);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const request = db.transaction(storeName!, 'readonly').objectStore(storeName!).getAll();
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              db.close();
              resolve((request.result as unknown[]).map((r) => JSON.stringify(r)).sort());
            };
          } catch (e) {
            db.close();
            reject(e as Error);
          }
        };
      }),
    [store, databaseName] as const,
  );
}
