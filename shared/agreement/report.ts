import type { Rating } from './contingency.ts';
import { computeMultiRaterAgreement } from './multiRater.ts';
import { computePairAgreement } from './pairStatistics.ts';

/** The agreement report in the field names of tests/fixtures/reference/agreement-cases.public.json. */
export interface AgreementReport {
  n_items: number;
  n_coders: number;
  pair: Record<string, number | null | Record<string, number | null>> | null;
  all_raters: Record<string, number | null>;
}

/** `pair` is the first two coders over the items both rated; `all_raters` is every coder. */
export function buildAgreementReport(ratings: ReadonlyArray<readonly Rating[]>, categories: readonly string[], nItems: number): AgreementReport {
  const undeclared = new Set<string>();
  const declared = new Set(categories);
  for (const r of ratings) for (const l of r) if (l !== null && !declared.has(l)) undeclared.add(l);
  if (undeclared.size > 0) throw new Error(`labels not among the declared categories: ${[...undeclared].map((l) => JSON.stringify(l)).join(', ')}`);
  const all = computeMultiRaterAgreement(ratings, categories);
  let pair: AgreementReport['pair'] = null;
  if (ratings.length >= 2) {
    const p = computePairAgreement(ratings[0]!, ratings[1]!, categories);
    pair = {
      n_pairs: p.nPairs,
      observed_agreement: p.observedAgreement,
      expected_agreement: p.expectedAgreement,
      cohen_kappa: p.kappa,
      cohen_kappa_se: p.se,
      cohen_kappa_se_h0: p.seH0,
      cohen_kappa_ci95_lower: p.ci95Lower,
      cohen_kappa_ci95_upper: p.ci95Upper,
      cohen_kappa_z: p.z,
      cohen_kappa_p_two_sided: p.pTwoSided,
      cohen_kappa_max: p.kappaMax,
      scott_pi: p.scottPi,
      krippendorff_alpha_nominal: p.krippendorffAlphaNominal,
      gwet_ac1: p.gwetAc1,
      gwet_ac1_se: p.gwetAc1Se,
      pabak: p.pabak,
      bennett_s: p.bennettS,
      per_category_kappa: p.perCategoryKappa,
    };
  }
  return {
    n_items: nItems,
    n_coders: ratings.length,
    pair,
    all_raters: {
      n_items: all.nItems,
      n_raters: all.nRaters,
      observed_agreement: all.observedAgreement,
      fleiss_kappa: all.fleissKappa,
      krippendorff_alpha_nominal: all.krippendorffAlphaNominal,
      gwet_ac1: all.gwetAc1,
      gwet_ac1_se: all.gwetAc1Se,
      bennett_s: all.bennettS,
      mean_pairwise_cohen_kappa: all.meanPairwiseCohenKappa,
    },
  };
}
