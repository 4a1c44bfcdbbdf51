/// <reference lib="webworker" />
import { applyCriteria, facetValueCounts, FACETS, type Criterion, type Facet, type IncidentFacts } from '../../../shared/protocol/criteria.ts';
import { cohortVersionKey, evaluateCohort, type Cohort } from '../../../shared/protocol/cohort.ts';
import { loadIncidentFacts, selectionStamp } from '../db/repositories/selection.ts';
import { applySplit } from '../db/repositories/cohorts.ts';
import type { StudySet } from '../../../shared/model/incident.ts';
import type { SplitRecord } from '../../../shared/study/studySettings.ts';
import { workerDatabases } from './workerDatabases.ts';

/**
 * Selection off the main thread: a study's incidents (summaries and search texts, 100k of them) are read once into
 * the worker and kept while their stamp is unchanged; each filter, search or cohort is then one pass over memory.
 */
export type SelectionWorkerRequest =
  | { id: number; dbName: string; round: number; kind: 'select'; criteria: Criterion[]; withFacets: boolean }
  /** `cohorts` to evaluate; `versions` every stored version (a comparison is drawn for one). */
  | { id: number; dbName: string; round: number; kind: 'cohorts'; cohorts: Cohort[]; versions: Cohort[] }
  /** Writes a split (a long write over a large study: here, with progress, and stopped by a cancel). */
  | { id: number; dbName: string; round: number; kind: 'applySplit'; sets: Array<[string, StudySet]>; record: SplitRecord }
  /** Stops the request `cancel` if it is still writing. */
  | { id: number; cancel: number };

export interface CohortEvaluation {
  cohortId: string;
  version: number;
  steps: Array<{ description: string; remaining: number }>;
  total: number;
  ids: string[];
  comparison: { from: string | null; to: string | null; pool: number; short: boolean } | null;
}

export type SelectionWorkerResponse =
  | {
      id: number;
      kind: 'select';
      total: number;
      steps: Array<{ description: string; remaining: number }>;
      ids: string[];
      facets: Record<Facet, Array<{ value: string; count: number }>> | null;
      /** Reading the incidents (0 when they were held already) and applying the criteria, in ms. */
      loadMs: number;
      evaluateMs: number;
    }
  | { id: number; kind: 'cohorts'; results: CohortEvaluation[]; loadMs: number; evaluateMs: number }
  | { id: number; kind: 'applied' }
  | { id: number; progress: { done: number; total: number } }
  | { id: number; error: string };

type FacetCounts = Record<Facet, Array<{ value: string; count: number }>>;
/** The incidents of one study and round, with their facet counts once asked for (they change only with the stamp). */
const held = new Map<string, { stamp: string; facts: IncidentFacts[]; facets?: FacetCounts }>();
// A study closed for good (deleted in another window): its incidents are dropped, whatever round they were read for.
const databaseOf = workerDatabases((dbName) => {
  for (const key of [...held.keys()]) if (key.startsWith(`${dbName}\u0000`)) held.delete(key);
});

/** A read under way, shared by every request that arrives meanwhile (a screen asks several questions at once). */
const loading = new Map<string, Promise<{ stamp: string; facts: IncidentFacts[] }>>();

async function factsOf(dbName: string, round: number): Promise<{ entry: { facts: IncidentFacts[]; facets?: FacetCounts }; loadMs: number }> {
  const db = await databaseOf(dbName);
  const key = `${dbName}\u0000${round}`;
  const stamp = await selectionStamp(db, round);
  const known = held.get(key);
  if (known?.stamp === stamp) return { entry: known, loadMs: 0 };
  const started = performance.now();
  const flight = `${key}\u0000${stamp}`;
  let pending = loading.get(flight);
  if (!pending) {
    pending = loadIncidentFacts(db, round).finally(() => loading.delete(flight));
    loading.set(flight, pending);
  }
  const loaded = await pending;
  if (held.get(key)?.stamp !== loaded.stamp) {
    // One study and round at a time: 100k incidents' text is worth keeping once, not per round.
    held.clear();
    held.set(key, loaded);
  }
  return { entry: held.get(key)!, loadMs: performance.now() - started };
}

const stepsOf = (steps: ReturnType<typeof applyCriteria>['steps']) => steps.map((s) => ({ description: s.description, remaining: s.remaining }));

const cancelled = new Set<number>();

self.onmessage = async (event: MessageEvent<SelectionWorkerRequest>) => {
  const request = event.data;
  const post = (response: SelectionWorkerResponse) => (self as DedicatedWorkerGlobalScope).postMessage(response);
  if ('cancel' in request) {
    cancelled.add(request.cancel);
    return;
  }
  try {
    if (request.kind === 'applySplit') {
      const db = await databaseOf(request.dbName);
      await applySplit(db, new Map(request.sets), request.record, {
        onProgress: (done, total) => post({ id: request.id, progress: { done, total } }),
        isCancelled: () => cancelled.has(request.id),
      });
      post({ id: request.id, kind: 'applied' });
      return;
    }
    const { entry, loadMs } = await factsOf(request.dbName, request.round);
    const { facts } = entry;
    const started = performance.now();
    if (request.kind === 'select') {
      const funnel = applyCriteria(facts, request.criteria);
      if (request.withFacets) entry.facets ??= Object.fromEntries(FACETS.map((f) => [f, facetValueCounts(facts, f)])) as FacetCounts;
      const facets = request.withFacets ? entry.facets! : null;
      post({ id: request.id, kind: 'select', total: funnel.total, steps: stepsOf(funnel.steps), ids: funnel.ids, facets, loadMs, evaluateMs: performance.now() - started });
      return;
    }
    const byId = new Map(request.versions.map((c) => [cohortVersionKey(c.id, c.version), c]));
    const results = request.cohorts.map((cohort): CohortEvaluation => {
      const result = evaluateCohort(facts, cohort, byId);
      const comparison = result.comparison ? { from: result.comparison.from, to: result.comparison.to, pool: result.comparison.pool, short: result.comparison.short } : null;
      return { cohortId: cohort.id, version: cohort.version, steps: stepsOf(result.funnel.steps), total: result.funnel.total, ids: result.ids, comparison };
    });
    post({ id: request.id, kind: 'cohorts', results, loadMs, evaluateMs: performance.now() - started });
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  } finally {
    cancelled.delete(request.id);
  }
};
