import type { Codebook } from '../codebook/codebook.ts';
import type { StudySet } from '../model/incident.ts';
import type { Person } from '../model/labels.ts';
import type { CodedLabel } from '../coding/labelColumns.ts';
import type { Dimension } from '../model/labels.ts';
import { computeAgreementByDimension, computeAllCodersByDimension, type CodeLevel, type DimensionAgreement } from './agreementByDimension.ts';
import type { MultiRaterAgreement } from '../agreement/multiRater.ts';

/**
 * Everything the agreement screen shows, computed in one place (convention 14): the screen renders it, the worker
 * computes it off the main thread, and a report can render the same numbers.
 */

export interface AgreementRequest {
  coderA: string;
  coderB: string;
  level: CodeLevel;
  round: number;
  studySet: StudySet | 'all';
  /** 'all': the current codes under the current codebook; a version: the codes as they stood under it (labelsAsOfVersion). */
  codebookVersion: number | 'all';
  focus: Dimension;
}

/** One category of the focused dimension's confusion matrix. */
export interface CategoryRow {
  category: string;
  byA: number;
  byB: number;
  both: number;
  kappa: number | null;
}

export interface AgreementView {
  request: AgreementRequest;
  /** Rounds that have labels, and the codebook's stored versions, for the scope pickers. */
  rounds: number[];
  versions: number[];
  /** Incidents per study set, for the set picker. */
  setCounts: Record<StudySet, number>;
  rows: DimensionAgreement[];
  /** Kappa per round (same pair, level, set and version), when labels span more than one round. */
  trend: Array<{ round: number; kappa: Array<{ dimension: Dimension; kappa: number | null; n: number }> }>;
  /** The many-coder statistics when three or more people coded in the round. */
  allCoders: { coders: string[]; byDimension: Array<{ dimension: Dimension; stats: MultiRaterAgreement }> } | null;
  /** The focused dimension's categories used by either coder, with the row-normalised confusion matrix. */
  confusion: { categories: CategoryRow[]; shares: Array<Array<number | null>> } | null;
}

/**
 * The view of one request. `labels` are the current codes of (at least) the two coders in every round and of every
 * coder in the requested round; `inSet` the incidents of the requested study set; `setCounts` how many each set has.
 * Statistics do not depend on the order of incidents, so none is needed.
 */
export function buildAgreementView(input: {
  labels: readonly CodedLabel[];
  people: readonly Person[];
  codebook: Codebook;
  versions: readonly number[];
  setCounts: Record<StudySet, number>;
  inSet: ReadonlySet<string> | undefined;
  request: AgreementRequest;
}): AgreementView {
  const { labels, people, codebook, setCounts, request } = input;
  const incidentIds = request.studySet === 'all' ? undefined : (input.inSet ?? new Set<string>());
  const roundSet = new Set<number>();
  for (const l of labels) roundSet.add(l.round);
  const rounds = [...roundSet].sort((a, b) => a - b);
  const versions = [...input.versions].sort((a, b) => a - b);
  // The labels given are already those of the requested codebook version (the caller reads them as of it).
  const scope = (round: number) => ({ round, ...(incidentIds ? { incidentIds } : {}) });

  const rows = computeAgreementByDimension(labels, request.coderA, request.coderB, codebook, request.level, scope(request.round));
  const trend =
    rounds.length > 1
      ? rounds.map((round) => ({
          round,
          // The requested round is computed once, above.
          kappa: (round === request.round ? rows : computeAgreementByDimension(labels, request.coderA, request.coderB, codebook, request.level, scope(round))).map((r) => ({ dimension: r.dimension, kappa: r.kappa.kappa, n: r.kappa.nPairs })),
        }))
      : [];

  const inRound = new Set<string>();
  for (const l of labels) if (l.round === request.round) inRound.add(l.annotatorId);
  const codersInRound = people.filter((p) => inRound.has(p.id)).map((p) => p.id);
  const allCoders = codersInRound.length >= 3 ? { coders: codersInRound, byDimension: computeAllCodersByDimension(labels, codersInRound, codebook, request.level, scope(request.round)) } : null;

  const focused = rows.find((r) => r.dimension === request.focus);
  let confusion: AgreementView['confusion'] = null;
  if (focused && focused.kappa.nPairs > 0) {
    const { categories, counts } = focused.table;
    const rowTotal = (i: number) => counts[i]!.reduce((s, v) => s + v, 0);
    const colTotal = (j: number) => counts.reduce((s, row) => s + row[j]!, 0);
    const used = categories.map((c, i) => ({ c, i })).filter(({ i }) => rowTotal(i) > 0 || colTotal(i) > 0);
    confusion = {
      categories: used.map(({ c, i }) => ({ category: c, byA: rowTotal(i), byB: colTotal(i), both: counts[i]![i]!, kappa: focused.kappa.perCategoryKappa[c] ?? null })),
      shares: used.map(({ i }) => {
        const total = rowTotal(i);
        return used.map(({ i: j }) => (total === 0 ? null : counts[i]![j]! / total));
      }),
    };
  }
  return { request, rounds, versions, setCounts, rows, trend, allCoders, confusion };
}
