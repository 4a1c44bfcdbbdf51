import type { Page } from 'playwright-core';

/** Every row of an object store, read straight from IndexedDB (not through the app), sorted by JSON. */
export async function dumpStore(page: Page, store: string): Promise<string[]> {
  return page.evaluate(
    (storeName) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('incident-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            db.close();
            resolve((request.result as unknown[]).map((r) => JSON.stringify(r)).sort());
          };
        };
      }),
    store,
  );
}
