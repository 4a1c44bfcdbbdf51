/**
 * The distribution of a set of durations, shown whole: times to mitigate are heavy-tailed, so a mean alone misleads.
 * Quantiles are numpy's default (linear interpolation between order statistics, R's type 7), so they can be checked
 * against numpy.quantile.
 */
export interface DurationSummary {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Arithmetic mean: always labelled as a mean where shown. */
  mean: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of values sorted ascending, numpy's linear method. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  return sorted[below]! + (sorted[above]! - sorted[below]!) * fraction;
}

/** Null for no values. Non-finite values are left out (a duration the export could not give). */
export function summarizeDurations(values: Iterable<number>): DurationSummary | null {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  if (finite.length === 0) return null;
  const sorted = Float64Array.from(finite).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q3: quantileOfSorted(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
  };
}

/**
 * The empirical cumulative distribution as steps (value, share of values ≤ value), thinned for drawing to about
 * `points` steps: the first and the last step are always kept, and a step is kept whenever the share has risen by at
 * least 1/points since the last one kept, so no jump of the curve is moved or lost and 500k durations stay small.
 */
export function empiricalCdf(values: Iterable<number>, points = 200): Array<[number, number]> {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  const steps: Array<[number, number]> = [];
  let lastKept = -Infinity;
  for (let i = 0; i < n; i++) {
    // Only the last of a run of equal values is a step of the ECDF.
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    const share = (i + 1) / n;
    if (steps.length === 0 || i === n - 1 || share - lastKept >= 1 / points) {
      steps.push([sorted[i]!, share]);
      lastKept = share;
    }
  }
  return steps;
}

/**
 * The distribution as quantiles at `points` evenly spaced shares (1/points … 1): a curve that says nothing of how many
 * values there are (normalised mode, where the ECDF's steps of 1/n would).
 */
export function quantileCurve(values: Iterable<number>, points = 100): Array<[number, number]> {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  if (finite.length === 0) return [];
  const sorted = Float64Array.from(finite).sort();
  return Array.from({ length: points }, (_, k) => [quantileOfSorted(sorted, (k + 1) / points), (k + 1) / points] as [number, number]);
}
