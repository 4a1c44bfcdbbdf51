import type { DetectionType, IncidentStatus, ServiceStage, Severity } from '../model/incident.ts';

/**
 * Default value maps: what exports write (lower-cased, trimmed) → the study's values. A mapping's own
 * value map is consulted first, so an organisation can add or override any of these.
 */
export const DEFAULT_VALUE_MAPS = {
  status: {
    active: 'active', open: 'active', new: 'active', 'in progress': 'active', investigating: 'active', identified: 'active',
    triggered: 'active', acknowledged: 'active', 'on hold': 'active', update: 'active',
    mitigated: 'mitigated', monitoring: 'mitigated',
    resolved: 'resolved', closed: 'resolved', done: 'resolved', completed: 'resolved', postmortem: 'resolved', canceled: 'resolved', cancelled: 'resolved',
  } as Record<string, IncidentStatus>,
  severity: {
    high: 'high', critical: 'high', major: 'high', sev0: 'high', sev1: 'high', 'sev 0': 'high', 'sev 1': 'high', p0: 'high', p1: 'high', '0': 'high', '1': 'high',
    '1 - critical': 'high', '1 - high': 'high', highest: 'high',
    medium: 'medium', moderate: 'medium', minor: 'medium', sev2: 'medium', 'sev 2': 'medium', p2: 'medium', '2': 'medium', '2 - high': 'medium', '2 - medium': 'medium', '3 - moderate': 'medium',
    low: 'low', none: 'low', maintenance: 'low', sev3: 'low', sev4: 'low', 'sev 3': 'low', 'sev 4': 'low', p3: 'low', p4: 'low', p5: 'low', '3': 'low', '4': 'low', '5': 'low',
    '3 - low': 'low', '4 - low': 'low', '4 - minor': 'low', '5 - planning': 'low', lowest: 'low',
  } as Record<string, Severity>,
  detectionType: {
    monitor: 'monitor', monitoring: 'monitor', automated: 'monitor', automate: 'monitor', automatic: 'monitor', alert: 'monitor', alarm: 'monitor', system: 'monitor',
    human: 'human', manual: 'human', customer: 'human', user: 'human', engineer: 'human', phone: 'human', email: 'human', 'self-service': 'human', 'walk-in': 'human',
  } as Record<string, DetectionType>,
  serviceStage: {
    ga: 'ga', 'general availability': 'ga', 'generally available': 'ga', production: 'ga', prod: 'ga',
    preview: 'preview', 'public preview': 'preview', 'private preview': 'preview', beta: 'preview',
    development: 'development', dev: 'development', alpha: 'development', experimental: 'development',
  } as Record<string, ServiceStage>,
  boolean: {
    true: 'true', yes: 'true', y: 'true', '1': 'true', x: 'true',
    false: 'false', no: 'false', n: 'false', '0': 'false',
  } as Record<string, 'true' | 'false'>,
};

export type ValueMapName = 'status' | 'severity' | 'detectionType' | 'serviceStage' | 'falseAlarm' | 'troubleshootingGuide';
