import { dimensionsOf, flattenCodes, topLevelCodes, topLevelOf, type Codebook } from '../codebook/codebook.ts';
import { computePairAgreement, type PairAgreement } from '../agreement/pairStatistics.ts';
import { buildPairTable, type PairTable } from '../agreement/contingency.ts';
import { computeMultiRaterAgreement, type MultiRaterAgreement } from '../agreement/multiRater.ts';
import type { Dimension } from '../model/labels.ts';
import type { CodedLabel } from '../coding/labelColumns.ts';
import { computeSetAlpha, type SetRating } from '../agreement/setAlpha.ts';

export type CodeLevel = 'full' | 'top';

/** The declared categories of a dimension at a level: every full code path, or the top-level codes. */
export function categoriesAt(codebook: Codebook, dimension: Dimension, level: CodeLevel): string[] {
  return (level === 'top' ? topLevelCodes(codebook, dimension) : flattenCodes(codebook, dimension)).map((c) => c.path);
}

export interface DimensionAgreement {
  dimension: Dimension;
  level: CodeLevel;
  kappa: PairAgreement;
  /** Coder A (rows) × coder B (columns) over the declared categories: the confusion matrix. */
  table: PairTable;
  /** Where kappa misleads: one category over 85% of the labels; fewer than 30 items. */
  warnings: string[];
  /** Codes used that the codebook does not declare (e.g. from an older codebook); they are left out of kappa. */
  undeclared: string[];
  /**
   * Krippendorff's alpha over each incident's code sets (primary and secondary codes) with the MASI distance, as nltk
   * computes it, over the incidents kappa covers; absent when neither coder gave a secondary code there.
   */
  setAlpha?: { alpha: number | null; withSecondary: number };
}

/** Which labels a statistic covers: one labelling round; optionally one codebook version and one study set (given as its incidents). */
export interface AgreementScope {
  round: number;
  codebookVersion?: number;
  incidentIds?: ReadonlySet<string>;
}

const inScope = (l: CodedLabel, scope: AgreementScope) =>
  l.round === scope.round && (scope.codebookVersion === undefined || l.codebookVersion === scope.codebookVersion) && (!scope.incidentIds || scope.incidentIds.has(l.incidentId));

/**
 * Every statistic between two coders on each dimension, over the incidents both coded, within the scope. One pass
 * over the labels (a study has hundreds of thousands); the statistics do not depend on the order of incidents.
 */
export function computeAgreementByDimension(
  labels: readonly CodedLabel[],
  coderA: string,
  coderB: string,
  codebook: Codebook,
  level: CodeLevel,
  scope: AgreementScope,
): DimensionAgreement[] {
  const dimensions = dimensionsOf(codebook).map((d) => d.id);
  const byA = new Map<Dimension, Map<string, string>>(dimensions.map((d) => [d, new Map()]));
  const byB = new Map<Dimension, Map<string, string>>(dimensions.map((d) => [d, new Map()]));
  // Secondary codes, by dimension and incident, for the alpha over code sets (few labels have them).
  const secondaryA = new Map<Dimension, Map<string, string[]>>();
  const secondaryB = new Map<Dimension, Map<string, string[]>>();
  const at = (code: string) => (level === 'top' ? topLevelOf(code) : code);
  for (const l of labels) {
    if ((l.annotatorId !== coderA && l.annotatorId !== coderB) || !inScope(l, scope)) continue;
    // Codes of a dimension this codebook version does not have are not compared.
    (l.annotatorId === coderA ? byA : byB).get(l.dimension)?.set(l.incidentId, at(l.code));
    if (l.secondaryCodes?.length) {
      const into = l.annotatorId === coderA ? secondaryA : secondaryB;
      let mine = into.get(l.dimension);
      if (!mine) into.set(l.dimension, (mine = new Map()));
      mine.set(l.incidentId, l.secondaryCodes.map(at));
    }
  }
  return dimensions.map((dimension) => {
    const categories = categoriesAt(codebook, dimension, level);
    const declared = new Set(categories);
    const undeclared = new Set<string>();
    const codesOfB = byB.get(dimension)!;
    for (const code of codesOfB.values()) if (!declared.has(code)) undeclared.add(code);
    const a: string[] = [];
    const b: string[] = [];
    const sa = secondaryA.get(dimension);
    const sb = secondaryB.get(dimension);
    const ratings: SetRating[] = [];
    let withSecondary = 0;
    for (const [incidentId, codeA] of byA.get(dimension)!) {
      if (!declared.has(codeA)) undeclared.add(codeA);
      const codeB = codesOfB.get(incidentId);
      if (codeB === undefined || !declared.has(codeA) || !declared.has(codeB)) continue;
      a.push(codeA);
      b.push(codeB);
      if (sa || sb) {
        const moreA = sa?.get(incidentId) ?? [];
        const moreB = sb?.get(incidentId) ?? [];
        if (moreA.length || moreB.length) withSecondary += 1;
        ratings.push({ coder: 'A', item: incidentId, labels: [codeA, ...moreA] }, { coder: 'B', item: incidentId, labels: [codeB, ...moreB] });
      }
    }
    const row: DimensionAgreement = { dimension, level, kappa: computePairAgreement(a, b, categories), table: buildPairTable(a, b, categories), warnings: agreementWarnings(a, b), undeclared: [...undeclared] };
    if (withSecondary > 0) row.setAlpha = { alpha: computeSetAlpha(ratings), withSecondary };
    return row;
  });
}

/** The cases where kappa is known to mislead (prevalence paradox, small samples), in words for the reader. */
export function agreementWarnings(a: readonly string[], b: readonly string[]): string[] {
  const warnings: string[] = [];
  const n = a.length;
  if (n > 0 && n < 30) warnings.push(`only ${n} item${n === 1 ? '' : 's'} coded by both: kappa is unstable below 30`);
  const counts = new Map<string, number>();
  for (const l of [...a, ...b]) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [label, count] of counts) {
    if (count / (2 * n) > 0.85) warnings.push(`"${label}" is ${Math.round((count / (2 * n)) * 100)}% of the labels: kappa understates agreement when one category dominates; see AC1 and PABAK`);
  }
  return warnings;
}

/** The many-coder statistics over every given coder, per dimension, within the scope (items no one coded are dropped). */
export function computeAllCodersByDimension(
  allLabels: readonly CodedLabel[],
  coderIds: readonly string[],
  codebook: Codebook,
  level: CodeLevel,
  scope: AgreementScope,
): Array<{ dimension: Dimension; stats: MultiRaterAgreement }> {
  const coders = new Set(coderIds);
  const labels = allLabels.filter((l) => coders.has(l.annotatorId) && inScope(l, scope));
  const ids = [...new Set(labels.map((l) => l.incidentId))];
  return dimensionsOf(codebook).map(({ id: dimension }) => {
    const categories = categoriesAt(codebook, dimension, level);
    const declared = new Set(categories);
    const byCoder = coderIds.map((coder) => {
      const mine = new Map(labels.filter((l) => l.annotatorId === coder && l.dimension === dimension).map((l) => [l.incidentId, level === 'top' ? topLevelOf(l.code) : l.code]));
      return ids.map((id) => {
        const code = mine.get(id);
        return code !== undefined && declared.has(code) ? code : null;
      });
    });
    return { dimension, stats: computeMultiRaterAgreement(byCoder, categories) };
  });
}
