import type { FinalLabel } from '../study/finalLabels.ts';
import { isReservedCode, topLevelOf } from '../codebook/codebook.ts';

export interface SymptomRootCauseMatrix {
  symptoms: string[];
  rootCauses: string[];
  /** counts[s][r]: incidents whose final symptom is s and final root cause is r. */
  counts: number[][];
  /** shares[s][r] = counts[s][r] / incidents with symptom s (null for a symptom with none), as in Fig. 7. */
  shares: Array<Array<number | null>>;
  /** Incidents with both a final symptom and a final root cause. */
  n: number;
}

/**
 * The study's symptom → root-cause relationship (paper Fig. 7): each cell is the share of a symptom's
 * incidents that have that root cause. Codes are compared at the codebook's top level by default.
 */
export function computeSymptomRootCauseMatrix(
  finalLabels: readonly FinalLabel[],
  symptoms: readonly string[],
  rootCauses: readonly string[],
  level: 'top' | 'full' = 'top',
): SymptomRootCauseMatrix {
  const cut = (code: string) => (level === 'top' ? topLevelOf(code) : code);
  const symptomOf = new Map<string, string>();
  const causeOf = new Map<string, string>();
  for (const l of finalLabels) {
    if (l.dimension === 'symptom') symptomOf.set(l.incidentId, cut(l.code));
    else if (l.dimension === 'rootCause') causeOf.set(l.incidentId, cut(l.code));
  }
  const sIndex = new Map(symptoms.map((s, i) => [s, i]));
  const rIndex = new Map(rootCauses.map((r, i) => [r, i]));
  const counts = symptoms.map(() => rootCauses.map(() => 0));
  let n = 0;
  for (const [incidentId, symptom] of symptomOf) {
    const cause = causeOf.get(incidentId);
    if (cause === undefined) continue;
    const si = sIndex.get(symptom);
    const ri = rIndex.get(cause);
    if (si === undefined || ri === undefined) continue;
    counts[si]![ri]! += 1;
    n += 1;
  }
  // "Other" and "Not applicable" (offered in every dimension) are shown only where some incident has them.
  const keepRow = symptoms.map((s, i) => !isReservedCode(s) || counts[i]!.some((v) => v > 0));
  const keepColumn = rootCauses.map((r, j) => !isReservedCode(r) || counts.some((row) => row[j]! > 0));
  const kept = counts.filter((_, i) => keepRow[i]).map((row) => row.filter((_, j) => keepColumn[j]));
  const shares = kept.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (total === 0 ? null : v / total));
  });
  return { symptoms: symptoms.filter((_, i) => keepRow[i]), rootCauses: rootCauses.filter((_, j) => keepColumn[j]), counts: kept, shares, n };
}
