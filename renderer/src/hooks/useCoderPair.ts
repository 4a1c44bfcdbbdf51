import { useMemo } from 'react';
import type { Person } from '../../../shared/model/labels.ts';
import { computeStudyOutcome } from '../../../shared/study/finalLabels.ts';
import { useSession } from '../store/session.ts';
import { useAllLabels, useDecisions, useIncidentSummaries, usePeople, useSettings } from './useStudyData.ts';

/** The two coders compared: the ones chosen, else the first two people of the study. */
export function pickPair(people: readonly Person[], coderA: string | null, coderB: string | null): { a: Person | null; b: Person | null } {
  // Unless chosen, the pair is two coders (annotators, sources) before any lead: leads resolve more than they code.
  const candidates = [...people.filter((x) => x.role !== 'lead'), ...people.filter((x) => x.role === 'lead')];
  const a = people.find((x) => x.id === coderA) ?? candidates[0] ?? null;
  const b = people.find((x) => x.id === coderB && x.id !== a?.id) ?? candidates.find((x) => x.id !== a?.id) ?? null;
  return { a, b };
}

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
