import type { Transaction } from 'dexie';
import type { Incident } from '../../../shared/model/incident.ts';
import { searchTextOf, summarizeIncident } from '../../../shared/model/incidentSummary.ts';
import { migrateCodebookRow } from '../../../shared/files/codebookFile.ts';
import { migrateSettingsRow } from '../../../shared/study/studySettings.ts';

/**
 * Version 3 → 4 of a study database, in the upgrade's own transaction: summaries rebuilt with what selection
 * criteria test, every incident's search text, stored codebooks brought to schema version 2. Incidents are read in
 * pages, so a large study is not held in memory twice.
 */
export async function upgradeStudyDatabaseToV4(tx: Transaction): Promise<void> {
  const incidents = tx.table<Incident, string>('incidents');
  const PAGE = 2000;
  let last: string | null = null;
  for (;;) {
    const page: Incident[] = await (last === null ? incidents.orderBy(':id') : incidents.where(':id').above(last)).limit(PAGE).toArray();
    if (page.length === 0) break;
    await tx.table('summaries').bulkPut(page.map(summarizeIncident));
    await tx.table('searchTexts').bulkPut(page.map((i) => ({ id: i.id, text: searchTextOf(i) })));
    last = page[page.length - 1]!.id;
  }
  await tx.table('counters').put({ key: 'summaries', value: 1 });
  // The study gets its id (derived, so a copy of it upgraded elsewhere gets the same), and the split in force becomes
  // the first of the study's kept splits.
  const stored = (await tx.table('settings').get('study')) as Record<string, unknown> | undefined;
  if (stored) await tx.table('settings').put(migrateSettingsRow(stored));
  const settings = stored as { split: unknown } | undefined;
  if (settings?.split) await tx.table('splits').put({ id: 'split-before-version-4', record: settings.split });
  await tx
    .table('codebookVersions')
    .toCollection()
    .modify((row: Record<string, unknown>, ref: { value: unknown }) => {
      ref.value = migrateCodebookRow(row);
    });
}
