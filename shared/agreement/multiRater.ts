import { computeCohenKappa } from './cohen.ts';
import type { Rating } from './contingency.ts';

/**
 * Agreement among any number of coders (raters[r][i] = coder r's label for item i, null when missing).
 * Items no one rated are dropped. Each 0/0 is null.
 */
export interface MultiRaterAgreement {
  nItems: number;
  nRaters: number;
  nRatings: number;
  nPairableItems: number;
  nPairableValues: number;
  complete: boolean;
  /** Fleiss' P-bar: mean over items with two or more ratings of the share of agreeing rater pairs. */
  observedAgreement: number | null;
  /** Null when items have different numbers of ratings. */
  fleissKappa: number | null;
  krippendorffAlphaNominal: number | null;
  gwetAc1: number | null;
  gwetAc1Se: number | null;
  gwetAc1ExpectedAgreement: number | null;
  bennettS: number | null;
  /** Mean of the pairwise Cohen's kappas (Light 1971); complete data only. */
  meanPairwiseCohenKappa: number | null;
}

export function computeMultiRaterAgreement(raters: ReadonlyArray<readonly Rating[]>, categories: readonly string[]): MultiRaterAgreement {
  const q = categories.length;
  const index = new Map<string, number>();
  categories.forEach((c, i) => index.has(c) || index.set(c, i));
  const nItemsAll = Math.max(0, ...raters.map((r) => r.length));
  // counts[i*q + k]: how many coders gave item i category k; plain loops over one flat array, as this
  // runs over every item of a study (100k items in well under 100 ms).
  const counts = new Int32Array(nItemsAll * q);
  const perItem = new Int32Array(nItemsAll);
  let n = 0;
  let nRatings = 0;
  for (let item = 0; item < nItemsAll; item++) {
    const base = n * q;
    let r = 0;
    for (const coder of raters) {
      const label = coder[item];
      if (label === null || label === undefined) continue;
      const k = index.get(label);
      if (k === undefined) throw new Error(`Item ${item + 1}: label "${label}" is not a declared category.`);
      counts[base + k]! += 1;
      r += 1;
    }
    if (r === 0) continue;
    perItem[n] = r;
    n += 1;
    nRatings += r;
  }
  let nPairable = 0;
  let nPairableValues = 0;
  let equalRatings = n > 0;
  const agreeing = new Float64Array(n); // sum_k c(c-1) per item
  for (let i = 0; i < n; i++) {
    const r = perItem[i]!;
    if (r >= 2) {
      nPairable++;
      nPairableValues += r;
    }
    if (r !== perItem[0]) equalRatings = false;
    let a = 0;
    for (let k = 0; k < q; k++) {
      const c = counts[i * q + k]!;
      a += c * (c - 1);
    }
    agreeing[i] = a;
  }
  const complete = n === nItemsAll && n > 0 && perItem.subarray(0, n).every((r) => r === raters.length);

  // Observed agreement (Fleiss P-bar) over items with at least two ratings.
  let sumP = 0;
  for (let i = 0; i < n; i++) {
    const r = perItem[i]!;
    if (r >= 2) sumP += agreeing[i]! / (r * (r - 1));
  }
  const pa = nPairable === 0 ? null : sumP / nPairable;

  // Category totals over all ratings, and over pairable units for alpha.
  const totals = new Float64Array(q);
  const pairableTotals = new Float64Array(q);
  let disagree = 0;
  let pairableTotal = 0;
  for (let i = 0; i < n; i++) {
    const m = perItem[i]!;
    for (let k = 0; k < q; k++) {
      const c = counts[i * q + k]!;
      if (c === 0) continue;
      totals[k]! += c;
      if (m >= 2) {
        pairableTotals[k]! += c;
        pairableTotal += c;
        disagree += (c * (m - c)) / (m - 1);
      }
    }
  }

  // Fleiss' kappa, defined when every item has the same number (two or more) of ratings.
  let fleissKappa: number | null = null;
  if (pa !== null && equalRatings && perItem[0]! >= 2) {
    const r = perItem[0]!;
    let pe = 0;
    for (let k = 0; k < q; k++) pe += (totals[k]! / (n * r)) ** 2;
    fleissKappa = pe === 1 ? null : (pa - pe) / (1 - pe);
  }

  // Krippendorff's alpha (nominal) from the coincidence matrix of pairable units.
  let alpha: number | null = null;
  {
    let sumSquares = 0;
    for (let k = 0; k < q; k++) sumSquares += pairableTotals[k]! ** 2;
    const expected = pairableTotal * pairableTotal - sumSquares;
    if (pairableTotal > 1 && expected !== 0) alpha = 1 - ((disagree / pairableTotal) * pairableTotal * (pairableTotal - 1)) / expected;
  }

  // Gwet's AC1 for many raters with missing ratings, and its variance, as irrCAC's gwet.ac1.raw.
  let gwetAc1: number | null = null;
  let gwetAc1Se: number | null = null;
  let gwetPe: number | null = null;
  if (n > 0 && pa !== null && q >= 2) {
    const pi = new Float64Array(q);
    for (let i = 0; i < n; i++) for (let k = 0; k < q; k++) pi[k]! += counts[i * q + k]! / perItem[i]! / n;
    let peSum = 0;
    for (let k = 0; k < q; k++) peSum += pi[k]! * (1 - pi[k]!);
    const pe = peSum / (q - 1);
    gwetPe = pe;
    if (pe !== 1) {
      const ac1 = (pa - pe) / (1 - pe);
      gwetAc1 = ac1;
      if (n > 1) {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const r = perItem[i]!;
          const paI = r >= 2 ? agreeing[i]! / (r * (r - 1)) : 0;
          const ac1I = ((n / nPairable) * (paI - (r >= 2 ? pe : 0))) / (1 - pe);
          let peI = 0;
          for (let k = 0; k < q; k++) peI += counts[i * q + k]! * (1 - pi[k]!);
          peI = peI / r / (q - 1);
          const ac1IStar = ac1I - (2 * (1 - ac1) * (peI - pe)) / (1 - pe);
          sum += (ac1IStar - ac1) ** 2;
        }
        gwetAc1Se = Math.sqrt(sum / (n * (n - 1)));
      }
    }
  }

  // Mean pairwise Cohen's kappa: complete data only.
  let meanPairwise: number | null = null;
  if (complete && raters.length >= 2 && n > 0) {
    let sum = 0;
    let pairs = 0;
    let defined = true;
    for (let a = 0; a < raters.length; a++) {
      for (let b = a + 1; b < raters.length; b++) {
        const kappa = computeCohenKappa(raters[a]!, raters[b]!, categories).kappa;
        if (kappa === null) defined = false;
        else sum += kappa;
        pairs++;
      }
    }
    meanPairwise = defined ? sum / pairs : null;
  }

  return {
    nItems: n,
    nRaters: raters.length,
    nRatings,
    nPairableItems: nPairable,
    nPairableValues,
    complete,
    observedAgreement: pa,
    fleissKappa,
    krippendorffAlphaNominal: alpha,
    gwetAc1,
    gwetAc1Se,
    gwetAc1ExpectedAgreement: gwetPe,
    bennettS: pa === null || q < 2 ? null : (pa - 1 / q) / (1 - 1 / q),
    meanPairwiseCohenKappa: meanPairwise,
  };
}
