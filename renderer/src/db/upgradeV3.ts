import type { Transaction } from 'dexie';
import { loadDefaultCodebook, type Codebook } from '../../../shared/codebook/codebook.ts';
import { currentLabels } from '../../../shared/coding/labelHistory.ts';
import { buildLabelColumns, tallyColumns } from '../../../shared/coding/labelColumns.ts';
import { summarizeIncident } from '../../../shared/model/incidentSummary.ts';
import { upgradeIncidentV2toV3, upgradeStudyV2toV3, type AnnotatorV2, type IncidentV2, type LabelV2, type ResolutionV2 } from '../../../shared/model/migrations.ts';
import { defaultStudySettings, legacyStudyId } from '../../../shared/study/studySettings.ts';
import type { UpgradeContext } from './schema.ts';

/** The name a study gets when it comes from a database of the single-study versions. */
export const FIRST_STUDY_NAME = 'My study';

/**
 * Version 2 → 3 of a study database, in the upgrade's own transaction (all or nothing). The stores version 3 drops
 * are still readable here; Dexie deletes them once the upgrade has run.
 */
export async function upgradeStudyDatabaseToV3(tx: Transaction, context: UpgradeContext): Promise<void> {
  const incidents = ((await tx.table('incidents').toArray()) as IncidentV2[]).map(upgradeIncidentV2toV3);
  await tx.table('incidents').bulkPut(incidents);
  await tx.table('summaries').bulkPut(incidents.map(summarizeIncident));
  await tx.table('counters').put({ key: 'incidents', value: incidents.length });

  // An import a crash left unfinished is undone on the next start: what it replaced must be version-3 incidents too.
  await tx
    .table('importUndo')
    .toCollection()
    .modify((batch: { replaced: IncidentV2[] }) => {
      batch.replaced = batch.replaced.map(upgradeIncidentV2toV3);
    });

  const old = {
    annotators: (await tx.table('annotators').toArray()) as AnnotatorV2[],
    labels: (await tx.table('labels').toArray()) as LabelV2[],
    resolutions: (await tx.table('resolutions').toArray()) as ResolutionV2[],
  };
  const { people, revisions, resolutions, idMap } = upgradeStudyV2toV3(old, context.newId);
  await tx.table('people').bulkAdd(people);
  await tx.table('labelRevisions').bulkAdd(revisions);
  const current = currentLabels(revisions);
  await tx.table('currentLabels').bulkPut(current);
  const columns = buildLabelColumns(current);
  await tx.table('labelColumns').bulkPut(columns);
  await tx.table('labelTallies').bulkPut(tallyColumns(columns));
  await tx.table('decisions').bulkAdd(resolutions);

  const codebooks = (await tx.table('codebooks').toArray()) as Codebook[];
  if (codebooks.length === 0) codebooks.push(loadDefaultCodebook());
  await tx.table('codebookVersions').bulkPut(codebooks);
  // The study pointed at whichever codebook came first; now it says which, and at which version.
  const [active] = codebooks;
  const session = context.legacySession();
  const now = context.now();
  const settings = defaultStudySettings(FIRST_STUDY_NAME, { id: active!.id, version: active!.version }, now, legacyStudyId({ name: FIRST_STUDY_NAME, createdAt: now.toISOString() }));
  settings.currentRound = Math.max(1, Math.floor(session?.round ?? 1) || 1);
  settings.leadName = session?.leadName ?? '';
  settings.whoAmI = (session?.annotatorId && idMap.get(session.annotatorId)) || null;
  await tx.table('settings').put(settings);
}
