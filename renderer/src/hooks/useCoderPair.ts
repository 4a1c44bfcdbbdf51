import { useMemo } from 'react';
import { pickPair } from '../../../shared/study/coderPair.ts';
import { computeStudyOutcome } from '../../../shared/study/finalLabels.ts';
import { useSession } from '../store/session.ts';
import { useAllLabels, useDecisions, useIncidentSummaries, usePeople, useSettings } from './useStudyData.ts';

/** The two coders the lead compares and what their codes add up to in the study's current round. */
export function useCoderPair() {
  const people = usePeople();
  const incidents = useIncidentSummaries();
  const labels = useAllLabels();
  const decisions = useDecisions();
  const settings = useSettings();
  const { coderA, coderB, setCoders } = useSession();
  const { a, b } = pickPair(people ?? [], coderA, coderB);
  const round = settings?.currentRound ?? 1;
  const order = useMemo(() => incidents?.map((i) => i.id) ?? [], [incidents]);
  const outcome = useMemo(
    () => (a && b && labels && decisions ? computeStudyOutcome(labels, decisions, a.id, b.id, order, round) : null),
    [a, b, labels, decisions, order, round],
  );
  const loading = !people || !incidents || !labels || !decisions || !settings;
  return { loading, people: people ?? [], incidents: incidents ?? [], labels: labels ?? [], decisions: decisions ?? [], settings, round, a, b, setCoders, outcome };
}
