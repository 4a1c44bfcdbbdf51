/**
 * Agreement over label sets (an incident given several codes: "ERROR, UNAVAIL"), as nltk computes it:
 * Krippendorff's alpha with the MASI distance (Passonneau 2006), nltk.metrics.agreement.AnnotationTask(
 * distance=masi_distance).alpha(). Tested against values nltk wrote (tests/fixtures/reference/masi-alpha.json).
 */

/**
 * MASI distance between two label sets, with nltk's weights (0.67 and 0.33, as nltk writes them): 0 for equal sets,
 * 1 for disjoint ones, partial in between (one a subset of the other counts more than an overlap).
 */
export function masiDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let intersection = 0;
  for (const x of a) if (b.has(x)) intersection += 1;
  const union = a.size + b.size - intersection;
  if (union === 0) throw new Error('MASI distance is not defined for two empty label sets.');
  const m = a.size === b.size && a.size === intersection ? 1 : intersection === Math.min(a.size, b.size) ? 0.67 : intersection > 0 ? 0.33 : 0;
  return 1 - (intersection / union) * m;
}

/** One coder's labels for one item (a set: order and repeats do not count here). */
export interface SetRating {
  coder: string;
  item: string;
  labels: readonly string[];
}

/** A label set as a key, the same whatever order its labels are in. */
const setKey = (labels: readonly string[]) => [...new Set(labels)].sort().join('\u0000');

/** nltk's Disagreement: the mean distance over ordered pairs of the ratings a frequency table holds. */
function disagreement(frequencies: ReadonlyMap<string, number>, sets: ReadonlyMap<string, ReadonlySet<string>>, distance: (a: ReadonlySet<string>, b: ReadonlySet<string>) => number): number {
  let total = 0;
  for (const n of frequencies.values()) total += n;
  let pairs = 0;
  for (const [j, nj] of frequencies) for (const [l, nl] of frequencies) pairs += nj * nl * distance(sets.get(l)!, sets.get(j)!);
  return pairs / (total * (total - 1));
}

/**
 * Krippendorff's alpha over label sets, as nltk's AnnotationTask.alpha computes it: items with fewer than two
 * ratings are left out; 1 when only one label set occurs; null when there is nothing to compare (no ratings, or one
 * coder and one item), where nltk raises.
 */
export function computeSetAlpha(ratings: readonly SetRating[], distance: (a: ReadonlySet<string>, b: ReadonlySet<string>) => number = masiDistance): number | null {
  const sets = new Map<string, ReadonlySet<string>>();
  const byItem = new Map<string, Map<string, number>>();
  const coders = new Set<string>();
  for (const r of ratings) {
    if (r.labels.length === 0) throw new Error(`${r.coder} gave item ${r.item} an empty label set; MASI needs at least one label.`);
    const key = setKey(r.labels);
    if (!sets.has(key)) sets.set(key, new Set(r.labels));
    coders.add(r.coder);
    let frequencies = byItem.get(r.item);
    if (!frequencies) byItem.set(r.item, (frequencies = new Map()));
    frequencies.set(key, (frequencies.get(key) ?? 0) + 1);
  }
  if (sets.size === 0) return null;
  if (sets.size === 1) return 1;
  if (coders.size === 1 && byItem.size === 1) return null;
  const all = new Map<string, number>();
  let observed = 0;
  for (const frequencies of byItem.values()) {
    let count = 0;
    for (const n of frequencies.values()) count += n;
    if (count < 2) continue;
    for (const [key, n] of frequencies) all.set(key, (all.get(key) ?? 0) + n);
    observed += disagreement(frequencies, sets, distance) * count;
  }
  let pairable = 0;
  for (const n of all.values()) pairable += n;
  if (pairable === 0) return null;
  return 1 - observed / pairable / disagreement(all, sets, distance);
}
