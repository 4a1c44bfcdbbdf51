import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AgreementRequest, AgreementView } from '../../../shared/study/agreementView.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { agreementChangeToken } from '../db/repositories/agreementInputs.ts';
import type { AgreementWorkerRequest, AgreementWorkerResponse } from '../workers/agreement.worker.ts';
import { createWorkerClient } from '../workers/workerClient.ts';

const askWorker = createWorkerClient<Omit<AgreementWorkerRequest, 'id'>, AgreementWorkerResponse>(
  () => new Worker(new URL('../workers/agreement.worker.ts', import.meta.url), { type: 'module' }),
);

/**
 * The agreement view for a request, computed in a worker, and again whenever labels, people, sets or the codebook
 * change (a cheap live query of counts and the settings says when).
 */
export function useAgreementView(request: AgreementRequest | null): { view: AgreementView | null; error: string | null; computing: boolean; timing: string } {
  const db = getDatabase();
  const changes = useLiveQuery(() => agreementChangeToken(db), [db]);
  const [state, setState] = useState<{ key: string; view: AgreementView | null; error: string | null; timing: string }>({ key: '', view: null, error: null, timing: '' });
  const key = request && changes ? JSON.stringify([request, changes]) : '';
  useEffect(() => {
    if (!request || key === '') return;
    let live = true;
    void askWorker({ dbName: db.name, request }).then((response) => {
      if (!live) return;
      setState('error' in response ? { key, view: null, error: response.error, timing: '' } : { key, view: response.view, error: null, timing: `${response.readMs.toFixed(0)}+${response.computeMs.toFixed(0)}` });
    }, (e: Error) => {
      if (live) setState({ key, view: null, error: e.message, timing: '' });
    });
    return () => {
      live = false;
    };
    // The key stands for the request and the changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { view: state.view, error: state.error, computing: state.key !== key, timing: state.timing };
}
