import { buildPairTable, columnMarginals, rowMarginals, type PairTable, type Rating } from './contingency.ts';
import { twoSidedNormalP, Z_975 } from './normal.ts';

/**
 * Cohen's kappa for two coders with its large-sample standard error (Fleiss, Cohen & Everitt 1969),
 * exactly as statsmodels' `cohens_kappa(table)` reports it. Every 0/0 is null, never NaN or a made-up 1.
 */
export interface CohenKappaResult {
  nPairs: number;
  observedAgreement: number | null;
  expectedAgreement: number | null;
  kappa: number | null;
  se: number | null;
  seH0: number | null;
  ci95Lower: number | null;
  ci95Upper: number | null;
  z: number | null;
  pTwoSided: number | null;
  kappaMax: number | null;
}

export function computeCohenKappa(first: readonly Rating[], second: readonly Rating[], categories: readonly string[]): CohenKappaResult {
  return computeCohenKappaFromTable(buildPairTable(first, second, categories));
}

export function computeCohenKappaFromTable(table: PairTable): CohenKappaResult {
  const { n, counts } = table;
  const empty: CohenKappaResult = {
    nPairs: n,
    observedAgreement: null,
    expectedAgreement: null,
    kappa: null,
    se: null,
    seH0: null,
    ci95Lower: null,
    ci95Upper: null,
    z: null,
    pTwoSided: null,
    kappaMax: null,
  };
  if (n === 0) return empty;

  const k = counts.length;
  const row = rowMarginals(table);
  const col = columnMarginals(table);
  let po = 0;
  let pe = 0;
  let minMarginSum = 0;
  for (let i = 0; i < k; i++) {
    po += counts[i]![i]! / n;
    pe += row[i]! * col[i]!;
    minMarginSum += Math.min(row[i]!, col[i]!);
  }
  if (pe === 1) return { ...empty, observedAgreement: po, expectedAgreement: pe };

  const kappa = (po - pe) / (1 - pe);
  const kappaMax = (minMarginSum - pe) / (1 - pe);

  // Fleiss, Cohen & Everitt (1969), as statsmodels writes it.
  let termA = 0;
  let termB = 0;
  let termH0 = 0;
  for (let i = 0; i < k; i++) {
    const pii = counts[i]![i]! / n;
    termA += pii * (1 - (row[i]! + col[i]!) * (1 - kappa)) ** 2;
    termH0 += col[i]! * row[i]! * (col[i]! + row[i]!);
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      termB += (counts[i]![j]! / n) * (col[i]! + row[j]!) ** 2;
    }
  }
  termB *= (1 - kappa) ** 2;
  const termC = (kappa - pe * (1 - kappa)) ** 2;
  const variance = (termA + termB - termC) / (1 - pe) ** 2 / n;
  const varianceH0 = (pe + pe * pe - termH0) / ((1 - pe) ** 2 * n);
  const se = Math.sqrt(Math.max(variance, 0));
  const seH0 = Math.sqrt(Math.max(varianceH0, 0));
  const z = seH0 > 0 ? kappa / seH0 : null;

  return {
    nPairs: n,
    observedAgreement: po,
    expectedAgreement: pe,
    kappa,
    se,
    seH0,
    ci95Lower: kappa - Z_975 * se,
    ci95Upper: kappa + Z_975 * se,
    z,
    pTwoSided: z === null ? null : twoSidedNormalP(z),
    kappaMax,
  };
}

/** Landis & Koch (1977) words for a kappa value. */
export function describeKappa(kappa: number | null): string {
  if (kappa === null) return 'undefined';
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}
