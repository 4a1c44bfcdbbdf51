import type { Label, LabelRevision } from '../model/labels.ts';
import { headRevisions, toLabel, type LabelSlot } from './labelHistory.ts';
import { applyHeadsToColumns, columnKey, columnKeyOfSlot, tallyKey, type LabelColumn, type LabelTally } from './labelColumns.ts';

/**
 * What appending label revisions writes: the revisions, and the projections moved to each slot's new head (current
 * labels, label columns, tallies). Pure: the stored columns and tallies it needs are read ahead by the caller (the
 * keys come from projectionKeys), so a save is one round of reads and one of writes, however it reaches IndexedDB.
 */
export interface LabelWritePlan {
  revisions: readonly LabelRevision[];
  putLabels: Label[];
  deleteLabels: Array<[number, string, string, string]>;
  putColumns: LabelColumn[];
  deleteColumns: Array<[number, string, string, number]>;
  putTallies: LabelTally[];
}

const keyOf = (key: readonly unknown[]) => key.join('\u0000');

/** The column and tally keys that revisions of these slots move (each once). */
export function projectionKeys(slots: Iterable<Pick<LabelSlot, 'round' | 'annotatorId' | 'dimension' | 'incidentId'>>): { columns: Array<[number, string, string, number]>; tallies: Array<[number, string, string]> } {
  const columns = new Map<string, [number, string, string, number]>();
  const tallies = new Map<string, [number, string, string]>();
  for (const slot of slots) {
    const column = columnKeyOfSlot(slot);
    columns.set(keyOf(column), column);
    const tally = tallyKey(slot);
    tallies.set(keyOf(tally), tally);
  }
  return { columns: [...columns.values()], tallies: [...tallies.values()] };
}

export function planLabelWrite(
  revisions: readonly LabelRevision[],
  storedColumn: (key: [number, string, string, number]) => LabelColumn | undefined,
  storedTally: (key: [number, string, string]) => LabelTally | undefined,
): LabelWritePlan {
  const heads = headRevisions(revisions);
  const putLabels: Label[] = [];
  const deleteLabels: LabelWritePlan['deleteLabels'] = [];
  for (const head of heads.values()) {
    if (head.code === '') deleteLabels.push([head.round, head.annotatorId, head.dimension, head.incidentId]);
    else putLabels.push(toLabel(head));
  }
  const changed = applyHeadsToColumns(heads.values(), storedColumn);
  // Each tally counts its codes and its changes, so counting and "has anything changed" read one small row.
  const deltas = new Map<string, { key: [number, string, string]; delta: number }>();
  for (const { column, delta } of changed) {
    const key = tallyKey(column);
    const seen = deltas.get(keyOf(key));
    if (seen) seen.delta += delta;
    else deltas.set(keyOf(key), { key, delta });
  }
  const putTallies = [...deltas.values()].map(({ key, delta }): LabelTally => {
    const stored = storedTally(key);
    return { round: key[0], annotatorId: key[1], dimension: key[2], count: (stored?.count ?? 0) + delta, changes: (stored?.changes ?? 0) + 1 };
  });
  const columns = changed.map((c) => c.column);
  return {
    revisions,
    putLabels,
    deleteLabels,
    putColumns: columns.filter((c) => c.lines !== ''),
    deleteColumns: columns.filter((c) => c.lines === '').map(columnKey),
    putTallies,
  };
}
