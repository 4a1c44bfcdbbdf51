import { computeGeneralStatistics, type AnalysisIncident, type GeneralStatistics } from './generalStatistics.ts';
import { chiSquareIndependence, mannWhitneyU, type ChiSquareResult, type MannWhitneyResult } from './significance.ts';

/**
 * Two cohorts side by side (paper Fig. 8 and Table I: GenAI incidents against the others): each one's general
 * statistics, the ratios the paper states ("1.83× longer time to mitigate"), and a test of each difference where one
 * fits: Mann–Whitney U for times to mitigate, chi-square for the human-detected share and the false-alarm rate.
 */
export interface CohortComparison {
  names: [string, string];
  statistics: [GeneralStatistics, GeneralStatistics];
  timeToMitigate: {
    /** Median of the first over median of the second (null where either is missing or the second is 0). */
    medianRatio: number | null;
    /** Mean over mean: shown labelled as a ratio of means. */
    meanRatio: number | null;
    test: MannWhitneyResult | null;
  };
  humanDetected: { shares: [number | null, number | null]; ratio: number | null; test: ChiSquareResult | null };
  falseAlarmOfMonitor: { rates: [number | null, number | null]; ratio: number | null; test: ChiSquareResult | null };
  /** Incidents in both cohorts: the tests assume two separate groups, so with any overlap none is run. */
  overlap: number;
  /** Why a test's result should be read with care (small groups, small expected counts). */
  cautions: string[];
}

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b);

function times(incidents: readonly AnalysisIncident[]): number[] {
  const out: number[] = [];
  for (const i of incidents) if (i.timeToMitigateMinutes !== null) out.push(i.timeToMitigateMinutes);
  return out;
}

export function compareCohorts(names: [string, string], first: readonly AnalysisIncident[], second: readonly AnalysisIncident[]): CohortComparison {
  const statistics: [GeneralStatistics, GeneralStatistics] = [computeGeneralStatistics(first), computeGeneralStatistics(second)];
  const firstIds = new Set(first.map((i) => i.id));
  let overlap = 0;
  for (const i of second) if (firstIds.has(i.id)) overlap += 1;
  const separate = overlap === 0;
  const detection = (s: GeneralStatistics, type: 'human' | 'monitor') => s.detection.find((d) => d.detectionType === type)!;
  const humanShares = statistics.map((s) => detection(s, 'human').share) as [number | null, number | null];
  const falseAlarmRates = statistics.map((s) => detection(s, 'monitor').falseAlarmRate) as [number | null, number | null];
  const result: CohortComparison = {
    names,
    statistics,
    overlap,
    cautions: [],
    timeToMitigate: {
      medianRatio: ratio(statistics[0].timeToMitigate?.median, statistics[1].timeToMitigate?.median),
      meanRatio: ratio(statistics[0].timeToMitigate?.mean, statistics[1].timeToMitigate?.mean),
      test: separate ? mannWhitneyU(times(first), times(second)) : null,
    },
    humanDetected: {
      shares: humanShares,
      ratio: ratio(humanShares[0], humanShares[1]),
      test: separate ? chiSquareIndependence(statistics.map((s) => [detection(s, 'human').count, detection(s, 'monitor').count])) : null,
    },
    falseAlarmOfMonitor: {
      rates: falseAlarmRates,
      ratio: ratio(falseAlarmRates[0], falseAlarmRates[1]),
      test: separate
        ? chiSquareIndependence(
            statistics.map((s) => {
              const m = detection(s, 'monitor');
              return [m.falseAlarms, m.falseAlarmKnown - m.falseAlarms];
            }),
          )
        : null,
    },
  };
  result.cautions = cautionsOf(result);
  return result;
}

/** Cautions a reader of the tests should know: groups too small for the normal approximation, small expected counts. */
function cautionsOf(c: CohortComparison): string[] {
  const out: string[] = [];
  const mw = c.timeToMitigate.test;
  if (mw && Math.min(mw.n1, mw.n2) < 8) out.push('A cohort has fewer than 8 times to mitigate: the Mann–Whitney p-value from the normal approximation is rough.');
  for (const [what, test] of [['human-detected share', c.humanDetected.test], ['false-alarm rate', c.falseAlarmOfMonitor.test]] as const) {
    if (test && test.expected.some((row) => row.some((e) => e < 5))) out.push(`The chi-square test of the ${what} has expected counts under 5: its p-value is rough.`);
  }
  return out;
}
