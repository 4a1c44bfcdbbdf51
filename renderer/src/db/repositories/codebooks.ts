import { loadDefaultCodebook, type Codebook } from '../../../../shared/codebook/codebook.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/** Stores the paper's taxonomies as the study's codebook on first start; returns the active codebook. */
export async function ensureActiveCodebook(db: WorkbenchDatabase): Promise<Codebook> {
  return db.transaction('rw', db.codebooks, async () => {
    const first = await db.codebooks.toCollection().first();
    if (first) return first;
    const codebook = loadDefaultCodebook();
    await db.codebooks.put(codebook);
    return codebook;
  });
}

/** Read-only, so live queries may follow it; undefined before ensureActiveCodebook has run. */
export function readActiveCodebook(db: WorkbenchDatabase): Promise<Codebook | undefined> {
  return db.codebooks.toCollection().first();
}
