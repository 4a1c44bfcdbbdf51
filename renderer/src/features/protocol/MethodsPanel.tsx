import { useCodersSeen } from '../../hooks/useViewer.ts';
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Cohort } from '../../../../shared/protocol/cohort.ts';
import { methodsRounds, writeMethodsSummary } from '../../../../shared/protocol/methodsSummary.ts';
import type { SplitRecord, StudySettings } from '../../../../shared/study/studySettings.ts';
import type { AgreementRequest } from '../../../../shared/study/agreementView.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { listCodebookVersions } from '../../db/repositories/codebooks.ts';
import { listSplits } from '../../db/repositories/cohorts.ts';
import { usePeople } from '../../hooks/useStudyData.ts';
import { useAgreementView } from '../../hooks/useAgreementView.ts';
import { pickPair } from '../../../../shared/study/coderPair.ts';
import { useSession } from '../../store/session.ts';
import { useCohortEvaluations } from './useSelection.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';

/**
 * The methods summary of the study's own records (criteria with their funnels, cohorts, splits, codebook versions,
 * each round's kappa of the chosen pair), as text; null while it is being gathered.
 */
export function useMethodsSummary(cohorts: Cohort[], round: number, split: SplitRecord | null): string | null {
  const people = usePeople();
  const { coderA, coderB } = useSession();
  const { a, b } = pickPair(people ?? [], coderA, coderB);
  const versions = useLiveQuery(() => listCodebookVersions(getDatabase()), []);
  const splits = useLiveQuery(() => listSplits(getDatabase()), []);
  const evaluations = useCohortEvaluations(cohorts, round, useCodersSeen(round));
  const request = useMemo<AgreementRequest | null>(() => (a && b ? { coderA: a.id, coderB: b.id, level: 'full', round, studySet: 'all', codebookVersion: 'all', focus: 'symptom' } : null), [a, b, round]);
  const { view } = useAgreementView(request);
  return useMemo(() => {
    // Without two people there is no agreement to report; with them, wait for it.
    if (!versions || !evaluations.answer || (a && b && !view)) return null;
    const byId = new Map(cohorts.map((c) => [c.id, c]));
    const rounds = view && a && b ? methodsRounds(view, [a.name, b.name]) : [];
    // For pasting into a paper: hidden characters in cohort or code names are written out, never carried along.
    return visibleTextString(writeMethodsSummary({
      cohorts: evaluations.answer.results.map((r) => {
        const cohort = byId.get(r.cohortId)!;
        return { cohort, total: r.total, steps: r.steps, size: r.ids.length, comparisonOf: cohort.comparison ? (byId.get(cohort.comparison.of)?.name ?? cohort.comparison.of) : null, comparison: r.comparison };
      }),
      split,
      splits: splits ?? [],
      codebookVersions: versions,
      rounds,
      dimensionNames: new Map((versions.at(-1)?.extraDimensions ?? []).map((d) => [d.id, d.name])),
    }));
  }, [versions, evaluations.answer, view, a, b, cohorts, split, splits]);
}

/** The methods summary a lead pastes into a paper, written by shared/ from the study's own records. */
export function MethodsPanel({ cohorts, round, settings }: { cohorts: Cohort[]; round: number; settings: StudySettings }) {
  const text = useMethodsSummary(cohorts, round, settings.split);
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState('');

  const copy = async () => {
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied.');
    } catch {
      setCopied('The clipboard is not available here: select the text and copy it.');
    }
  };

  return (
    <section aria-labelledby="methods-heading">
      <h2 id="methods-heading">Methods summary</h2>
      <button type="button" onClick={() => setShown(true)} data-testid="methods-write">
        Write the methods summary
      </button>
      {shown && (
        <>
          {text === null ? (
            <p role="status">Gathering the study&apos;s records…</p>
          ) : (
            <>
              <label htmlFor="methods-text" className="sr-only">
                Methods summary
              </label>
              <textarea id="methods-text" readOnly value={text} rows={Math.min(24, text.split('\n').length + 2)} style={{ width: '100%' }} data-testid="methods-text" />
              <button type="button" onClick={() => void copy()}>
                Copy
              </button>
              <span role="status">{copied}</span>
            </>
          )}
        </>
      )}
    </section>
  );
}
