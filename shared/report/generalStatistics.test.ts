import { describe, expect, it } from 'vitest';
import { computeGeneralStatistics, type AnalysisIncident } from './generalStatistics.ts';

let next = 0;
function incident(over: Partial<AnalysisIncident>): AnalysisIncident {
  next += 1;
  return {
    id: `I-${next}`,
    createdAt: '2024-01-15T00:00:00.000Z',
    severity: 'medium',
    detectionType: 'monitor',
    falseAlarm: false,
    transferHops: 0,
    timeToMitigateMinutes: 60,
    hasTroubleshootingGuide: true,
    serviceStage: 'ga',
    monitorName: 'm1',
    ...over,
  };
}

// Ten incidents, built so each statistic has a value worked out by hand below.
const fixture: AnalysisIncident[] = [
  incident({ detectionType: 'human', falseAlarm: true, transferHops: 2, timeToMitigateMinutes: 300, severity: 'high', hasTroubleshootingGuide: false, serviceStage: 'preview', monitorName: null }),
  incident({ detectionType: 'human', falseAlarm: false, transferHops: 0, timeToMitigateMinutes: 100, severity: 'low', hasTroubleshootingGuide: false, monitorName: null, createdAt: '2024-03-02T10:00:00.000Z' }),
  incident({ detectionType: 'human', falseAlarm: null, transferHops: 5, timeToMitigateMinutes: null, severity: 'high', serviceStage: 'preview', monitorName: null }),
  incident({ detectionType: 'monitor', falseAlarm: true, transferHops: 1, timeToMitigateMinutes: 10, monitorName: 'm1' }),
  incident({ detectionType: 'monitor', falseAlarm: false, transferHops: 0, timeToMitigateMinutes: 20, monitorName: 'm1', createdAt: '2024-03-31T23:59:59.000Z' }),
  incident({ detectionType: 'monitor', falseAlarm: false, transferHops: 0, timeToMitigateMinutes: 30, monitorName: 'm2', severity: 'high' }),
  incident({ detectionType: 'monitor', falseAlarm: false, transferHops: null, timeToMitigateMinutes: 40, monitorName: null, serviceStage: 'development' }),
  incident({ detectionType: 'monitor', falseAlarm: false, transferHops: 3, timeToMitigateMinutes: 50, monitorName: 'm3', hasTroubleshootingGuide: null }),
  incident({ detectionType: null, falseAlarm: false, transferHops: 0, timeToMitigateMinutes: 1000, severity: null, serviceStage: null, createdAt: null }),
  incident({ detectionType: 'monitor', falseAlarm: false, transferHops: 0, timeToMitigateMinutes: 5, monitorName: 'm2' }),
];

describe('general statistics (paper §IV) on a fixture worked by hand', () => {
  const s = computeGeneralStatistics(fixture);

  it('Table I: detection shares of the known types, false-alarm rates of the known flags', () => {
    expect(s.n).toBe(10);
    const byType = Object.fromEntries(s.detection.map((d) => [d.detectionType, d]));
    // 3 human, 6 monitor, 1 unknown: shares of the 9 known.
    expect(byType.human!.count).toBe(3);
    expect(byType.human!.share).toBeCloseTo(3 / 9, 12);
    expect(byType.monitor!.share).toBeCloseTo(6 / 9, 12);
    expect(byType.unknown!.share).toBeCloseTo(1 / 10, 12);
    // Human: flags known for 2 (one true); monitor: 6 known, 1 true.
    expect([byType.human!.falseAlarms, byType.human!.falseAlarmKnown]).toEqual([1, 2]);
    expect(byType.human!.falseAlarmRate).toBe(0.5);
    expect(byType.monitor!.falseAlarmRate).toBeCloseTo(1 / 6, 12);
  });

  it('Fig. 5: transfer hops by detection type, 3 or more together', () => {
    const human = s.hops.find((h) => h.detectionType === 'human')!;
    expect(human.counts).toEqual([1, 0, 1, 1]);
    expect(human.reassigned).toBeCloseTo(2 / 3, 12);
    const monitor = s.hops.find((h) => h.detectionType === 'monitor')!;
    // hops 1, 0, 0, (unknown), 3, 0
    expect(monitor.counts).toEqual([3, 1, 0, 1]);
    expect(monitor.n).toBe(5);
    expect(monitor.shares![0]).toBeCloseTo(3 / 5, 12);
  });

  it('Fig. 6: time to mitigate by severity, guide and detection type, as distributions', () => {
    // All nine times: 5 10 20 30 40 50 100 300 1000 → median 40, Q1 20, Q3 100 (positions 2, 4, 6 of 0..8).
    expect(s.timeToMitigate).toMatchObject({ n: 9, min: 5, q1: 20, median: 40, q3: 100, max: 1000 });
    expect(s.timeToMitigate!.mean).toBeCloseTo(1555 / 9, 10);
    const high = s.ttmBySeverity.find((g) => g.group === 'high')!.summary!;
    // high: 300 and 30 (the third has no time) → median 165.
    expect([high.n, high.median]).toEqual([2, 165]);
    const withGuide = s.ttmByGuide.find((g) => g.group === 'with a guide')!.summary!;
    // with a guide: 10 20 30 40 1000 5 → sorted 5 10 20 30 40 1000: median 25, Q1 at 1.25 → 12.5.
    expect([withGuide.n, withGuide.median, withGuide.q1]).toEqual([6, 25, 12.5]);
    expect(s.ttmByGuide.find((g) => g.group === 'unknown')!.summary!.n).toBe(1);
    expect(s.ttmByDetection.find((g) => g.group === 'human')!.summary!.median).toBe(200);
  });

  it('Fig. 2: incidents per month (UTC) by severity, every month between the first and the last', () => {
    expect(s.overTime.months).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(s.overTime.undated).toBe(1);
    const medium = s.overTime.series.find((x) => x.severity === 'medium')!;
    // medium, dated: I-4, I-5 (March), I-7, I-8, I-10 → January 4, March 1.
    expect(medium.counts).toEqual([4, 0, 1]);
    expect(s.overTime.series.find((x) => x.severity === 'low')!.counts).toEqual([0, 0, 1]);
    expect(s.overTime.series.some((x) => x.severity === 'unknown')).toBe(false);
  });

  it('Fig. 4 and the monitors: detection by stage, unique monitors per 100 naming one', () => {
    const preview = s.byStage.find((r) => r.stage === 'preview')!;
    expect([preview.human, preview.monitor, preview.humanShare]).toEqual([2, 0, 1]);
    const ga = s.byStage.find((r) => r.stage === 'ga')!;
    expect([ga.human, ga.monitor]).toEqual([1, 5]);
    // Monitor-detected: 6; 5 name a monitor (m1, m1, m2, m3, m2): 3 unique → 60 per 100.
    expect(s.monitors).toEqual({ monitorDetected: 6, withMonitorName: 5, uniqueMonitors: 3, per100: 60 });
  });

  it('months run across a year boundary, with the empty ones in between', () => {
    const s2 = computeGeneralStatistics([incident({ createdAt: '2023-11-30T23:59:59.000Z' }), incident({ createdAt: '2024-02-01T00:00:00.000Z' })]);
    expect(s2.overTime.months).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(s2.overTime.series.find((x) => x.severity === 'medium')!.counts).toEqual([1, 0, 0, 1]);
  });

  it('an empty cohort has no shares and no distributions', () => {
    const empty = computeGeneralStatistics([]);
    expect(empty.n).toBe(0);
    expect(empty.timeToMitigate).toBeNull();
    expect(empty.detection.every((d) => d.share === null)).toBe(true);
    expect(empty.overTime.months).toEqual([]);
    expect(empty.monitors.per100).toBeNull();
  });
});
