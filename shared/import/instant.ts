import { isPlaceholder } from './values.ts';

/**
 * Turning the dates and times that exports write into ISO 8601 UTC instants. A time written with a zone or
 * offset keeps it; one written without is read in the mapping's time zone (an IANA name such as
 * "America/Los_Angeles", an abbreviation such as "PDT", or an offset such as "+05:30"), or as UTC.
 */

/** Common abbreviations exports print; each is a fixed offset in minutes. */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  IST: 330, SGT: 480, HKT: 480, CST_CN: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  HST: -600, AKST: -540, AKDT: -480, PST: -480, PDT: -420, MST: -420, MDT: -360, CST: -360, CDT: -300, EST: -300, EDT: -240,
};

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** An offset written in the text itself, in minutes east of UTC. */
  offsetMinutes?: number;
}

/** Minutes east of UTC of a zone at an instant, or undefined for a zone nobody knows. */
export function zoneOffsetMinutes(zone: string, atUtcMs: number): number | undefined {
  const trimmed = zone.trim();
  const fixed = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(trimmed);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  const abbreviation = ZONE_ABBREVIATIONS[trimmed.toUpperCase()];
  if (abbreviation !== undefined) return abbreviation;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: trimmed,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(atUtcMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(atUtcMs / 1000) * 1000) / 60000);
  } catch {
    return undefined;
  }
}

export function isKnownTimeZone(zone: string): boolean {
  return zoneOffsetMinutes(zone, Date.UTC(2024, 0, 1)) !== undefined;
}

function wallTimeToIso(w: WallTime, zone: string | null | undefined): string | undefined {
  const { year, month, day, hour, minute, second, millisecond } = w;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined; // e.g. 31 February
  let offset = w.offsetMinutes;
  if (offset === undefined && zone) {
    // The offset at the wall time, refined once across a daylight-saving change.
    const first = zoneOffsetMinutes(zone, asUtc);
    if (first === undefined) return undefined;
    offset = zoneOffsetMinutes(zone, asUtc - first * 60000) ?? first;
  }
  return new Date(asUtc - (offset ?? 0) * 60000).toISOString();
}

function offsetOf(text: string | undefined): number | undefined | null {
  if (text === undefined || text === '') return undefined;
  const minutes = zoneOffsetMinutes(text, Date.UTC(2024, 0, 1));
  return minutes === undefined ? null : minutes;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?$/i;
const MONTH_NAME = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s*[-,]?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?\s*([A-Z]{2,5}|[+-]\d{2}:?\d{2})?$/i;
const DAY_MONTH_NAME = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Z]{2,5}|[+-]\d{2}:?\d{2})?$/i;

function fraction(text: string | undefined): number {
  return text ? Math.round(Number(`0.${text}`) * 1000) : 0;
}

function to24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toUpperCase() === 'PM';
  return (hour % 12) + (pm ? 12 : 0);
}

/** Reads a date written in a fixed format made of YYYY, YY, MMM (month name), MM, DD, HH, hh, mm, ss, SSS, A, Z and literal characters. */
/**
 * A fixed format, forgiving about the time of day only: a date-only format also reads a date with a time
 * (`DD/MM/YYYY` reads `03/05/2016 14:30`), and a date-and-time format a bare date (at midnight). One mapping
 * then serves files that write their dates with and without times, as several files imported together do.
 */
function parseWithFormat(text: string, format: string): WallTime | undefined {
  const exact = parseExactly(text, format);
  if (exact !== undefined) return exact;
  const hasTime = /HH|hh|mm/.test(format);
  if (!hasTime) {
    const m = /^(.*?)[ T](\d{1,2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
    const date = m ? parseExactly(m[1]!, format) : undefined;
    if (!date || !m) return undefined;
    const [hour, minute, second = 0] = m[2]!.split(':').map(Number);
    return { ...date, hour: hour!, minute: minute!, second };
  }
  const datePart = /^([^ T]*?)[ T].*(HH|hh)/.exec(format)?.[1];
  return datePart ? parseExactly(text, datePart) : undefined;
}

function parseExactly(text: string, format: string): WallTime | undefined {
  const tokens = /YYYY|YY|MMM|MM|DD|HH|hh|mm|ss|SSS|A|Z/g;
  const order: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(tokens)) {
    pattern += format.slice(last, match.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    order.push(match[0]);
    pattern += { YYYY: '(\\d{4})', YY: '(\\d{2})', MMM: '([A-Za-z]{3})[A-Za-z]*\\.?', MM: '(\\d{1,2})', DD: '(\\d{1,2})', HH: '(\\d{1,2})', hh: '(\\d{1,2})', mm: '(\\d{2})', ss: '(\\d{2})', SSS: '(\\d{1,3})', A: '([AaPp][Mm])', Z: '(Z|[+-]\\d{2}:?\\d{2}|[A-Za-z]{2,5})' }[match[0]];
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${pattern}$`).exec(text);
  if (!m) return undefined;
  const got: Record<string, string> = {};
  order.forEach((t, i) => (got[t] = m[i + 1]!));
  const offset = offsetOf(got.Z);
  if (offset === null) return undefined;
  const month = got.MMM !== undefined ? MONTHS[got.MMM.toLowerCase()] : Number(got.MM ?? 1);
  if (month === undefined) return undefined;
  return {
    year: got.YYYY !== undefined ? Number(got.YYYY) : 2000 + Number(got.YY ?? 0),
    month,
    day: Number(got.DD ?? 1),
    hour: got.hh !== undefined ? to24(Number(got.hh), got.A) : Number(got.HH ?? 0),
    minute: Number(got.mm ?? 0),
    second: Number(got.ss ?? 0),
    millisecond: Number((got.SSS ?? '0').padEnd(3, '0')),
    ...(offset === undefined ? {} : { offsetMinutes: offset }),
  };
}

function parseAuto(text: string): WallTime | undefined {
  let m = ISO.exec(text);
  if (m) {
    const offset = offsetOf(m[8]);
    if (offset === null) return undefined;
    return {
      year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
      hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), millisecond: fraction(m[7]),
      ...(offset === undefined ? {} : { offsetMinutes: offset }),
    };
  }
  m = MONTH_NAME.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    const offset = offsetOf(m[8]);
    if (month === undefined || offset === null) return undefined;
    return {
      year: Number(m[3]), month, day: Number(m[2]),
      hour: to24(Number(m[4] ?? 0), m[7]), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), millisecond: 0,
      ...(offset === undefined ? {} : { offsetMinutes: offset }),
    };
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    const offset = offsetOf(m[7]);
    if (month === undefined || offset === null) return undefined;
    return {
      year: Number(m[3]), month, day: Number(m[1]),
      hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), millisecond: 0,
      ...(offset === undefined ? {} : { offsetMinutes: offset }),
    };
  }
  return undefined;
}

export interface InstantOptions {
  /** A fixed format such as "DD-MM-YYYY HH:mm"; without one, ISO 8601 and month-name dates are read. */
  format?: string;
  /** The zone of times written without one. */
  timeZone?: string | null;
}

/**
 * An instant as ISO 8601 UTC: null for empty text, undefined for text that is not a date (the caller
 * reports it). Epoch seconds and milliseconds are read as such.
 */
export function parseInstant(value: unknown, options: InstantOptions = {}): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value > 1e11 ? value : value * 1000).toISOString() : undefined;
  const text = String(value).trim();
  if (isPlaceholder(text)) return null;
  if (/^\d{10}(\d{3})?$/.test(text)) return new Date(text.length === 10 ? Number(text) * 1000 : Number(text)).toISOString();
  const wall = options.format ? parseWithFormat(text, options.format) : parseAuto(text);
  if (!wall) return undefined;
  return wallTimeToIso(wall, options.timeZone);
}
