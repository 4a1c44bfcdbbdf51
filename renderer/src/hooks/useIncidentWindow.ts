import { useCallback, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Dimension, Label } from '../../../shared/model/labels.ts';
import type { IncidentSummary } from '../../../shared/model/incidentSummary.ts';
import type { IncidentMarks } from '../../../shared/coding/coderMarks.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { countIncidents, listSummariesByIds, listSummaryWindow } from '../db/repositories/incidents.ts';
import { getLabelsFor } from '../db/repositories/labels.ts';
import { getMarksFor } from '../db/repositories/marks.ts';

/** Rows are loaded in pages of this many, a page either side of the rows in view. */
const PAGE = 100;
const NO_MARKS: IncidentMarks = { unsure: false, note: '' };

/**
 * The incidents a list shows, loaded a window at a time (a study of 100k incidents never loads them all): every
 * incident in list order, or the given ids (a filtered list, in its order). With them, one annotator's current codes
 * and marks in one round for the incidents of the window (blind: only theirs).
 */
export function useIncidentWindow(annotatorId: string | null, round: number, ids: readonly string[] | null = null) {
  const db = getDatabase();
  const [range, setRange] = useState({ start: 0, end: PAGE });
  const onRange = useCallback((start: number, end: number) => {
    const from = Math.max(0, Math.floor(start / PAGE) * PAGE - PAGE);
    const to = (Math.floor(end / PAGE) + 2) * PAGE;
    setRange((r) => (r.start === from && r.end === to ? r : { start: from, end: to }));
  }, []);
  const stored = useLiveQuery(() => countIncidents(db), [db]);
  const count = ids ? ids.length : stored;
  const window = useLiveQuery(async () => {
    const rows = ids ? await listSummariesByIds(db, ids.slice(range.start, range.end)) : await listSummaryWindow(db, range.start, range.end - range.start);
    const rowIds = rows.map((r) => r.id);
    const [labels, marks] = annotatorId === null ? [[], new Map<string, IncidentMarks>()] : await Promise.all([getLabelsFor(db, annotatorId, round, rowIds), getMarksFor(db, annotatorId, round, rowIds)]);
    return { ...range, ids, annotatorId, round, rows, labels, marks };
  }, [db, range.start, range.end, annotatorId, round, ids]);
  const current = window && window.annotatorId === annotatorId && window.round === round && window.ids === ids ? window : undefined;
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
  const marksOf = useCallback((incidentId: string): IncidentMarks => current?.marks.get(incidentId) ?? NO_MARKS, [current]);
  return { count, rowAt, onRange, labelsOf, marksOf };
}

/**
 * One annotator's current labels and marks in one round for one incident, by key: what the coding form edits, read
 * apart from the list's window so the form does not depend on which rows are loaded. Undefined while loading.
 */
export function useLabelsFor(annotatorId: string | null, round: number, incidentId: string | null): { labels: Label[]; marks: IncidentMarks } | undefined {
  const db = getDatabase();
  const key = `${annotatorId}\u0000${round}\u0000${incidentId}`;
  const result = useLiveQuery(async () => {
    if (annotatorId === null || incidentId === null) return { key, labels: [], marks: NO_MARKS };
    const [labels, marks] = await Promise.all([getLabelsFor(db, annotatorId, round, [incidentId]), getMarksFor(db, annotatorId, round, [incidentId])]);
    return { key, labels, marks: marks.get(incidentId) ?? NO_MARKS };
  }, [db, annotatorId, round, incidentId]);
  return result?.key === key ? { labels: result.labels, marks: result.marks } : undefined;
}
