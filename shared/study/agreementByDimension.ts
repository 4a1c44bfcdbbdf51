import { flattenCodes, topLevelCodes, topLevelOf, type Codebook } from '../codebook/codebook.ts';
import { computePairAgreement, type PairAgreement } from '../agreement/pairStatistics.ts';
import { buildPairTable, type PairTable } from '../agreement/contingency.ts';
import { computeMultiRaterAgreement, type MultiRaterAgreement } from '../agreement/multiRater.ts';
import { DIMENSIONS, type Dimension } from '../model/labels.ts';
import type { CodedLabel } from '../coding/labelColumns.ts';
import { pairLabels } from './finalLabels.ts';

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
}

/** Which labels a statistic covers: one labelling round; optionally one codebook version and one study set (given as its incidents). */
export interface AgreementScope {
  round: number;
  codebookVersion?: number;
  incidentIds?: ReadonlySet<string>;
}

/** The labels inside a scope's round and codebook version. */
function labelsInScope(labels: readonly CodedLabel[], scope: AgreementScope): readonly CodedLabel[] {
  return labels.filter((l) => l.round === scope.round && (scope.codebookVersion === undefined || l.codebookVersion === scope.codebookVersion));
}

/** Every statistic between two coders on each dimension, over the incidents both coded, within the scope. */
export function computeAgreementByDimension(
  allLabels: readonly CodedLabel[],
  coderA: string,
  coderB: string,
  codebook: Codebook,
  level: CodeLevel,
  allIncidents: readonly string[],
  scope: AgreementScope,
): DimensionAgreement[] {
  const labels = labelsInScope(allLabels, scope);
  const incidentOrder = scope.incidentIds ? allIncidents.filter((id) => scope.incidentIds!.has(id)) : allIncidents;
  return DIMENSIONS.map((dimension) => {
    const categories = categoriesAt(codebook, dimension, level);
    const declared = new Set(categories);
    const cut = (code: string | null) => (code === null ? null : level === 'top' ? topLevelOf(code) : code);
    const undeclared = new Set<string>();
    const a: string[] = [];
    const b: string[] = [];
    for (const pair of pairLabels(labels, coderA, coderB, dimension, incidentOrder, scope.round)) {
      const codeA = cut(pair.codeA);
      const codeB = cut(pair.codeB);
      for (const c of [codeA, codeB]) if (c !== null && !declared.has(c)) undeclared.add(c);
      if (codeA === null || codeB === null || !declared.has(codeA) || !declared.has(codeB)) continue;
      a.push(codeA);
      b.push(codeB);
    }
    return { dimension, level, kappa: computePairAgreement(a, b, categories), table: buildPairTable(a, b, categories), warnings: agreementWarnings(a, b), undeclared: [...undeclared] };
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
  allIncidents: readonly string[],
  scope: AgreementScope,
): Array<{ dimension: Dimension; stats: MultiRaterAgreement }> {
  const labels = labelsInScope(allLabels, scope);
  const ids = scope.incidentIds ? allIncidents.filter((id) => scope.incidentIds!.has(id)) : allIncidents;
  return DIMENSIONS.map((dimension) => {
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
