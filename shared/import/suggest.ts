import { MAPPABLE_FIELDS, type FieldMapping, type MappableField } from './mapping.ts';

const NAME_HINTS: Record<MappableField, RegExp> = {
  id: /^(id|key|number|issue key|incident[ _-]?(id|number|key|no)|ticket([ _]?id)?|reference|incident_number)$/i,
  title: /^(title|summary|name|short[ _]?description|incident[ _]?title|subject|message)$/i,
  description: /^(description|details|body|text|incident[ _]?description)$/i,
  status: /^(status|state|incident[ _]?(state|status))$/i,
  severity: /^(severity|sev|impact|priority|urgency|incident[ _]?impact)$/i,
  services: /^(services?|components?|component\/s|affected[ _]?(services?|components?)|cmdb_ci|business_service|service[ _]?name)$/i,
  owningTeam: /^(team|owning[ _]?team|owner[ _]?team|assignment[ _]?group|team[ _]?name|assigned[ _]?team)$/i,
  teamHistory: /^(team[ _]?history|teams|assignment[ _]?history|transfer[ _]?history)$/i,
  createdAt: /^(created([ _]?(at|on|time|date))?|opened([ _]?at)?|start(ed)?([ _]?(at|time))?|reported([ _]?at)?|incident[ _]?start)$/i,
  detectedAt: /^(detected([ _]?at)?|detection[ _]?time|acknowledged([ _]?at)?)$/i,
  mitigatedAt: /^(mitigated([ _]?at)?|mitigation[ _]?time|monitoring([ _]?at)?)$/i,
  resolvedAt: /^(resolved([ _]?(at|on|time|date))?|closed([ _]?at)?|end(ed)?([ _]?(at|time))?)$/i,
  detectionType: /^(detection([ _]?(type|method|source))?|detected[ _]?by|how[ _]?detected|source[ _]?type|contact[ _]?type)$/i,
  monitorName: /^(monitor([ _]?name)?|alert[ _]?(name|rule)|detector)$/i,
  falseAlarm: /^(false[ _]?alarm|false[ _]?positive|is[ _]?false[ _]?alarm)$/i,
  troubleshootingGuide: /^(tsg|troubleshooting[ _]?guide|runbook|has[ _]?(tsg|runbook))$/i,
  serviceStage: /^(service[ _]?stage|stage|lifecycle|release[ _]?stage)$/i,
  rootCauseText: /^(root[ _-]?cause([ _]?(text|description|analysis|details))?|rca|cause)$/i,
  mitigationText: /^(mitigation([ _]?(text|steps|description))?|resolution([ _]?notes)?|fix|close[ _]?notes)$/i,
  discussion: /^(discussion|comments?|updates|timeline|notes|work[ _]?notes|incident[ _]?updates)$/i,
  duration: /^(duration|duration[ _]?(minutes|mins|hours|hrs|seconds|secs)|outage[ _]?duration|downtime)$/i,
};

/** Suggests a mapping from column names; each column is used for one field at most. */
export function suggestMapping(columns: readonly string[]): FieldMapping {
  const fields: Partial<Record<MappableField, string>> = {};
  const used = new Set<string>();
  for (const field of MAPPABLE_FIELDS) {
    const column = columns.find((c) => !used.has(c) && NAME_HINTS[field].test(c.trim()));
    if (column !== undefined) {
      fields[field] = column;
      used.add(column);
    }
  }
  return { fields };
}
