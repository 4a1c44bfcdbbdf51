import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../db/activeStudy.ts';
import { listIncidentSummaries } from '../db/repositories/incidents.ts';
import { pickPair } from '../../../shared/study/coderPair.ts';
import { computeStudyOutcome } from '../../../shared/study/finalLabels.ts';
import { useSession } from '../store/session.ts';
import { useAllLabels, useDecisions, usePeople, useSettings } from './useStudyData.ts';

/**
 * The two coders the lead compares and what their codes add up to in the study's current round. `inIncidentOrder`:
 * disagreements listed in the incidents' order (the Resolve queue), which reads every incident's summary; the Analysis
 * screen needs only the final codes and reads none (500k summaries are seconds of main-thread work).
 */
export function useCoderPair({ inIncidentOrder = true }: { inIncidentOrder?: boolean } = {}) {
  const people = usePeople();
  const incidents = useLiveQuery(() => (inIncidentOrder ? listIncidentSummaries(getDatabase()) : Promise.resolve(null)), [inIncidentOrder]);
  const labels = useAllLabels();
  const decisions = useDecisions();
  const settings = useSettings();
  const { coderA, coderB, setCoders } = useSession();
  const { a, b } = pickPair(people ?? [], coderA, coderB);
  const round = settings?.currentRound ?? 1;
  const order = useMemo(() => (inIncidentOrder ? (incidents?.map((i) => i.id) ?? []) : null), [incidents, inIncidentOrder]);
  const outcome = useMemo(
    () => (a && b && labels && decisions ? computeStudyOutcome(labels, decisions, a.id, b.id, order, round) : null),
    [a, b, labels, decisions, order, round],
  );
  const loading = !people || incidents === undefined || !labels || !decisions || !settings;
  return { loading, people: people ?? [], incidents: incidents ?? [], labels: labels ?? [], decisions: decisions ?? [], settings, round, a, b, setCoders, outcome };
}
