import type { Codebook } from '../codebook/codebook.ts';
import { describeCodebookEdit } from '../codebook/codebookChange.ts';
import { BUILT_IN_DIMENSION_NAMES, isBuiltInDimension, type Dimension } from '../model/labels.ts';
import type { AgreementView } from '../study/agreementView.ts';
import type { SplitRecord } from '../study/studySettings.ts';
import type { Cohort } from './cohort.ts';

/**
 * The methods summary a study lead pastes into a paper (the study paper's §III in miniature): how incidents were
 * selected (criteria and the count after each), the cohorts' sizes, how they were split (sizes, seed, method), the
 * codebook's version and change log, and the labelling rounds with their agreement. Plain text; numbers only from
 * its inputs, so the same study always gives the same words.
 */
export interface MethodsInput {
  cohorts: Array<{ cohort: Cohort; total: number; steps: Array<{ description: string; remaining: number }>; size: number; comparisonOf: string | null; comparison: { from: string | null; to: string | null; pool: number; short: boolean } | null }>;
  split: SplitRecord | null;
  /** Every split applied in the study, oldest first (the last is `split`): earlier ones are named as replaced. */
  splits?: readonly SplitRecord[];
  codebookVersions: readonly Codebook[];
  rounds: Array<{ round: number; coders: string[]; kappa: Array<{ dimension: Dimension; kappa: number | null; n: number }> }>;
  /** Names of the dimensions a codebook adds (the paper's three are named already). */
  dimensionNames?: ReadonlyMap<Dimension, string>;
}

/** The rounds the summary reports, from an agreement view of one coder pair: each round anyone coded in, with kappa per dimension. */
export function methodsRounds(view: Pick<AgreementView, 'trend' | 'rows' | 'request'>, coders: [string, string]): MethodsInput['rounds'] {
  const rounds = view.trend.length
    ? view.trend.map((t) => ({ round: t.round, kappa: t.kappa }))
    : [{ round: view.request.round, kappa: view.rows.map((r) => ({ dimension: r.dimension, kappa: r.kappa.kappa, n: r.kappa.nPairs })) }];
  // A round in which the pair coded nothing in common says nothing about agreement.
  return rounds.filter((r) => r.kappa.some((k) => k.n > 0)).map((r) => ({ ...r, coders: [...coders] }));
}
const percent = (share: number, total: number) => `${((100 * share) / total).toFixed(0)}%`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'open');

/** How a split was made, in one sentence (shown where the split is, and in the methods summary). */
export function describeSplit(split: SplitRecord): string {
  const total = split.shares.taxonomy + split.shares.validation + split.shares.test;
  const shares = `${percent(split.shares.taxonomy, total)}/${percent(split.shares.validation, total)}/${percent(split.shares.test, total)}`;
  return `${split.incidents} incidents${split.cohort ? ` of the cohort "${split.cohort.name}" (version ${split.cohort.version})` : ''} were split at random ${shares}${split.method === 'random' ? ' (in list order)' : ''} into a taxonomy set (${split.counts.taxonomy}), a validation set (${split.counts.validation}) and a test set (${split.counts.test}), ${split.method === 'stratified' ? `stratified by ${split.stratifyBy}, ` : ''}with seed ${split.seed} (${split.splitAt.slice(0, 10)}).`;
}

export function writeMethodsSummary(input: MethodsInput): string {
  const out: string[] = [];
  const selections = input.cohorts.filter((c) => !c.cohort.retired);
  if (selections.length) {
    out.push('Selection.');
    for (const c of selections) {
      if (c.comparisonOf !== null && c.comparison) {
        out.push(
          `"${c.cohort.name}" is a comparison group for "${c.comparisonOf}": ${c.size} other incidents created in the same time frame (${day(c.comparison.from)} to ${day(c.comparison.to)}), drawn at random with seed ${c.cohort.comparison!.seed} from ${c.comparison.pool}${c.comparison.short ? ' (all of them: fewer than the cohort has)' : ''}.`,
        );
        continue;
      }
      const steps = c.steps.map((s) => `${s.description.charAt(0).toLowerCase()}${s.description.slice(1)} (${s.remaining} left)`);
      out.push(`"${c.cohort.name}" (version ${c.cohort.version}): of ${c.total} incidents, ${steps.length ? `${steps.join('; then ')}` : 'all were kept'}; ${c.size} incidents in the cohort.`);
    }
  }
  const split = input.split;
  if (split) {
    const earlier = (input.splits ?? []).filter((s) => s.splitAt !== split.splitAt || s.seed !== split.seed);
    const replaced = earlier.length ? ` It replaced ${earlier.length} earlier split${earlier.length === 1 ? '' : 's'} (${earlier.map((s) => `seed ${s.seed}, ${s.splitAt.slice(0, 10)}, ${s.incidents} incidents`).join('; ')}).` : '';
    out.push(`Split. ${describeSplit(split)}${replaced}`);
  }
  const versions = [...input.codebookVersions].sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  if (latest) {
    const changes = versions.filter((v) => v.change && v.change.edit.kind !== 'created');
    out.push(
      `Codebook. "${latest.name}", version ${latest.version}${changes.length ? `, after ${changes.length} change${changes.length === 1 ? '' : 's'} during open coding: ${changes.map((v) => `v${v.version} ${describeCodebookEdit(v.change!.edit)}${v.change!.labelsMoved ? ` (${v.change!.labelsMoved} labels carried over)` : ''}`).join('; ')}` : ''}.`,
    );
  }
  for (const r of input.rounds) {
    const kappas = r.kappa.map((k) => `${(isBuiltInDimension(k.dimension) ? BUILT_IN_DIMENSION_NAMES[k.dimension] : (input.dimensionNames?.get(k.dimension) ?? k.dimension)).toLowerCase()} κ = ${k.kappa === null ? 'n/a' : k.kappa.toFixed(2)} (n = ${k.n})`).join(', ');
    out.push(`Round ${r.round}. Coded independently by ${r.coders.join(' and ')}; Cohen's kappa: ${kappas}.`);
  }
  return out.join('\n\n');
}
