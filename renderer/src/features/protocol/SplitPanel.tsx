import { useCodersSeen } from '../../hooks/useViewer.ts';
import { useRef, useState } from 'react';
import { STUDY_SETS, type StudySet } from '../../../../shared/protocol/split.ts';
import type { Cohort } from '../../../../shared/protocol/cohort.ts';
import { describeSplit } from '../../../../shared/protocol/methodsSummary.ts';
import type { SplitRecord, StratifyBy, StudySettings } from '../../../../shared/study/studySettings.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { previewSplit } from '../../db/repositories/cohorts.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { applySplitInWorker, useCohortEvaluations, useSelection } from './useSelection.ts';

const SET_NAMES: Record<StudySet, string> = { taxonomy: 'Taxonomy', validation: 'Validation', test: 'Test' };
const NO_CRITERIA: never[] = [];

/**
 * The split of a cohort (or of every incident) into taxonomy, validation and test sets: seeded, reproducible,
 * optionally stratified. A re-split that would move incidents already coded asks first, saying how many.
 */
export function SplitPanel({ cohorts, round, settings }: { cohorts: Cohort[]; round: number; settings: StudySettings }) {
  const [cohortId, setCohortId] = useState<string>(settings.split?.cohort?.id ?? 'all');
  const [seed, setSeed] = useState<number>(settings.split?.seed ?? 1);
  const [shares, setShares] = useState<Record<StudySet, number>>(() => {
    const s = settings.split?.shares ?? { taxonomy: 0.4, validation: 0.2, test: 0.4 };
    const total = s.taxonomy + s.validation + s.test || 1;
    return { taxonomy: Math.round((100 * s.taxonomy) / total), validation: Math.round((100 * s.validation) / total), test: Math.round((100 * s.test) / total) };
  });
  const [stratify, setStratify] = useState<StratifyBy | 'none'>(settings.split?.stratifyBy ?? 'none');
  const [pending, setPending] = useState<{ sets: Map<string, StudySet>; record: SplitRecord; codedMoved: string[] } | null>(null);
  const [status, setStatus] = useState('');
  const [splitting, setSplitting] = useState<{ done: number; total: number; stop: AbortController } | null>(null);
  const splitButton = useRef<HTMLButtonElement>(null);
  const seen = useCodersSeen(round);
  const evaluations = useCohortEvaluations(cohorts, round, seen);
  const everything = useSelection(NO_CRITERIA, round, seen);
  const cohort = cohorts.find((c) => c.id === cohortId) ?? null;

  const membersOf = (): readonly string[] | null =>
    cohortId === 'all' ? (everything.answer?.ids ?? null) : (evaluations.answer?.results.find((r) => r.cohortId === cohortId && r.version === cohort?.version)?.ids ?? null);

  const write = async (plan: { sets: Map<string, StudySet>; record: SplitRecord }) => {
    setPending(null);
    const stop = new AbortController();
    setSplitting({ done: 0, total: 0, stop });
    try {
      await applySplitInWorker(plan.sets, plan.record, { signal: stop.signal, onProgress: ({ done, total }) => setSplitting({ done, total, stop }) });
      setStatus(`Split: ${describeSplit(plan.record)}`);
    } catch (e) {
      setStatus((e as Error).message);
    } finally {
      setSplitting(null);
    }
    splitButton.current?.focus();
  };
  const split = async () => {
    const ids = membersOf();
    if (!ids) return;
    if (shares.taxonomy + shares.validation + shares.test <= 0) {
      setStatus('The shares must add up to more than zero.');
      return;
    }
    const plan = await previewSplit(
      getDatabase(),
      { ids, seed, shares: { taxonomy: shares.taxonomy / 100, validation: shares.validation / 100, test: shares.test / 100 }, stratifyBy: stratify === 'none' ? null : stratify, cohort: cohort ? { id: cohort.id, version: cohort.version, name: cohort.name } : null },
      new Date(),
    );
    if (plan.codedMoved.length > 0) setPending(plan);
    else await write(plan);
  };

  return (
    <section aria-labelledby="split-heading">
      <h2 id="split-heading">Split into study sets</h2>
      <p data-testid="current-split">
        <VisibleText text={settings.split ? `Current split: ${describeSplit(settings.split)}` : 'Not split yet.'} />
      </p>
      <div className="form-grid">
        <label htmlFor="split-cohort">Split</label>
        <select id="split-cohort" value={cohortId} onChange={(e) => setCohortId(e.target.value)} data-testid="split-cohort">
          <option value="all">every incident of the study</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              the cohort “{visibleTextString(c.name)}” (version {c.version})
            </option>
          ))}
        </select>
        <label htmlFor="split-seed">Seed</label>
        <input id="split-seed" type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)) || 0)} data-testid="split-seed" />
        {STUDY_SETS.map((set) => (
          <span key={set} style={{ display: 'contents' }}>
            <label htmlFor={`share-${set}`}>{SET_NAMES[set]} set, %</label>
            <input id={`share-${set}`} type="number" min={0} max={100} value={shares[set]} onChange={(e) => setShares({ ...shares, [set]: Math.max(0, Number(e.target.value) || 0) })} data-testid={`share-${set}`} />
          </span>
        ))}
        {shares.taxonomy + shares.validation + shares.test !== 100 && (
          <span role="status" className="warning" style={{ gridColumn: '1 / -1' }}>
            The shares add up to {shares.taxonomy + shares.validation + shares.test}%: they are used as proportions of it.
          </span>
        )}
        <label htmlFor="split-stratify">Stratify by</label>
        <select id="split-stratify" value={stratify} onChange={(e) => setStratify(e.target.value as StratifyBy | 'none')} data-testid="split-stratify">
          <option value="none">nothing (one random draw)</option>
          <option value="service">service (the first listed)</option>
          <option value="severity">severity</option>
        </select>
      </div>
      <button type="button" ref={splitButton} onClick={() => void split()} disabled={membersOf() === null || splitting !== null} data-testid="split-sets">
        {splitting ? 'Splitting…' : membersOf() === null ? 'Counting the incidents…' : `Split${cohort ? ` “${visibleTextString(cohort.name)}”` : ' every incident'}`}
      </button>
      {splitting && (
        <div className="toolbar" data-testid="split-progress">
          <label htmlFor="split-progress-bar">Writing the sets</label>
          <progress id="split-progress-bar" max={splitting.total || 1} value={splitting.done} />
          <span>
            {splitting.done} of {splitting.total || '…'} incidents
          </span>
          <button type="button" onClick={() => splitting.stop.abort()} data-testid="split-cancel">
            Cancel
          </button>
        </div>
      )}
      <p role="status" data-testid="split-status" data-state={splitting ? 'splitting' : status ? 'said' : 'idle'}>
        <VisibleText text={status} />
      </p>
      {pending && (
        <ConfirmDialog
          testId="resplit-confirmation"
          title="Re-split incidents that are already coded?"
          safe="Keep the current split"
          danger={`Re-split and move ${pending.codedMoved.length} coded incidents`}
          onSafe={() => {
            setPending(null);
            setStatus('The split was left as it was.');
            requestAnimationFrame(() => splitButton.current?.focus());
          }}
          onDanger={() => void write(pending)}
        >
          <p data-testid="resplit-moved">
            {pending.codedMoved.length} incident{pending.codedMoved.length === 1 ? '' : 's'} that already carry codes would move to another set (or out of every set), for example{' '}
            {pending.codedMoved.slice(0, 5).map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <VisibleText text={id} />
              </span>
            ))}
            . Their codes stay; agreement on each set changes.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
