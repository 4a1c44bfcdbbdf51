import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Criterion } from '../../../../shared/protocol/criteria.ts';
import type { Cohort } from '../../../../shared/protocol/cohort.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { selectionStamp } from '../../db/repositories/selection.ts';
import { listCohortVersions } from '../../db/repositories/cohorts.ts';
import type { SelectionWorkerRequest, SelectionWorkerResponse } from '../../workers/selection.worker.ts';
import { createWorkerClient, type AskOptions } from '../../workers/workerClient.ts';
import type { StudySet } from '../../../../shared/model/incident.ts';
import type { SplitRecord } from '../../../../shared/study/studySettings.ts';

export type SelectionRequest = SelectionWorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
type Request = SelectionRequest;
export const askSelectionWorker = createWorkerClient<Request, SelectionWorkerResponse>(() => new Worker(new URL('../../workers/selection.worker.ts', import.meta.url), { type: 'module' }));

export type Selection = Extract<SelectionWorkerResponse, { kind: 'select' }>;
export type CohortEvaluations = Extract<SelectionWorkerResponse, { kind: 'cohorts' }>;

/**
 * Runs a worker request again whenever its key or the stamp changes (by default the study's selection stamp: the
 * incidents and the round's codes); the last answer wins.
 */
export function useWorkerAnswer<T extends SelectionWorkerResponse>(
  request: Request | null,
  round: number,
  stampOf: (db: ReturnType<typeof getDatabase>, round: number) => Promise<string> = selectionStamp,
): { answer: T | null; error: string | null; computing: boolean } {
  const db = getDatabase();
  const stamp = useLiveQuery(() => stampOf(db, round), [db, round, stampOf]);
  const key = request && stamp ? JSON.stringify([request, stamp]) : '';
  const [state, setState] = useState<{ key: string; answer: T | null; error: string | null }>({ key: '', answer: null, error: null });
  useEffect(() => {
    if (!request || key === '') return;
    let live = true;
    void askSelectionWorker(request).then((response) => {
      if (!live) return;
      setState('error' in response ? { key, answer: null, error: response.error } : { key, answer: response as T, error: null });
    }, (e: Error) => {
      if (live) setState({ key, answer: null, error: e.message });
    });
    return () => {
      live = false;
    };
    // The key stands for the request and the stamp.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { answer: state.answer, error: state.error, computing: state.key !== key };
}

/**
 * The incidents matching criteria (ids in list order), the funnel, and each filter's values with counts. `coders`:
 * whose codes the coding states come from (a viewer who may not see every code of the round passes their own id).
 */
export function useSelection(criteria: Criterion[], round: number, seen: CodersSeen) {
  const db = getDatabase();
  const { coders } = seen;
  return useWorkerAnswer<Selection>(seen.ready ? { dbName: db.name, round, kind: 'select', criteria, withFacets: true, ...(coders ? { coders } : {}) } : null, round);
}

/** Every given cohort's funnel and members (a comparison cohort's drawn for the version it names). */
export function useCohortEvaluations(cohorts: Cohort[] | undefined, round: number, seen: CodersSeen) {
  const db = getDatabase();
  const versions = useLiveQuery(() => listCohortVersions(db), [db]);
  const { coders } = seen;
  return useWorkerAnswer<CohortEvaluations>(cohorts && versions && seen.ready ? { dbName: db.name, round, kind: 'cohorts', cohorts, versions, ...(coders ? { coders } : {}) } : null, round);
}

/** Whose codes a viewer may see in the round (useCodersSeen); nothing is asked before it is known. */
export type CodersSeen = { ready: boolean; coders: string[] | undefined };

/**
 * Writes a split in the selection worker: over a large study every record whose set changes is rewritten (100k
 * incidents: tens of seconds), so it reports progress and stops on `signal` (the write is rolled back).
 */
export async function applySplitInWorker(sets: ReadonlyMap<string, StudySet>, record: SplitRecord, options: AskOptions): Promise<void> {
  const response = await askSelectionWorker({ dbName: getDatabase().name, round: 0, kind: 'applySplit', sets: [...sets], record }, options);
  if ('error' in response) throw new Error(response.error);
}
