import { isNumericDayMonthDate } from './dayMonth.ts';
import { parseInstant } from './instant.ts';

/**
 * What a sample of records holds, path by path: every leaf path in the syntax readPath reads, with the kinds,
 * lengths and distinct values found there, for the mapping's suggestions and the mapping screen's pickers.
 */
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

export interface PathStats {
  info: PathInfo;
  lastRecord: number;
  lastListRecord: number;
  lengthSum: number;
  lengthCount: number;
  distinctValues: Set<string>;
}

export interface ContainerStats {
  count: number;
  lastRecord: number;
  /** The path held a list with objects in it (rather than an object). */
  listOfObjects: boolean;
}

export interface SampleProfile {
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
export function profileSample(sample: readonly unknown[], limits: PathLimits): SampleProfile {
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

