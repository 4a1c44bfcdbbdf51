import { isReservedCode, topLevelOf } from '../codebook/codebook.ts';
import type { BuiltInDimension } from '../model/labels.ts';
import { empiricalCdf, summarizeDurations, type DurationSummary } from '../report/durations.ts';

/**
 * What incidents with the same codes taught: past incidents with the same root cause or symptom (at the full code,
 * falling back to the top level when none shares a full code), ranked by the codes they share and how alike their
 * titles read; and, for the incident's root-cause category, how long mitigation took and which mitigations were used.
 */
export interface CodedIncident {
  id: string;
  title: string;
  createdAt: string | null;
  timeToMitigateMinutes: number | null;
  mitigationText: string;
  /** Final codes (agreed or decided) by dimension. */
  codes: Partial<Record<BuiltInDimension, string>>;
}

export interface SimilarIncident {
  incident: CodedIncident;
  /** What it shares, e.g. ["root cause", "symptom (top level)"]. */
  shared: string[];
  score: number;
  /** Jaccard similarity of the titles' word sets, 0 to 1. */
  textSimilarity: number;
}

const WEIGHTS = { rootCause: 4, symptom: 3, mitigation: 1 } as const;
/** "Other" and "Not applicable" say nothing two incidents share: they are no code to match on. */
const meaningful = (code: string | undefined) => (code && !isReservedCode(code) ? code : undefined);
const NAMES = { rootCause: 'root cause', symptom: 'symptom', mitigation: 'mitigation' } as const;

/** Plain code-unit order: the same on every machine, whatever its locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct words of a title (letters and digits, three or more characters, lower case). */
export function titleWords(title: string): Set<string> {
  return new Set((title.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both += 1;
  return both / (a.size + b.size - both);
}

function sharedCodes(target: CodedIncident, other: CodedIncident, level: 'full' | 'top'): { shared: string[]; score: number } {
  const shared: string[] = [];
  let score = 0;
  for (const dimension of ['rootCause', 'symptom', 'mitigation'] as const) {
    const a = meaningful(target.codes[dimension]);
    const b = meaningful(other.codes[dimension]);
    if (!a || !b) continue;
    if (a === b) {
      shared.push(NAMES[dimension]);
      score += WEIGHTS[dimension];
    } else if (level === 'top' && topLevelOf(a) === topLevelOf(b)) {
      shared.push(`${NAMES[dimension]} (top level)`);
      score += WEIGHTS[dimension] / 2;
    }
  }
  return { shared, score };
}

/**
 * Incidents before the target (all others where either has no date) that share its root cause or symptom. Ranked by
 * score (root cause 4, symptom 3, mitigation 1; half at the top level), then title similarity, then the most recent, then id.
 */
export function findSimilarIncidents(target: CodedIncident, incidents: readonly CodedIncident[], limit = 10): SimilarIncident[] {
  const past = incidents.filter((o) => o.id !== target.id && (!target.createdAt || !o.createdAt || o.createdAt < target.createdAt));
  const words = titleWords(target.title);
  const anchors = (o: CodedIncident, same: (a: string, b: string) => boolean) =>
    (['rootCause', 'symptom'] as const).some((d) => {
      const [a, b] = [meaningful(target.codes[d]), meaningful(o.codes[d])];
      return a !== undefined && b !== undefined && same(a, b);
    });
  const full = past.filter((o) => anchors(o, (a, b) => a === b));
  const level = full.length > 0 ? 'full' : 'top';
  const pool = full.length > 0 ? full : past.filter((o) => anchors(o, (a, b) => topLevelOf(a) === topLevelOf(b)));
  return pool
    .map((incident) => ({ incident, ...sharedCodes(target, incident, level), textSimilarity: jaccard(words, titleWords(incident.title)) }))
    .sort(
      (x, y) =>
        y.score - x.score ||
        y.textSimilarity - x.textSimilarity ||
        byCodeUnits(y.incident.createdAt ?? '', x.incident.createdAt ?? '') ||
        byCodeUnits(x.incident.id, y.incident.id),
    )
    .slice(0, limit);
}

export interface CategoryStanding {
  /** The target's top-level root cause. */
  category: string;
  /** Times to mitigate of the category's other incidents. */
  timeToMitigate: DurationSummary | null;
  /** Share of the category's other incidents that took no longer to mitigate than the target (null without a time). */
  targetPercentile: number | null;
  /** Top-level mitigations used in the category, most used first. */
  mitigations: Array<{ code: string; count: number }>;
  /** The ECDF of the others' times to mitigate (at most about 100 steps), to draw the target against. */
  curve: Array<[number, number]>;
}

/** Where the incident stands among the others of its root-cause category; null when it has no root cause. */
export function categoryStanding(target: CodedIncident, incidents: readonly CodedIncident[]): CategoryStanding | null {
  const cause = meaningful(target.codes.rootCause);
  if (!cause) return null;
  const category = topLevelOf(cause);
  const peers = incidents.filter((o) => o.id !== target.id && meaningful(o.codes.rootCause) && topLevelOf(o.codes.rootCause!) === category);
  const times = peers.flatMap((o) => (o.timeToMitigateMinutes === null ? [] : [o.timeToMitigateMinutes]));
  const counts = new Map<string, number>();
  for (const o of peers) if (o.codes.mitigation) counts.set(topLevelOf(o.codes.mitigation), (counts.get(topLevelOf(o.codes.mitigation)) ?? 0) + 1);
  const own = target.timeToMitigateMinutes;
  return {
    category,
    timeToMitigate: summarizeDurations(times),
    targetPercentile: own === null || times.length === 0 ? null : times.filter((t) => t <= own).length / times.length,
    mitigations: [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    curve: empiricalCdf(times, 100),
  };
}
