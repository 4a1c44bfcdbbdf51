import { useCallback, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Dimension, Label } from '../../../shared/model/labels.ts';
import type { IncidentSummary } from '../../../shared/model/incidentSummary.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { countIncidents, listSummaryWindow } from '../db/repositories/incidents.ts';
import { getLabelsFor } from '../db/repositories/labels.ts';

/** Rows are loaded in pages of this many, a page either side of the rows in view. */
const PAGE = 100;

/**
 * The incidents a list shows, loaded a window at a time in list order (a study of 100k incidents never loads them
 * all), with one annotator's current codes in one round for the incidents of the window (blind: only theirs).
 */
export function useIncidentWindow(annotatorId: string | null, round: number) {
  const db = getDatabase();
  const [range, setRange] = useState({ start: 0, end: PAGE });
  const onRange = useCallback((start: number, end: number) => {
    const from = Math.max(0, Math.floor(start / PAGE) * PAGE - PAGE);
    const to = (Math.floor(end / PAGE) + 2) * PAGE;
    setRange((r) => (r.start === from && r.end === to ? r : { start: from, end: to }));
  }, []);
  const count = useLiveQuery(() => countIncidents(db), [db]);
  const window = useLiveQuery(async () => {
    const rows = await listSummaryWindow(db, range.start, range.end - range.start);
    const labels = annotatorId === null ? [] : await getLabelsFor(db, annotatorId, round, rows.map((r) => r.id));
    return { ...range, annotatorId, round, rows, labels };
  }, [db, range.start, range.end, annotatorId, round]);
  const current = window && window.annotatorId === annotatorId && window.round === round ? window : undefined;
  const rowAt = useCallback((index: number): IncidentSummary | undefined => (current && index >= current.start ? current.rows[index - current.start] : undefined), [current]);
  // The window's codes by incident, grouped once per load rather than searched for every row drawn.
  const byIncident = useMemo(() => {
    const out = new Map<string, Partial<Record<Dimension, Label>>>();
    for (const l of current?.labels ?? []) {
      let codes = out.get(l.incidentId);
      if (!codes) out.set(l.incidentId, (codes = {}));
      codes[l.dimension] = l;
    }
    return out;
  }, [current]);
  const labelsOf = useCallback((incidentId: string): Partial<Record<Dimension, Label>> => byIncident.get(incidentId) ?? {}, [byIncident]);
  return { count, rowAt, onRange, labelsOf };
}

/**
 * One annotator's current labels in one round for one incident, by key: what the coding form edits, read apart from
 * the list's window so the form does not depend on which rows are loaded. Undefined while loading.
 */
export function useLabelsFor(annotatorId: string | null, round: number, incidentId: string | null): Label[] | undefined {
  const db = getDatabase();
  const result = useLiveQuery(
    async () => ({ key: `${annotatorId}\u0000${round}\u0000${incidentId}`, labels: annotatorId === null || incidentId === null ? [] : await getLabelsFor(db, annotatorId, round, [incidentId]) }),
    [db, annotatorId, round, incidentId],
  );
  return result?.key === `${annotatorId}\u0000${round}\u0000${incidentId}` ? result.labels : undefined;
}
