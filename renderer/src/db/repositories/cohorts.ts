import { latestCohorts, type Cohort } from '../../../../shared/protocol/cohort.ts';
import { planSplit, codedIncidentsMoved, stratumOf, type SplitOptions } from '../../../../shared/protocol/split.ts';
import type { StudySet } from '../../../../shared/model/incident.ts';
import type { SplitRecord, StratifyBy } from '../../../../shared/study/studySettings.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { assignStudySets, type WriteControl } from './incidents.ts';

/** Every cohort's latest version (retired ones too; lists hide them). */
export async function listCohorts(db: WorkbenchDatabase): Promise<Cohort[]> {
  return latestCohorts(await db.cohorts.toArray());
}

/** Every stored version of every cohort. */
export function listCohortVersions(db: WorkbenchDatabase): Promise<Cohort[]> {
  return db.cohorts.toArray();
}

/** One version of a cohort. */
export function getCohortVersion(db: WorkbenchDatabase, id: string, version: number): Promise<Cohort | undefined> {
  return db.cohorts.get([id, version]);
}

/** Saves a cohort: a new one as version 1, an edit as the next version (the earlier ones stay, a split may name them). */
export async function saveCohort(db: WorkbenchDatabase, cohort: Omit<Cohort, 'id' | 'version' | 'createdAt'> & { id?: string }, now: Date): Promise<Cohort> {
  if (!cohort.name.trim()) throw new Error('A cohort needs a name.');
  return db.transaction('rw', db.cohorts, async () => {
    const id = cohort.id ?? crypto.randomUUID();
    // Two cohorts of one name could not be told apart in a split or a methods summary.
    const taken = latestCohorts(await db.cohorts.toArray()).find((c) => !c.retired && c.id !== id && c.name.trim().toLowerCase() === cohort.name.trim().toLowerCase());
    if (taken) throw new Error(`A cohort named "${taken.name}" exists already: save the filters as its next version, or choose another name.`);
    const versions = await db.cohorts.where('id').equals(id).toArray();
    const row: Cohort = { ...cohort, id, name: cohort.name.trim(), version: Math.max(0, ...versions.map((v) => v.version)) + 1, createdAt: now.toISOString() };
    await db.cohorts.add(row);
    return row;
  });
}

export interface SplitRequest {
  /** The incidents to split (a cohort's members, or every incident). */
  ids: readonly string[];
  seed: number;
  shares: Record<StudySet, number>;
  stratifyBy: StratifyBy | null;
  cohort: SplitRecord['cohort'] | null;
}

/** The split a request gives and, before anything is written, which coded incidents it would move to another set. */
export async function previewSplit(db: WorkbenchDatabase, request: SplitRequest, now: Date): Promise<{ sets: Map<string, StudySet>; record: SplitRecord; codedMoved: string[] }> {
  return db.transaction('r', [db.summaries, db.currentLabels], async () => {
    const options: SplitOptions = { shares: request.shares };
    if (request.cohort) options.cohort = request.cohort;
    if (request.stratifyBy) {
      const by = request.stratifyBy;
      const summaries = await db.summaries.bulkGet(request.ids as string[]);
      options.strata = { by, of: new Map(summaries.filter((s) => s !== undefined).map((s) => [s.id, stratumOf(s, by)])) };
    }
    const { sets, record } = planSplit(request.ids, request.seed, now, options);
    const current = new Map<string, StudySet | null>();
    for (const set of ['taxonomy', 'validation', 'test'] as const) for (const id of await db.summaries.where('studySet').equals(set).primaryKeys()) current.set(id, set);
    const coded = new Set((await db.currentLabels.orderBy('incidentId').uniqueKeys()) as string[]);
    return { sets, record, codedMoved: codedIncidentsMoved(current, sets, coded) };
  });
}

/**
 * Writes a split and its record in one transaction: the sets and the record of how they were drawn never disagree.
 * The record is kept among the study's splits too, so a later re-split does not lose it.
 */
export async function applySplit(db: WorkbenchDatabase, sets: ReadonlyMap<string, StudySet>, record: SplitRecord, control: WriteControl = {}, newId: () => string = () => crypto.randomUUID()): Promise<void> {
  await db.transaction('rw', [db.incidents, db.summaries, db.counters, db.settings, db.splits], async () => {
    await assignStudySets(db, sets, control);
    await db.settings.update('study', { split: record });
    await db.splits.add({ id: newId(), record });
  });
}

/** Every split applied in the study, oldest first. */
export async function listSplits(db: WorkbenchDatabase): Promise<SplitRecord[]> {
  return (await db.splits.toArray()).map((s) => s.record).sort((a, b) => a.splitAt.localeCompare(b.splitAt));
}
