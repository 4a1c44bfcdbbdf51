import { describeKappa } from '../agreement/cohen.ts';
import type { Codebook } from '../codebook/codebook.ts';
import { dimensionName } from '../codebook/codebook.ts';
import type { DimensionAgreement } from '../study/agreementByDimension.ts';
import type { ReportTable } from './reportTable.ts';

/**
 * Inter-rater agreement per dimension for the report: Cohen's kappa with its 95% CI and the other statistics of the
 * agreement view. Null when the pair coded no incident in common: there is no agreement to report.
 */
export function agreementReportTable(rows: readonly DimensionAgreement[], codebook: Codebook, coders: [string, string], round: number): ReportTable | null {
  if (!rows.some((r) => r.kappa.nPairs > 0)) return null;
  return {
    id: 'agreement',
    title: 'Inter-rater agreement',
    caption: `Agreement of ${coders[0]} and ${coders[1]} in round ${round}, per dimension (${rows[0]?.level === 'top' ? 'top-level' : 'full'} codes): Cohen's kappa with its 95% confidence interval (Fleiss–Cohen–Everitt standard error), Krippendorff's alpha and Gwet's AC1.`,
    columns: [
      { label: 'Dimension', kind: 'text' },
      { label: 'Items', kind: 'count' },
      { label: 'Observed agreement', kind: 'share' },
      { label: 'Cohen\'s kappa', kind: 'statistic' },
      { label: '95% CI low', kind: 'statistic' },
      { label: '95% CI high', kind: 'statistic' },
      { label: 'Strength (Landis–Koch)', kind: 'text' },
      { label: 'Krippendorff\'s alpha', kind: 'statistic' },
      { label: 'Gwet\'s AC1', kind: 'statistic' },
    ],
    rows: rows.map((r) => [
      dimensionName(codebook, r.dimension),
      r.kappa.nPairs,
      r.kappa.observedAgreement,
      r.kappa.kappa,
      r.kappa.ci95Lower,
      r.kappa.ci95Upper,
      r.kappa.kappa === null ? '—' : describeKappa(r.kappa.kappa),
      r.kappa.krippendorffAlphaNominal,
      r.kappa.gwetAc1,
    ]),
  };
}
