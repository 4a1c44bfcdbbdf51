import { flattenCodes, topLevelCodes, topLevelOf, type Codebook } from '../codebook/codebook.ts';
import { computeCohenKappa, type CohenKappaResult } from '../agreement/cohen.ts';
import { DIMENSIONS, type Dimension, type Label } from '../model/labels.ts';
import { pairLabels } from './finalLabels.ts';

export type CodeLevel = 'full' | 'top';

/** The declared categories of a dimension at a level: every full code path, or the top-level codes. */
export function categoriesAt(codebook: Codebook, dimension: Dimension, level: CodeLevel): string[] {
  return (level === 'top' ? topLevelCodes(codebook, dimension) : flattenCodes(codebook, dimension)).map((c) => c.path);
}

export interface DimensionAgreement {
  dimension: Dimension;
  level: CodeLevel;
  kappa: CohenKappaResult;
  /** Codes used that the codebook does not declare (e.g. from an older codebook); they are left out of kappa. */
  undeclared: string[];
}

/** Cohen's kappa between two coders on each dimension, over the incidents both coded. */
export function computeAgreementByDimension(
  labels: readonly Label[],
  coderA: string,
  coderB: string,
  codebook: Codebook,
  level: CodeLevel,
  incidentOrder: readonly string[],
): DimensionAgreement[] {
  return DIMENSIONS.map((dimension) => {
    const categories = categoriesAt(codebook, dimension, level);
    const declared = new Set(categories);
    const cut = (code: string | null) => (code === null ? null : level === 'top' ? topLevelOf(code) : code);
    const undeclared = new Set<string>();
    const a: Array<string | null> = [];
    const b: Array<string | null> = [];
    for (const pair of pairLabels(labels, coderA, coderB, dimension, incidentOrder)) {
      const codeA = cut(pair.codeA);
      const codeB = cut(pair.codeB);
      for (const c of [codeA, codeB]) if (c !== null && !declared.has(c)) undeclared.add(c);
      if (codeA === null || codeB === null || !declared.has(codeA) || !declared.has(codeB)) continue;
      a.push(codeA);
      b.push(codeB);
    }
    return { dimension, level, kappa: computeCohenKappa(a, b, categories), undeclared: [...undeclared] };
  });
}
