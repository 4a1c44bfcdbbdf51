import { settleDayMonthOrder } from './dayMonth.ts';
import { unitOfWord, type DurationUnit } from './duration.ts';
import { lookupValue, MAPPABLE_FIELDS, TIME_FIELDS, type FieldMapping, type MappableField, type TimeField } from './mapping.ts';
import { DEFAULT_PATH_LIMITS, profileSample, type PathInfo, type PathLimits } from './samplePaths.ts';
import { valueKey, type ValueMapName } from './values.ts';

export { describePaths, DEFAULT_PATH_LIMITS, type KindProfile, type PathInfo, type PathLimits } from './samplePaths.ts';

// ───────────────────────────── Which path suits which field ─────────────────────────────

/** What each field is called in exports, matched against a path's leaf key and its longer endings. */
const NAME_HINTS: Record<MappableField, RegExp> = {
  id: /^(id|key|number|issue key|incident[ _]?(id|number|key|no)|(ticket|case|issue)([ _]?(id|number|no))?|reference)$/i,
  title: /^(title|summary|name|headline|short[ _]?description|incident[ _]?(title|name|summary)|subject|message)$/i,
  description: /^(description|details|body|text|incident[ _]?description)$/i,
  status: /^(status|state|incident[ _]?(state|status))$/i,
  severity: /^(severity|sev|impact|priority|urgency|incident[ _]?impact)$/i,
  services: /^(services?|components?|component\/s|affected[ _]?(services?|components?)|cmdb[ _]?ci|business[ _]?service|service[ _]?name)$/i,
  owningTeam: /^(team|owning[ _]?team|owner[ _]?team|assignment[ _]?group|team[ _]?name|assigned[ _]?team)$/i,
  teamHistory: /^(team[ _]?history|teams|assignment[ _]?history|transfer[ _]?history)$/i,
  createdAt: /^(created([ _]?(at|on|time|date))?|open(ed)?([ _]?(at|on|time|date))?|start(ed)?([ _]?(at|on|time|date))?|reported([ _]?(at|on))?|incident[ _]?start)$/i,
  detectedAt: /^(detected([ _]?at)?|detection[ _]?time|acknowledged([ _]?at)?)$/i,
  mitigatedAt: /^(mitigated([ _]?at)?|mitigation[ _]?time|monitoring([ _]?at)?)$/i,
  resolvedAt: /^(resolved([ _]?(at|on|time|date))?|closed([ _]?at)?|end(ed)?([ _]?(at|time))?)$/i,
  detectionType: /^(detection([ _]?(type|method|source))?|detected[ _]?by|how[ _]?detected|source[ _]?type|contact[ _]?type)$/i,
  monitorName: /^(monitor([ _]?name)?|alert[ _]?(name|rule)|detector|detection[ _]?tool)$/i,
  falseAlarm: /^(false[ _]?alarm|false[ _]?positive|is[ _]?false[ _]?alarm)$/i,
  troubleshootingGuide: /^(tsg|troubleshooting[ _]?guide|runbook|has[ _]?(tsg|runbook))$/i,
  serviceStage: /^(service[ _]?stage|stage|lifecycle|release[ _]?stage)$/i,
  rootCauseText: /^(root[ _-]?cause([ _]?(text|description|analysis|details|summary))?|rca|cause)$/i,
  mitigationText: /^(mitigation([ _]?(text|steps|description|details|summary))?|resolution([ _]?(notes|details))?|fix|close[ _]?notes)$/i,
  discussion: /^(discussion|comments?|updates|timeline|notes|work[ _]?notes|incident[ _]?updates)$/i,
  duration: /^(duration([ _]?(\(?(minutes|mins?|m|hours|hrs?|h|seconds|secs?|s|days|d)\)?))?|outage[ _]?duration|downtime|time[ _]?to[ _]?(mitigate|mitigation|recover|recovery))$/i,
};

/** Weaker names: they map a field only when nothing named by NAME_HINTS is there (a bare `time` is the creation time). */
const ALTERNATE_HINTS: Partial<Record<MappableField, RegExp>> = {
  description: /^(summary|overview|abstract|synopsis)$/i,
  createdAt: /^(time|date|timestamp|datetime|incident[ _]?(date|time)|occurred([ _]?at)?|start[ _]?date)$/i,
};

const TEXT_FIELDS: readonly MappableField[] = ['title', 'description', 'rootCauseText', 'mitigationText', 'discussion'];
const ENUMERATED_FIELDS: readonly (MappableField & ValueMapName)[] = ['status', 'severity', 'detectionType', 'serviceStage', 'falseAlarm', 'troubleshootingGuide'];
const NAME_LIST_FIELDS: readonly MappableField[] = ['services', 'owningTeam', 'teamHistory', 'monitorName'];

const PRIMARY = 100;
const ALTERNATE = 75;
/** A match on a shorter ending of the path (`details` of `postmortem.details`) loses this much per segment left out. */
const PER_SEGMENT_LEFT_OUT = 10;

/**
 * The dataset's own codes (`root cause.label[*].layer-1`, `root_cause_category`, `label_mitigation`): the answers a
 * study's coders must not see, so never a field's suggestion.
 */
export function isLabelLikePath(path: string): boolean {
  return path
    .split('.')
    .map((segment) => segment.replace(/(\[(?:-?\d+|\*)\])+$/, '').toLowerCase())
    .some((segment) => /^labels?$/.test(segment) || /_categor(y|ies)$/.test(segment) || /^labels?_/.test(segment));
}

/** A path as words: `root cause.label[*].layer-1` → ['root cause', 'label', 'layer-1']. */
function segmentsOf(path: string): string[] {
  return path.split('.').map((segment) => segment.replace(/(\[(?:-?\d+|\*)\])+$/, '').trim());
}

/** Name scores of one path for every field: the longest ending of the path that a field's name matches decides. */
/**
 * A column or key name as the name patterns read it: a unit or zone in brackets dropped (`Opened (UTC)`),
 * `#` read as number (`Ticket#`), dashes, dots and runs of space as one space.
 */
export function normaliseName(name: string): string {
  return name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/#/g, ' number')
    .replace(/[\s._-]+/g, ' ')
    .trim();
}

function nameScores(path: string, isColumn: boolean): Map<MappableField, number> {
  const segments = (isColumn ? [path.trim()] : segmentsOf(path)).map(normaliseName);
  const found = new Map<MappableField, { length: number; score: number }>();
  for (let start = 0; start < segments.length; start++) {
    const ending = segments.slice(start).join(' ');
    const length = segments.length - start;
    for (const field of MAPPABLE_FIELDS) {
      if (found.has(field)) continue;
      const tier = NAME_HINTS[field].test(ending) ? PRIMARY : ALTERNATE_HINTS[field]?.test(ending) ? ALTERNATE : 0;
      if (tier > 0) found.set(field, { length, score: tier - PER_SEGMENT_LEFT_OUT * start });
    }
  }
  // The longest ending that names any field is what the path means: `root cause.details` is root-cause text, so its
  // leaf `details` does not also make it a description.
  const longest = Math.max(0, ...[...found.values()].map((f) => f.length));
  const scores = new Map<MappableField, number>();
  for (const [field, f] of found) if (f.length === longest) scores.set(field, f.score);
  return scores;
}

/** A path to rank: a leaf of the sample, a list of objects (the discussion only), or a column the sample did not show. */
interface Candidate {
  path: string;
  info: PathInfo | null;
  /** Distinct values seen (empty without a sample). */
  values: readonly string[];
  listOfObjects: boolean;
  isColumn: boolean;
}

const VETO = Number.NEGATIVE_INFINITY;
/** A path no name points to is still listed for a field when its values fit this well. */
const LISTED_BY_VALUES = 20;
const FRACTION = /^[+-]?\d*\.\d+$/;

/** How well the values suit a field, 0–30, or VETO when they cannot be it. 0 when nothing was seen. */
function valueFit(field: MappableField, c: Candidate): number {
  if (TEXT_FIELDS.includes(field) && isLabelLikePath(c.path)) return VETO;
  if (c.listOfObjects) return field === 'discussion' ? 15 : VETO;
  const info = c.info;
  if (info === null) return 0;
  const k = info.kinds;
  const nonEmpty = k.string + k.number + k.boolean + k.date;
  if (info.containers > 0) return VETO;
  if (nonEmpty === 0) return -5; // a path with nothing in it loses to one that has values
  const share = (n: number) => n / nonEmpty;
  const isList = k.list > 0;

  if (field === 'id') return isList ? VETO : 10 * Math.min(1, info.distinct / Math.max(1, info.count));
  // A named time column with some unreadable values is still the time column: its rows report the bad values.
  if ((TIME_FIELDS as readonly string[]).includes(field)) return share(k.date) >= 0.5 ? 20 * share(k.date) : VETO;
  if (field === 'duration') return share(k.number) >= 0.8 && !isList ? 20 : VETO;
  if (share(k.date) >= 0.5) return VETO;
  if ((ENUMERATED_FIELDS as readonly string[]).includes(field)) {
    if (isList || info.averageLength > 40 || info.distinct > 50 || c.values.some((v) => FRACTION.test(v.trim()))) return VETO;
    const known = c.values.filter((v) => lookupValue(field as ValueMapName, v, { fields: {} }) !== undefined).length;
    const repeated = info.distinct < nonEmpty ? 5 : 0;
    const few = info.distinct <= 12 ? 10 : 0;
    return repeated + few + 15 * (c.values.length === 0 ? 0 : known / c.values.length);
  }
  if (NAME_LIST_FIELDS.includes(field)) {
    if (info.averageLength > 120) return VETO;
    return field === 'teamHistory' ? (isList ? 15 : 5) : 10;
  }
  if (field === 'title') {
    if (isList || share(k.string) < 0.5) return VETO;
    const length = info.averageLength >= 20 && info.averageLength <= 100 ? 20 : info.averageLength >= 8 && info.averageLength <= 200 ? 10 : 0;
    return length + 5 * Math.min(1, info.distinct / Math.max(1, nonEmpty));
  }
  if (share(k.string) < 0.5) return VETO;
  if (field === 'discussion') return isList ? 10 : 5;
  // Long text: the longer the better (50 characters → 20, 100 → 24, 316 and more → 30).
  return Math.min(30, Math.max(0, 12 * Math.log10(info.averageLength)));
}

// ───────────────────────────── The suggestion ─────────────────────────────

export interface MappingSuggestion {
  mapping: FieldMapping;
  /** The leaf paths of the sample (empty without one). */
  paths: PathInfo[];
  /** Per field, the paths that could fill it, best first, for the mapping screen's pickers. */
  candidates: Record<MappableField, string[]>;
  /** Time fields whose numeric dates no value decided (all days ≤ 12): set to month-first, worth asking the user. */
  ambiguousDateFields: TimeField[];
}

/**
 * Suggests a mapping from the column names and, when given, a sample of records: each field gets the best-ranked
 * path that names it (by NAME_HINTS on the leaf key or a longer ending of the path, else a weaker alternate name)
 * and whose values suit it (dates for times, short repeated values for enumerated fields, long text for the texts,
 * numbers for the duration). Each path serves one field at most; fields are filled in MAPPABLE_FIELDS order, so the
 * id and the title choose first. Without a sample this is the name-only suggestion it always was.
 */
export function suggestMapping(columns: readonly string[], sample: readonly unknown[] = [], limits: Partial<PathLimits> = {}): MappingSuggestion {
  const profile = profileSample(sample, { ...DEFAULT_PATH_LIMITS, ...limits });
  const candidatesByPath = new Map<string, Candidate>();
  const columnSet = new Set(columns);
  const isColumn = (path: string) => profile.topLevelKeys.has(path) || columnSet.has(path);
  for (const stats of profile.leaves.values()) {
    const { path } = stats.info;
    candidatesByPath.set(path, { path, info: stats.info, values: [...stats.distinctValues], listOfObjects: false, isColumn: isColumn(path) });
  }
  for (const [path, stats] of profile.containers) {
    if (stats.listOfObjects && !candidatesByPath.has(path)) candidatesByPath.set(path, { path, info: null, values: [], listOfObjects: true, isColumn: isColumn(path) });
  }
  for (const column of columns) {
    // A column the sample shows as an object is represented by its leaf paths instead.
    if (candidatesByPath.has(column) || profile.containers.has(column)) continue;
    candidatesByPath.set(column, { path: column, info: null, values: [], listOfObjects: false, isColumn: true });
  }

  const order = [...candidatesByPath.values()];
  const ranked = new Map<MappableField, Array<{ path: string; named: boolean; score: number }>>();
  for (const field of MAPPABLE_FIELDS) ranked.set(field, []);
  for (const c of order) {
    const names = nameScores(c.path, c.isColumn);
    for (const field of MAPPABLE_FIELDS) {
      const fit = valueFit(field, c);
      if (fit === VETO) continue;
      const name = names.get(field) ?? 0;
      // Without a name, a path is listed only for values that clearly suit the field.
      if (name === 0 && fit < LISTED_BY_VALUES) continue;
      ranked.get(field)!.push({ path: c.path, named: name > 0, score: name + fit });
    }
  }

  const candidates = {} as Record<MappableField, string[]>;
  const fields: Partial<Record<MappableField, string>> = {};
  const used = new Set<string>();
  for (const field of MAPPABLE_FIELDS) {
    // A stable sort keeps the column order among equal scores, as the name-only suggestion did.
    const list = ranked.get(field)!.sort((a, b) => b.score - a.score);
    candidates[field] = list.map((r) => r.path);
    const best = list.find((r) => r.named && !used.has(r.path) && !isLabelLikePath(r.path));
    if (best !== undefined) {
      fields[field] = best.path;
      used.add(best.path);
    }
  }

  const mapping: FieldMapping = { fields };
  const valuesOf = (field: MappableField) => {
    const path = fields[field];
    return path === undefined ? [] : (candidatesByPath.get(path)?.values ?? []);
  };

  const values: NonNullable<FieldMapping['values']> = {};
  for (const field of ENUMERATED_FIELDS) {
    const found = prefilledValueMap(field, valuesOf(field));
    if (found !== null) values[field] = found;
  }
  if (Object.keys(values).length > 0) mapping.values = values;

  const dateFormats: NonNullable<FieldMapping['dateFormats']> = {};
  const ambiguousDateFields: TimeField[] = [];
  for (const field of TIME_FIELDS) {
    const settled = settleDayMonthOrder(valuesOf(field));
    if (settled === null) continue;
    if (settled.format !== null) dateFormats[field] = settled.format;
    if (settled.ambiguous) ambiguousDateFields.push(field);
  }
  if (Object.keys(dateFormats).length > 0) mapping.dateFormats = dateFormats;

  if (fields.duration !== undefined) mapping.durationUnit = durationUnitOf(fields.duration, valuesOf('duration'));

  return { mapping, paths: [...profile.leaves.values()].map((s) => s.info), candidates, ambiguousDateFields };
}

/**
 * The value map to show for confirmation: every distinct raw value of the sample that a default maps (placeholders
 * such as "unknown" to no value), keyed as lookupValue reads it. Values nothing maps are left out, to be mapped by
 * the user. Null when no value is mapped.
 */
function prefilledValueMap(field: ValueMapName, raws: readonly string[]): Record<string, string> | null {
  const map = Object.create(null) as Record<string, string>;
  let any = false;
  for (const raw of raws) {
    const key = valueKey(raw);
    const mapped = lookupValue(field, key, { fields: {} });
    if (typeof mapped === 'string') {
      map[key] = mapped;
      any = true;
    }
  }
  return any ? map : null;
}

/**
 * The unit of a duration path. A unit in the key's name decides (`duration_hours`, `duration (h)`, `downtime_mins`).
 * A bare name is decided by the values: all at most 72 with some fractions ("8", "1.5") reads as hours, since
 * minutes and seconds are rarely written with fractions and an outage of more than 72 hours is rare; anything
 * else reads as minutes.
 */
export function durationUnitOf(path: string, values: readonly string[]): DurationUnit {
  const leaf = segmentsOf(path).pop() ?? path;
  for (const word of leaf.toLowerCase().split(/[^a-z]+/)) {
    const unit = unitOfWord(word);
    if (unit !== null) return unit;
  }
  const numbers = values.map((v) => Number(v.trim())).filter((n) => Number.isFinite(n));
  if (numbers.length > 0 && numbers.every((n) => n <= 72) && numbers.some((n) => !Number.isInteger(n))) return 'hours';
  return 'minutes';
}
