import { useCallback, useEffect, useState } from 'react';
import type { IncidentSummary } from '../../../../shared/model/incidentSummary.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { getSummaries } from '../../db/repositories/incidents.ts';

/** The rows of a list of ids, loaded a window at a time as the list scrolls (a selection may hold 100k). */
export function useSummariesById(ids: readonly string[]) {
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const [loaded, setLoaded] = useState<{ ids: readonly string[]; start: number; rows: Array<IncidentSummary | undefined> } | null>(null);
  const [start, end] = range;
  useEffect(() => {
    let live = true;
    const from = Math.max(0, start - 50);
    const to = Math.min(ids.length, end + 50);
    void getSummaries(getDatabase(), ids.slice(from, to)).then((rows) => {
      if (live) setLoaded({ ids, start: from, rows });
    });
    return () => {
      live = false;
    };
  }, [ids, start, end]);
  const rowAt = useCallback((index: number) => (loaded && loaded.ids === ids && index >= loaded.start ? loaded.rows[index - loaded.start] : undefined), [loaded, ids]);
  const onRange = useCallback((s: number, e: number) => setRange((r) => (r[0] === s && r[1] === e ? r : [s, e])), []);
  return { rowAt, onRange };
}
