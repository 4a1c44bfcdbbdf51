import type { DetectionType, Incident, ServiceStage, Severity } from '../model/incident.ts';
import { DETECTION_TYPES, SERVICE_STAGES, SEVERITIES } from '../model/incident.ts';
import { summarizeDurations, type DurationSummary } from './durations.ts';

/**
 * The study's general statistics (paper §IV), over a whole cohort, coded or not: detection and false alarms (Table I),
 * transfer hops by detection type (Fig. 5), time to mitigate by severity, troubleshooting guide and detection type
 * (Fig. 6), incidents over time by severity (Fig. 2), detection type by service stage (Fig. 4) and unique monitors per
 * 100 monitor-detected incidents. One pass over what the incidents' summaries hold; every share says what it is of.
 */

/** What the general statistics read of an incident (the summary row holds it). */
export type AnalysisIncident = Pick<
  Incident,
  'id' | 'createdAt' | 'severity' | 'detectionType' | 'falseAlarm' | 'transferHops' | 'timeToMitigateMinutes' | 'hasTroubleshootingGuide' | 'serviceStage' | 'monitorName'
>;

/** A value the export did not give is its own group, never folded into another. */
export const UNKNOWN = 'unknown';

export interface DetectionRow {
  detectionType: DetectionType | typeof UNKNOWN;
  count: number;
  /** Of the incidents whose detection type is known (the unknown row: of all incidents). */
  share: number | null;
  /** Incidents with a known false-alarm flag, and how many of them were false alarms. */
  falseAlarmKnown: number;
  falseAlarms: number;
  falseAlarmRate: number | null;
}

export interface HopsRow {
  detectionType: DetectionType | typeof UNKNOWN;
  /** Incidents with a known number of transfer hops. */
  n: number;
  /** Counts of 0, 1, 2 and 3 or more hops. */
  counts: [number, number, number, number];
  shares: [number, number, number, number] | null;
  /** Share of incidents transferred at least once. */
  reassigned: number | null;
}
export const HOP_BUCKETS = ['0', '1', '2', '3+'] as const;

export interface DurationGroup {
  group: string;
  summary: DurationSummary | null;
}

export interface OverTime {
  /** Calendar months (UTC) from the first to the last incident, as YYYY-MM; empty with no dated incident. */
  months: string[];
  series: Array<{ severity: Severity | typeof UNKNOWN; counts: number[] }>;
  undated: number;
}

export interface StageRow {
  stage: ServiceStage | typeof UNKNOWN;
  human: number;
  monitor: number;
  /** Share detected by humans, of those with a known detection type. */
  humanShare: number | null;
}

export interface GeneralStatistics {
  n: number;
  detection: DetectionRow[];
  hops: HopsRow[];
  /** Time to mitigate over the whole cohort, in minutes. */
  timeToMitigate: DurationSummary | null;
  ttmBySeverity: DurationGroup[];
  ttmByGuide: DurationGroup[];
  ttmByDetection: DurationGroup[];
  overTime: OverTime;
  byStage: StageRow[];
  monitors: { monitorDetected: number; withMonitorName: number; uniqueMonitors: number; per100: number | null };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const monthOf = (iso: string) => iso.slice(0, 7);

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function computeGeneralStatistics(incidents: Iterable<AnalysisIncident>): GeneralStatistics {
  const detectionKeys = [...DETECTION_TYPES, UNKNOWN] as const;
  const detection = new Map(detectionKeys.map((k) => [k, { count: 0, falseAlarmKnown: 0, falseAlarms: 0 }]));
  const hops = new Map(detectionKeys.map((k) => [k, [0, 0, 0, 0] as [number, number, number, number]]));
  const all: number[] = [];
  const bySeverity = new Map<string, number[]>([...SEVERITIES, UNKNOWN].map((k) => [k, []]));
  const byGuide = new Map<string, number[]>(['with a guide', 'without a guide', UNKNOWN].map((k) => [k, []]));
  const byDetection = new Map<string, number[]>(detectionKeys.map((k) => [k, []]));
  const monthly = new Map<string, Map<string, number>>([...SEVERITIES, UNKNOWN].map((k) => [k, new Map()]));
  const stages = new Map(([...SERVICE_STAGES, UNKNOWN] as const).map((k) => [k, { human: 0, monitor: 0 }]));
  const monitorNames = new Set<string>();
  let monitorDetected = 0;
  let withMonitorName = 0;
  let undated = 0;
  let firstMonth: string | null = null;
  let lastMonth: string | null = null;
  let n = 0;

  for (const i of incidents) {
    n += 1;
    const type = i.detectionType ?? UNKNOWN;
    const d = detection.get(type)!;
    d.count += 1;
    if (i.falseAlarm !== null) {
      d.falseAlarmKnown += 1;
      if (i.falseAlarm) d.falseAlarms += 1;
    }
    if (i.transferHops !== null) {
      const counts: number[] = hops.get(type)!;
      counts[Math.min(3, i.transferHops)]! += 1;
    }
    const ttm = i.timeToMitigateMinutes;
    if (ttm !== null) {
      all.push(ttm);
      bySeverity.get(i.severity ?? UNKNOWN)!.push(ttm);
      byGuide.get(i.hasTroubleshootingGuide === null ? UNKNOWN : i.hasTroubleshootingGuide ? 'with a guide' : 'without a guide')!.push(ttm);
      byDetection.get(type)!.push(ttm);
    }
    if (i.createdAt) {
      const month = monthOf(i.createdAt);
      const series = monthly.get(i.severity ?? UNKNOWN)!;
      series.set(month, (series.get(month) ?? 0) + 1);
      if (firstMonth === null || month < firstMonth) firstMonth = month;
      if (lastMonth === null || month > lastMonth) lastMonth = month;
    } else undated += 1;
    if (i.detectionType) stages.get(i.serviceStage ?? UNKNOWN)![i.detectionType] += 1;
    if (i.detectionType === 'monitor') {
      monitorDetected += 1;
      if (i.monitorName) {
        withMonitorName += 1;
        monitorNames.add(i.monitorName);
      }
    }
  }

  const known = detection.get('human')!.count + detection.get('monitor')!.count;
  const months = firstMonth && lastMonth ? monthsBetween(firstMonth, lastMonth) : [];
  const groups = (m: Map<string, number[]>) => [...m].filter(([group, v]) => group !== UNKNOWN || v.length > 0).map(([group, v]) => ({ group, summary: summarizeDurations(v) }));
  return {
    n,
    detection: detectionKeys
      .filter((k) => k !== UNKNOWN || detection.get(k)!.count > 0)
      .map((k) => {
        const d = detection.get(k)!;
        return { detectionType: k, count: d.count, share: k === UNKNOWN ? share(d.count, n) : share(d.count, known), falseAlarmKnown: d.falseAlarmKnown, falseAlarms: d.falseAlarms, falseAlarmRate: share(d.falseAlarms, d.falseAlarmKnown) };
      }),
    hops: detectionKeys
      .filter((k) => k !== UNKNOWN || hops.get(k)!.some((c) => c > 0))
      .map((k) => {
        const counts = hops.get(k)!;
        const total = counts.reduce((s, v) => s + v, 0);
        return {
          detectionType: k,
          n: total,
          counts,
          shares: total === 0 ? null : (counts.map((c) => c / total) as [number, number, number, number]),
          reassigned: share(total - counts[0], total),
        };
      }),
    timeToMitigate: summarizeDurations(all),
    ttmBySeverity: groups(bySeverity),
    ttmByGuide: groups(byGuide),
    ttmByDetection: groups(byDetection),
    overTime: {
      months,
      series: [...monthly]
        .filter(([k, m]) => k !== UNKNOWN || m.size > 0)
        .map(([severity, m]) => ({ severity: severity as Severity | typeof UNKNOWN, counts: months.map((month) => m.get(month) ?? 0) })),
      undated,
    },
    byStage: [...stages]
      .filter(([k, s]) => k !== UNKNOWN || s.human + s.monitor > 0)
      .map(([stage, s]) => ({ stage, human: s.human, monitor: s.monitor, humanShare: share(s.human, s.human + s.monitor) })),
    monitors: { monitorDetected, withMonitorName, uniqueMonitors: monitorNames.size, per100: withMonitorName === 0 ? null : (100 * monitorNames.size) / withMonitorName },
  };
}
