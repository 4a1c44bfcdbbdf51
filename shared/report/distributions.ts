import type { Dimension } from '../model/labels.ts';
import type { FinalLabel } from '../study/finalLabels.ts';
import { topLevelOf } from '../codebook/codebook.ts';
import { summarizeDurations, type DurationSummary } from './durations.ts';

/**
 * A dimension's final codes as the paper's sections V–VII report them: each top-level category's share of the coded
 * incidents, and within it each sub-category's share of the category (and of all).
 */
export interface CodeDistribution {
  dimension: Dimension;
  n: number;
  categories: Array<{
    code: string;
    count: number;
    share: number;
    /** Sub-codes in the order of most incidents; a label on the category itself is its own entry (the category's code). */
    children: Array<{ code: string; count: number; shareOfCategory: number; share: number }>;
  }>;
}

const byCountThenCode = <T extends { code: string; count: number }>(a: T, b: T) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function computeCodeDistribution(finalLabels: readonly FinalLabel[], dimension: Dimension): CodeDistribution {
  const byTop = new Map<string, Map<string, number>>();
  let n = 0;
  for (const l of finalLabels) {
    if (l.dimension !== dimension) continue;
    n += 1;
    const top = topLevelOf(l.code);
    let children = byTop.get(top);
    if (!children) byTop.set(top, (children = new Map()));
    children.set(l.code, (children.get(l.code) ?? 0) + 1);
  }
  const categories = [...byTop].map(([code, children]) => {
    const count = [...children.values()].reduce((s, v) => s + v, 0);
    return {
      code,
      count,
      share: count / n,
      children: [...children]
        .map(([child, c]) => ({ code: child, count: c, shareOfCategory: c / count, share: c / n }))
        .sort(byCountThenCode),
    };
  });
  return { dimension, n, categories: categories.sort(byCountThenCode) };
}

/**
 * Time to mitigate per final code of a dimension (paper Fig. 9: mean time per mitigation category), with the whole
 * distribution beside the mean.
 */
export function timeToMitigateByCode(
  finalLabels: readonly FinalLabel[],
  dimension: Dimension,
  minutesOf: ReadonlyMap<string, number | null>,
  level: 'top' | 'full' = 'top',
): Array<{ code: string; summary: DurationSummary | null; withoutTime: number }> {
  const groups = new Map<string, { times: number[]; withoutTime: number }>();
  for (const l of finalLabels) {
    if (l.dimension !== dimension) continue;
    const code = level === 'top' ? topLevelOf(l.code) : l.code;
    let g = groups.get(code);
    if (!g) groups.set(code, (g = { times: [], withoutTime: 0 }));
    const minutes = minutesOf.get(l.incidentId);
    if (minutes === null || minutes === undefined) g.withoutTime += 1;
    else g.times.push(minutes);
  }
  return [...groups]
    .map(([code, g]) => ({ code, summary: summarizeDurations(g.times), withoutTime: g.withoutTime }))
    .sort((a, b) => (b.summary?.mean ?? -1) - (a.summary?.mean ?? -1) || (a.code < b.code ? -1 : 1));
}
