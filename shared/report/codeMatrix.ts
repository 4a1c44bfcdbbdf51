import type { Dimension } from '../model/labels.ts';
import type { FinalLabel } from '../study/finalLabels.ts';
import { isReservedCode, topLevelOf } from '../codebook/codebook.ts';

export type CodeLevel = 'top' | 'full';

/**
 * How one dimension's final codes go with another's (paper Fig. 7: symptom → root cause; also root cause → mitigation
 * and symptom → mitigation): each cell is the share of the row code's incidents that have the column code. Any number
 * of codes; nothing is capped.
 */
export interface CodeMatrix {
  rowDimension: Dimension;
  columnDimension: Dimension;
  level: CodeLevel;
  rows: string[];
  columns: string[];
  /** counts[r][c]: incidents whose final row code is r and final column code is c. */
  counts: number[][];
  /** counts[r][c] / n of row r (null for a row with none). */
  shares: Array<Array<number | null>>;
  /** Incidents per row. */
  rowTotals: number[];
  /**
   * The agreement overlay: of a cell's incidents, the share where the coders agreed on both codes (neither was settled
   * by the lead). Null for an empty cell.
   */
  agreedShares: Array<Array<number | null>>;
  /** Incidents with a final code in both dimensions. */
  n: number;
}

export function computeCodeMatrix(
  finalLabels: readonly FinalLabel[],
  rowDimension: Dimension,
  columnDimension: Dimension,
  rowCodes: readonly string[],
  columnCodes: readonly string[],
  level: CodeLevel = 'top',
): CodeMatrix {
  const cut = (code: string) => (level === 'top' ? topLevelOf(code) : code);
  const rowOf = new Map<string, FinalLabel>();
  const columnOf = new Map<string, FinalLabel>();
  for (const l of finalLabels) {
    if (l.dimension === rowDimension) rowOf.set(l.incidentId, l);
    else if (l.dimension === columnDimension) columnOf.set(l.incidentId, l);
  }
  const rIndex = new Map(rowCodes.map((s, i) => [s, i]));
  const cIndex = new Map(columnCodes.map((r, i) => [r, i]));
  const counts = rowCodes.map(() => columnCodes.map(() => 0));
  const agreed = rowCodes.map(() => columnCodes.map(() => 0));
  let n = 0;
  for (const [incidentId, rowLabel] of rowOf) {
    const columnLabel = columnOf.get(incidentId);
    if (columnLabel === undefined) continue;
    const ri = rIndex.get(cut(rowLabel.code));
    const ci = cIndex.get(cut(columnLabel.code));
    if (ri === undefined || ci === undefined) continue;
    counts[ri]![ci]! += 1;
    if (rowLabel.origin === 'agreed' && columnLabel.origin === 'agreed') agreed[ri]![ci]! += 1;
    n += 1;
  }
  // "Other" and "Not applicable" (offered in every dimension) are shown only where some incident has them.
  const keepRow = rowCodes.map((s, i) => !isReservedCode(s) || counts[i]!.some((v) => v > 0));
  const keepColumn = columnCodes.map((r, j) => !isReservedCode(r) || counts.some((row) => row[j]! > 0));
  const pick = (m: number[][]) => m.filter((_, i) => keepRow[i]).map((row) => row.filter((_, j) => keepColumn[j]));
  const kept = pick(counts);
  const keptAgreed = pick(agreed);
  const rowTotals = kept.map((row) => row.reduce((s, v) => s + v, 0));
  return {
    rowDimension,
    columnDimension,
    level,
    rows: rowCodes.filter((_, i) => keepRow[i]),
    columns: columnCodes.filter((_, j) => keepColumn[j]),
    counts: kept,
    shares: kept.map((row, i) => row.map((v) => (rowTotals[i] === 0 ? null : v / rowTotals[i]!))),
    rowTotals,
    agreedShares: kept.map((row, i) => row.map((v, j) => (v === 0 ? null : keptAgreed[i]![j]! / v))),
    n,
  };
}
