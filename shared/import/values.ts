import type { DetectionType, IncidentStatus, ServiceStage, Severity } from '../model/incident.ts';

/** What a value map gives for a placeholder such as "unknown" or "n/a": the field is left empty. */
export const NO_VALUE = '';
export type NoValue = typeof NO_VALUE;

/** Placeholders exports write where they know nothing; they map to NO_VALUE in every value map. */
const PLACEHOLDERS = ['unknown', 'n/a', 'na', 'none', '-', '--', 'null', 'tbd', 'not applicable', 'not available', 'unspecified', 'undefined'];

/** The key a raw value is looked up by in a value map: trimmed, lower case. */
export function valueKey(raw: string): string {
  return raw.trim().toLowerCase();
}

/** A placeholder written where an export knows nothing ("unknown", "n/a", "-", …): no value, for any field. */
export function isPlaceholder(raw: string): boolean {
  const key = valueKey(raw);
  return key === '' || key === '?' || PLACEHOLDERS.includes(key);
}

/**
 * A value map whose keys are raw values from files, so it has no prototype: "constructor" or "__proto__"
 * read from a file find nothing instead of Object's own properties.
 */
function valueMap<T extends string>(entries: Record<string, T>, placeholdersExcept: readonly string[] = []): Record<string, T | NoValue> {
  const map: Record<string, T | NoValue> = Object.create(null) as Record<string, T | NoValue>;
  for (const p of PLACEHOLDERS) if (!placeholdersExcept.includes(p)) map[p] = NO_VALUE;
  for (const [raw, value] of Object.entries(entries)) map[raw] = value;
  return map;
}

/**
 * Default value maps: what exports write (lower-cased, trimmed) → the study's values, or NO_VALUE for a
 * placeholder. A mapping's own value map is consulted first, so an organisation can add or override any of these.
 */
export const DEFAULT_VALUE_MAPS = {
  status: valueMap<IncidentStatus>({
    active: 'active', open: 'active', new: 'active', 'in progress': 'active', investigating: 'active', identified: 'active',
    triggered: 'active', acknowledged: 'active', 'on hold': 'active', update: 'active', ongoing: 'active',
    mitigated: 'mitigated', monitoring: 'mitigated',
    resolved: 'resolved', closed: 'resolved', done: 'resolved', completed: 'resolved', postmortem: 'resolved', canceled: 'resolved', cancelled: 'resolved', fixed: 'resolved',
  }),
  // Statuspage writes an impact of "none" for its lowest level, so "none" stays low here rather than empty.
  severity: valueMap<Severity>(
    {
      high: 'high', critical: 'high', major: 'high', severe: 'high', blocker: 'high', urgent: 'high', highest: 'high',
      sev0: 'high', sev1: 'high', 'sev 0': 'high', 'sev 1': 'high', 'sev-0': 'high', 'sev-1': 'high', s0: 'high', s1: 'high', p0: 'high', p1: 'high', '0': 'high', '1': 'high',
      '1 - critical': 'high', '1 - high': 'high',
      medium: 'medium', moderate: 'medium', minor: 'medium', normal: 'medium', warning: 'medium',
      sev2: 'medium', 'sev 2': 'medium', 'sev-2': 'medium', s2: 'medium', p2: 'medium', '2': 'medium', '2 - high': 'medium', '2 - medium': 'medium', '3 - moderate': 'medium',
      low: 'low', none: 'low', maintenance: 'low', trivial: 'low', info: 'low', informational: 'low', lowest: 'low',
      sev3: 'low', sev4: 'low', 'sev 3': 'low', 'sev 4': 'low', 'sev-3': 'low', 'sev-4': 'low', s3: 'low', s4: 'low', p3: 'low', p4: 'low', p5: 'low', '3': 'low', '4': 'low', '5': 'low',
      '3 - low': 'low', '4 - low': 'low', '4 - minor': 'low', '5 - planning': 'low',
    },
    ['none'],
  ),
  detectionType: valueMap<DetectionType>({
    monitor: 'monitor', monitoring: 'monitor', monitors: 'monitor', automated: 'monitor', automate: 'monitor', automatic: 'monitor', auto: 'monitor',
    'automatic monitoring': 'monitor', 'automated monitoring': 'monitor', 'monitoring system': 'monitor', 'internal monitoring': 'monitor',
    alert: 'monitor', alerting: 'monitor', alarm: 'monitor', detector: 'monitor', synthetic: 'monitor', synthetics: 'monitor', 'synthetic monitoring': 'monitor',
    system: 'monitor', 'event monitoring': 'monitor',
    'automated alert': 'monitor', 'automatic alert': 'monitor', 'monitoring alert': 'monitor', 'alert triggered': 'monitor', 'health check': 'monitor',
    'synthetic check': 'monitor', 'synthetic probe': 'monitor', probe: 'monitor', watchdog: 'monitor', telemetry: 'monitor',
    human: 'human', manual: 'human', manually: 'human', customer: 'human', 'customer report': 'human', 'customer reported': 'human', 'reported by customer': 'human',
    user: 'human', 'user report': 'human', 'user reported': 'human', 'support ticket': 'human', support: 'human', engineer: 'human',
    phone: 'human', email: 'human', 'self-service': 'human', 'walk-in': 'human',
    'customer ticket': 'human', 'support case': 'human', 'reported by user': 'human', 'internal report': 'human', employee: 'human', 'on-call engineer': 'human',
  }),
  serviceStage: valueMap<ServiceStage>({
    ga: 'ga', 'general availability': 'ga', 'generally available': 'ga', production: 'ga', prod: 'ga',
    preview: 'preview', 'public preview': 'preview', 'private preview': 'preview', beta: 'preview',
    development: 'development', dev: 'development', alpha: 'development', experimental: 'development',
  }),
  boolean: valueMap<'true' | 'false'>({
    true: 'true', yes: 'true', y: 'true', '1': 'true', x: 'true',
    false: 'false', no: 'false', n: 'false', '0': 'false',
  }),
};

export type ValueMapName = 'status' | 'severity' | 'detectionType' | 'serviceStage' | 'falseAlarm' | 'troubleshootingGuide';
