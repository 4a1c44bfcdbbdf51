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
  // counts[i][k]: how many coders gave item i category k.
  const counts: number[][] = [];
  const perItem: number[] = [];
  let nRatings = 0;
  for (let item = 0; item < nItemsAll; item++) {
    const row = new Array<number>(q).fill(0);
    let r = 0;
    for (const coder of raters) {
      const label = coder[item];
      if (label === null || label === undefined) continue;
      const k = index.get(label);
      if (k === undefined) throw new Error(`Item ${item + 1}: label "${label}" is not a declared category.`);
      row[k]! += 1;
      r += 1;
    }
    if (r === 0) continue;
    counts.push(row);
    perItem.push(r);
    nRatings += r;
  }
  const n = counts.length;
  const pairable = perItem.filter((r) => r >= 2);
  const complete = n === nItemsAll && perItem.every((r) => r === raters.length);

  // Observed agreement (Fleiss P-bar) over items with at least two ratings.
  let sumP = 0;
  counts.forEach((row, i) => {
    const r = perItem[i]!;
    if (r < 2) return;
    sumP += row.reduce((s, c) => s + c * (c - 1), 0) / (r * (r - 1));
  });
  const pa = pairable.length === 0 ? null : sumP / pairable.length;

  // Fleiss' kappa, defined when every item has the same number of ratings.
  let fleissKappa: number | null = null;
  if (n > 0 && pa !== null && perItem.every((r) => r === perItem[0]) && perItem[0]! >= 2) {
    const r = perItem[0]!;
    let pe = 0;
    for (let k = 0; k < q; k++) {
      const pk = counts.reduce((s, row) => s + row[k]!, 0) / (n * r);
      pe += pk * pk;
    }
    fleissKappa = pe === 1 ? null : (pa - pe) / (1 - pe);
  }

  // Krippendorff's alpha (nominal) from the coincidence matrix of pairable units.
  let alpha: number | null = null;
  {
    const nc = new Array<number>(q).fill(0);
    let disagree = 0;
    let total = 0;
    counts.forEach((row, i) => {
      const m = perItem[i]!;
      if (m < 2) return;
      for (let c = 0; c < q; c++) {
        if (row[c] === 0) continue;
        nc[c]! += row[c]!;
        total += row[c]!;
        disagree += (row[c]! * (m - row[c]!)) / (m - 1);
      }
    });
    const sumSquares = nc.reduce((s, v) => s + v * v, 0);
    const expected = total * total - sumSquares;
    if (total > 1 && expected !== 0) alpha = 1 - ((disagree / total) * total * (total - 1)) / expected;
  }

  // Gwet's AC1 for many raters with missing ratings, and its variance, as irrCAC's gwet.ac1.raw.
  let gwetAc1: number | null = null;
  let gwetAc1Se: number | null = null;
  let gwetPe: number | null = null;
  if (n > 0 && pa !== null && q >= 2) {
    const pi = new Array<number>(q).fill(0);
    counts.forEach((row, i) => row.forEach((c, k) => (pi[k]! += c / perItem[i]! / n)));
    const pe = pi.reduce((s, p) => s + p * (1 - p), 0) / (q - 1);
    gwetPe = pe;
    if (pe !== 1) {
      const ac1 = (pa - pe) / (1 - pe);
      gwetAc1 = ac1;
      if (n > 1) {
        let sum = 0;
        counts.forEach((row, i) => {
          const r = perItem[i]!;
          const paI = r >= 2 ? row.reduce((s, c) => s + c * (c - 1), 0) / (r * (r - 1)) : 0;
          const ac1I = ((n / pairable.length) * (paI - (r >= 2 ? pe : 0))) / (1 - pe);
          const peI = row.reduce((s, c, k) => s + c * (1 - pi[k]!), 0) / r / (q - 1);
          const ac1IStar = ac1I - (2 * (1 - ac1) * (peI - pe)) / (1 - pe);
          sum += (ac1IStar - ac1) ** 2;
        });
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
    nPairableItems: pairable.length,
    nPairableValues: pairable.reduce((s, r) => s + r, 0),
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
