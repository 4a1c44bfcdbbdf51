import { Type, type Static } from '@sinclair/typebox';
import { CriterionSchema, applyCriteria, type Funnel, type IncidentFacts } from './criteria.ts';
import { seededShuffle } from './split.ts';

/**
 * A cohort: a named selection of incidents by stated criteria (paper §III-A), or a comparison group drawn to match
 * one. Cohorts are versions (convention 16): an edit stores version n+1 and keeps n, so a split made from version n
 * can still say exactly what it split.
 */
export const CohortSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    version: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 1 }),
    criteria: Type.Array(CriterionSchema, { description: 'Applied in order; the funnel counts what is left after each.' }),
    comparison: Type.Union(
      [
        Type.Object(
          {
            of: Type.String({ minLength: 1, description: 'The id of the cohort it is drawn for.' }),
            ofVersion: Type.Integer({ minimum: 1, description: 'The version of that cohort it is drawn for: editing the cohort later does not change the draw.' }),
            seed: Type.Integer(),
          },
          { additionalProperties: false, description: 'Other incidents of the same time frame, as many as the cohort has, drawn with a seed.' },
        ),
        Type.Null(),
      ],
    ),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    retired: Type.Boolean({ description: 'Hidden from lists; kept, since a split may name it.' }),
  },
  { additionalProperties: false, title: 'Cohort' },
);
export type Cohort = Static<typeof CohortSchema>;

/** The latest version of each cohort. */
export function latestCohorts(versions: Iterable<Cohort>): Cohort[] {
  const latest = new Map<string, Cohort>();
  for (const c of versions) {
    const seen = latest.get(c.id);
    if (!seen || seen.version < c.version) latest.set(c.id, c);
  }
  return [...latest.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export interface ComparisonDraw {
  ids: string[];
  /** The time frame the other incidents were drawn from: the first and last creation time in the cohort. */
  from: string | null;
  to: string | null;
  /** How many other incidents that frame held. */
  pool: number;
  /** True when the frame held fewer other incidents than the cohort has (all of them were taken). */
  short: boolean;
}

/**
 * A comparison group for a cohort (the paper compares GenAI incidents with other incidents): incidents outside the
 * cohort created in its time frame, as many as the cohort holds, drawn with a seed. Pure and order-independent.
 */
export function drawComparison(facts: readonly IncidentFacts[], cohortIds: readonly string[], seed: number): ComparisonDraw {
  const inCohort = new Set(cohortIds);
  let from: string | null = null;
  let to: string | null = null;
  for (const f of facts) {
    const at = f.summary.createdAt;
    if (!inCohort.has(f.summary.id) || at === null) continue;
    if (from === null || at < from) from = at;
    if (to === null || at > to) to = at;
  }
  const pool: string[] = [];
  if (from !== null && to !== null) {
    for (const f of facts) {
      const at = f.summary.createdAt;
      if (!inCohort.has(f.summary.id) && at !== null && at >= from && at <= to) pool.push(f.summary.id);
    }
  }
  const drawn = new Set(seededShuffle(pool, seed).slice(0, inCohort.size));
  // In the facts' order, as a cohort's members are.
  const ids = facts.filter((f) => drawn.has(f.summary.id)).map((f) => f.summary.id);
  return { ids, from, to, pool: pool.length, short: pool.length < inCohort.size };
}

export interface CohortResult {
  funnel: Funnel;
  comparison: ComparisonDraw | null;
  /** The members: the funnel's survivors, or the drawn comparison group. */
  ids: string[];
}

/** The key of one cohort version, for looking versions up. */
export const cohortVersionKey = (id: string, version: number) => `${id}\u0000${version}`;

/** A cohort's members and funnel over the incidents' facts; a comparison cohort needs the version it is drawn for, among `versions` (by cohortVersionKey). */
export function evaluateCohort(facts: readonly IncidentFacts[], cohort: Cohort, versions: ReadonlyMap<string, Cohort>): CohortResult {
  const funnel = applyCriteria(facts, cohort.criteria);
  if (!cohort.comparison) return { funnel, comparison: null, ids: funnel.ids };
  const base = versions.get(cohortVersionKey(cohort.comparison.of, cohort.comparison.ofVersion));
  if (!base || base.comparison) throw new Error(`The comparison cohort "${cohort.name}" is drawn for a cohort that is not stored (${cohort.comparison.of}, version ${cohort.comparison.ofVersion}).`);
  const baseIds = applyCriteria(facts, base.criteria).ids;
  const comparison = drawComparison(facts, baseIds, cohort.comparison.seed);
  const chosen = new Set(comparison.ids);
  return { funnel, comparison, ids: funnel.ids.filter((id) => chosen.has(id)) };
}
