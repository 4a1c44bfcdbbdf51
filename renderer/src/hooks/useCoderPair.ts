import { useMemo } from 'react';
import { computeStudyOutcome } from '../../../shared/study/finalLabels.ts';
import { useSession } from '../store/session.ts';
import { useAllLabels, useAnnotators, useIncidents, useResolutions } from './useStudyData.ts';

/** The two coders the lead compares (by default the first two annotators) and what their codes add up to. */
export function useCoderPair() {
  const annotators = useAnnotators();
  const incidents = useIncidents();
  const labels = useAllLabels();
  const resolutions = useResolutions();
  const { coderA, coderB, setCoders } = useSession();
  const a = annotators?.find((x) => x.id === coderA) ?? annotators?.[0] ?? null;
  const b = annotators?.find((x) => x.id === coderB && x.id !== a?.id) ?? annotators?.find((x) => x.id !== a?.id) ?? null;
  const order = useMemo(() => incidents?.map((i) => i.id) ?? [], [incidents]);
  const outcome = useMemo(
    () => (a && b && labels && resolutions ? computeStudyOutcome(labels, resolutions, a.id, b.id, order) : null),
    [a, b, labels, resolutions, order],
  );
  const loading = !annotators || !incidents || !labels || !resolutions;
  return { loading, annotators: annotators ?? [], incidents: incidents ?? [], labels: labels ?? [], resolutions: resolutions ?? [], a, b, setCoders, outcome };
}
