import { isNumericDayMonthDate, settleDayMonthOrder } from './dayMonth.ts';
import { parseInstant } from './instant.ts';
import { unitOfWord, type DurationUnit } from './duration.ts';
import { lookupValue, MAPPABLE_FIELDS, TIME_FIELDS, type FieldMapping, type MappableField, type TimeField } from './mapping.ts';
import { valueKey, type ValueMapName } from './values.ts';

// ───────────────────────────── The paths a sample holds ─────────────────────────────

/** How many values of each kind a path held across the sample. */
export interface KindProfile {
  string: number;
  number: number;
  boolean: number;
  /** Text that reads as a date (ISO, month names, epoch, or numeric day/month), and integers in the epoch-seconds or -milliseconds range of 2001–2100. */
  date: number;
  /** Records in which the path read a list (an array of scalars, or any path through `[*]`). */
  list: number;
  /** null, or text that is empty once trimmed. */
  empty: number;
}

/** One leaf path of the sample, in the syntax readPath reads, and what was found there. */
export interface PathInfo {
  path: string;
  /** Records in which the path exists (with a null value too). */
  count: number;
  kinds: KindProfile;
  /** Distinct non-empty values, counted up to the limit (then `distinctCapped`). */
  distinct: number;
  distinctCapped: boolean;
  /** Mean length of the non-empty text and number values. */
  averageLength: number;
  /** Up to 3 distinct values, shortened, for the mapping screen. */
  samples: string[];
  /** Records in which the same path held an object or a list of objects instead: such a path is never a text field. */
  containers: number;
}

export interface PathLimits {
  /** Levels of keys below the record (`a.b[*].c` is 3); deeper values are not described. */
  maxDepth: number;
  /** Paths described; later new paths are dropped. */
  maxPaths: number;
  /** Distinct values remembered per path. */
  maxDistinct: number;
  /** Records of the sample walked. */
  maxRecords: number;
  /** Elements walked per array. */
  maxListItems: number;
}

export const DEFAULT_PATH_LIMITS: PathLimits = { maxDepth: 8, maxPaths: 500, maxDistinct: 200, maxRecords: 1000, maxListItems: 100 };

/** Text longer than this is not checked for being a date (no date is), and is remembered by its start only. */
const SHORT_TEXT = 64;
const DISTINCT_KEY_LENGTH = 100;
const SAMPLE_LENGTH = 80;

interface PathStats {
  info: PathInfo;
  lastRecord: number;
  lastListRecord: number;
  lengthSum: number;
  lengthCount: number;
  distinctValues: Set<string>;
}

interface ContainerStats {
  count: number;
  lastRecord: number;
  /** The path held a list with objects in it (rather than an object). */
  listOfObjects: boolean;
}

interface SampleProfile {
  leaves: Map<string, PathStats>;
  containers: Map<string, ContainerStats>;
  /** Keys seen at the top of a record: matched whole by name, as column names are. */
  topLevelKeys: Set<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A key readPath can step through: not empty, no dot (readPath splits on dots) and no trailing `[n]` / `[*]`
 * (read as an index). A top-level key of any spelling can still be a whole path: readPath tries it whole first.
 */
const isSteppableKey = (key: string) => key !== '' && !key.includes('.') && !/\[(?:-?\d+|\*)\]$/.test(key);

function isDateLike(value: string | number): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && ((value >= 1e9 && value <= 4.2e9) || (value >= 1e12 && value <= 4.2e12));
  if (value.length > SHORT_TEXT) return false;
  return isNumericDayMonthDate(value) || typeof parseInstant(value) === 'string';
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Walks the sample once; linear in its size, with every dimension bounded by the limits. */
function profileSample(sample: readonly unknown[], limits: PathLimits): SampleProfile {
  const leaves = new Map<string, PathStats>();
  const containers = new Map<string, ContainerStats>();
  const topLevelKeys = new Set<string>();
  let recordIndex = 0;
  let topLevel: Record<string, unknown> = {};

  const leafStats = (path: string): PathStats | undefined => {
    let stats = leaves.get(path);
    if (stats === undefined) {
      if (leaves.size >= limits.maxPaths) return undefined;
      const kinds: KindProfile = { string: 0, number: 0, boolean: 0, date: 0, list: 0, empty: 0 };
      stats = {
        info: { path, count: 0, kinds, distinct: 0, distinctCapped: false, averageLength: 0, samples: [], containers: 0 },
        lastRecord: -1,
        lastListRecord: -1,
        lengthSum: 0,
        lengthCount: 0,
        distinctValues: new Set(),
      };
      leaves.set(path, stats);
    }
    if (stats.lastRecord !== recordIndex) {
      stats.lastRecord = recordIndex;
      stats.info.count += 1;
    }
    return stats;
  };

  const addScalar = (stats: PathStats, value: unknown) => {
    const { kinds } = stats.info;
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      kinds.empty += 1;
      return;
    }
    let text: string;
    if (typeof value === 'boolean') {
      kinds.boolean += 1;
      text = String(value);
    } else if (typeof value === 'number') {
      if (isDateLike(value)) kinds.date += 1;
      else kinds.number += 1;
      text = String(value);
    } else if (typeof value === 'string') {
      text = value;
      const trimmed = value.trim();
      if (isDateLike(trimmed)) kinds.date += 1;
      else if (NUMERIC_TEXT.test(trimmed)) kinds.number += 1;
      else kinds.string += 1;
    } else {
      text = String(value as bigint);
      kinds.string += 1;
    }
    stats.lengthSum += text.length;
    stats.lengthCount += 1;
    const key = text.length > DISTINCT_KEY_LENGTH ? text.slice(0, DISTINCT_KEY_LENGTH) : text;
    if (!stats.distinctValues.has(key)) {
      if (stats.distinctValues.size >= limits.maxDistinct) stats.info.distinctCapped = true;
      else {
        stats.distinctValues.add(key);
        if (stats.info.samples.length < 3) stats.info.samples.push(text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH - 1)}…` : text);
      }
    }
  };

  const markList = (stats: PathStats) => {
    if (stats.lastListRecord === recordIndex) return;
    stats.lastListRecord = recordIndex;
    stats.info.kinds.list += 1;
  };

  const markContainer = (path: string, listOfObjects: boolean) => {
    let stats = containers.get(path);
    if (stats === undefined) {
      if (containers.size >= limits.maxPaths) return;
      stats = { count: 0, lastRecord: -1, listOfObjects: false };
      containers.set(path, stats);
    }
    if (stats.lastRecord !== recordIndex) {
      stats.lastRecord = recordIndex;
      stats.count += 1;
    }
    if (listOfObjects) stats.listOfObjects = true;
  };

  /**
   * Adds a list's scalars to the path's values and collects its objects. A list nested in a list gives its scalars
   * too; its objects are not described (readPath would need `a[*][*].b`, which no export seen so far writes).
   */
  const addListItems = (stats: PathStats | undefined, list: readonly unknown[], depth: number, objects: unknown[]): void => {
    const n = Math.min(list.length, limits.maxListItems);
    for (let i = 0; i < n; i++) {
      const item = list[i];
      if (isRecord(item)) objects.push(item);
      else if (Array.isArray(item)) {
        if (depth < limits.maxDepth) addListItems(stats, item, depth + 1, []);
      } else if (stats !== undefined) addScalar(stats, item);
    }
  };

  const walkValue = (value: unknown, path: string, depth: number, steppable: boolean, throughList: boolean): void => {
    if (isRecord(value)) {
      markContainer(path, false);
      if (steppable && depth < limits.maxDepth) walkObject(value, path, depth + 1, throughList);
      return;
    }
    if (Array.isArray(value)) {
      const objects: unknown[] = [];
      let hasScalars = value.length === 0;
      for (let i = 0; i < Math.min(value.length, limits.maxListItems) && !hasScalars; i++) hasScalars = !isRecord(value[i]);
      const stats = hasScalars ? leafStats(path) : undefined;
      if (stats !== undefined) markList(stats);
      if (stats !== undefined && value.length === 0) stats.info.kinds.empty += 1;
      addListItems(stats, value, depth, objects);
      if (objects.length > 0) {
        markContainer(path, true);
        if (steppable && depth < limits.maxDepth) for (const item of objects) walkObject(item as Record<string, unknown>, `${path}[*]`, depth + 1, true);
      }
      return;
    }
    const stats = leafStats(path);
    if (stats === undefined) return;
    if (throughList) markList(stats);
    addScalar(stats, value);
  };

  const walkObject = (object: Record<string, unknown>, prefix: string, depth: number, throughList: boolean): void => {
    for (const key of Object.keys(object)) {
      if (prefix === '') {
        if (key === '') continue;
        if (topLevelKeys.size < limits.maxPaths) topLevelKeys.add(key);
        walkValue(object[key], key, depth, isSteppableKey(key), throughList);
        continue;
      }
      if (!isSteppableKey(key)) continue;
      const path = `${prefix}.${key}`;
      // readPath takes a top-level key spelled like the whole path first, so this nested value is out of its reach.
      if (Object.prototype.hasOwnProperty.call(topLevel, path)) continue;
      walkValue(object[key], path, depth, true, throughList);
    }
  };

  const records = Math.min(sample.length, limits.maxRecords);
  for (recordIndex = 0; recordIndex < records; recordIndex++) {
    const record = sample[recordIndex];
    if (!isRecord(record)) continue;
    topLevel = record;
    walkObject(record, '', 1, false);
  }

  for (const stats of leaves.values()) {
    stats.info.distinct = stats.distinctValues.size;
    stats.info.averageLength = stats.lengthCount === 0 ? 0 : stats.lengthSum / stats.lengthCount;
    stats.info.containers = containers.get(stats.info.path)?.count ?? 0;
  }
  return { leaves, containers, topLevelKeys };
}

/**
 * Every leaf path of the sample records, in the syntax readPath reads, in the order first seen: nested objects as
 * `a.b`, lists of objects as `a[*].b`, lists of scalars as leaves of kind list. Keys no readPath path can reach
 * (an empty key, or a nested key with a dot or a trailing `[n]`) are skipped. Bounded by `limits`, so a
 * pathological record costs no more than the limits allow.
 */
export function describePaths(sample: readonly unknown[], limits: Partial<PathLimits> = {}): PathInfo[] {
  return [...profileSample(sample, { ...DEFAULT_PATH_LIMITS, ...limits }).leaves.values()].map((s) => s.info);
}

// ───────────────────────────── Which path suits which field ─────────────────────────────

/** What each field is called in exports, matched against a path's leaf key and its longer endings. */
const NAME_HINTS: Record<MappableField, RegExp> = {
  id: /^(id|key|number|issue key|incident[ _]?(id|number|key|no)|ticket([ _]?id)?|reference|incident_number)$/i,
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
function nameScores(path: string, isColumn: boolean): Map<MappableField, number> {
  const segments = isColumn ? [path.trim()] : segmentsOf(path);
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
