import { loadDefaultCodebook, type Codebook } from '../../../../shared/codebook/codebook.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/** The study's codebook; the paper's taxonomies are stored on first start. */
export async function getActiveCodebook(db: WorkbenchDatabase): Promise<Codebook> {
  return db.transaction('rw', db.codebooks, async () => {
    const first = await db.codebooks.toCollection().first();
    if (first) return first;
    const codebook = loadDefaultCodebook();
    await db.codebooks.put(codebook);
    return codebook;
  });
}
