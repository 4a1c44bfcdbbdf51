import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/** The codebook version the study codes under now (its settings say which); undefined before the study is set up. */
export async function readActiveCodebook(db: WorkbenchDatabase): Promise<Codebook | undefined> {
  const settings = await db.settings.get('study');
  return settings ? db.codebookVersions.get([settings.codebook.id, settings.codebook.version]) : undefined;
}

