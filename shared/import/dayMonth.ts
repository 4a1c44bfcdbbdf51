import { isPlaceholder } from './values.ts';

/**
 * Dates written with numbers only and the year last ("08/04/2015", "8.4.15 14:30") do not say whether the day
 * or the month comes first. The values of a whole column usually do: this settles the order from all of them.
 */

/** A numeric day/month date with the year last, and an optional time (24-hour, or 12-hour with AM/PM). */
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:([ T]|, )(\d{1,2}):(\d{2})(?::(\d{2}))?(?:(\s?)([AaPp][Mm]))?)?$/;

interface NumericDate {
  first: number;
  second: number;
  /** The format of everything but the day and month, so values of one shape share one format. */
  shape: string;
}

function readNumericDate(text: string): NumericDate | undefined {
  const m = NUMERIC_DATE.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  const second = Number(m[3]);
  // One of the two must be a month, and neither can be more than a day.
  if (first < 1 || second < 1 || first > 31 || second > 31 || (first > 12 && second > 12)) return undefined;
  const separator = m[2]!;
  const year = m[4]!.length === 4 ? 'YYYY' : 'YY';
  let time = '';
  if (m[6] !== undefined) {
    const twelveHour = m[10] !== undefined;
    time = `${m[5]}${twelveHour ? 'hh' : 'HH'}:mm${m[8] !== undefined ? ':ss' : ''}${twelveHour ? `${m[9]}A` : ''}`;
  }
  return { first, second, shape: `{}${separator}{}${separator}${year}${time}` };
}

/** True for text such as "08/04/2015" or "8-4-15 14:30": a numeric date whose day/month order needs settling. */
export function isNumericDayMonthDate(text: string): boolean {
  return readNumericDate(text) !== undefined;
}

export type DayMonthOrder = 'month-first' | 'day-first';

export interface DayMonthSettlement {
  /**
   * The order that reads every value: day-first when some first number is over 12, month-first when some second
   * number is, month-first by default when no value decides; null when the values need both orders.
   */
  order: DayMonthOrder | null;
  /** No value decided (every day and month was 12 or less): the order is the month-first default and worth asking about. */
  ambiguous: boolean;
  /** The parseInstant format that reads every value (e.g. "DD/MM/YYYY", "MM/DD/YYYY HH:mm"); null when no single one does. */
  format: string | null;
}

/**
 * Settles the day/month order of a column's numeric dates. Empty values and placeholders ("N/A") are skipped; null
 * when no value is such a date. The format is null when the order is contradictory, or when the dates differ in
 * shape (separator, year length; a time of day or not is no difference) or some values are not numeric dates,
 * since a fixed format would then refuse some of them.
 */
export function settleDayMonthOrder(values: readonly string[]): DayMonthSettlement | null {
  let dayFirstSeen = false;
  let monthFirstSeen = false;
  let dates = 0;
  let others = 0;
  const shapes = new Set<string>();
  for (const value of values) {
    if (isPlaceholder(value)) continue; // "N/A", "unknown", "-": no date, and no say in the format

    const date = readNumericDate(value);
    if (date === undefined) {
      others += 1;
      continue;
    }
    dates += 1;
    shapes.add(date.shape);
    if (date.first > 12) dayFirstSeen = true;
    if (date.second > 12) monthFirstSeen = true;
  }
  if (dates === 0) return null;
  const order: DayMonthOrder | null = dayFirstSeen && monthFirstSeen ? null : dayFirstSeen ? 'day-first' : 'month-first';
  const ambiguous = !dayFirstSeen && !monthFirstSeen;
  // A date-only format reads dates written with a time and the other way round (instant.ts), so shapes that differ
  // only in the time of day agree; the one with a time is kept, as the more telling.
  const dateParts = new Set([...shapes].map((sh) => sh.replace(/^(\{\}.\{\}.YY(?:YY)?).*$/, '$1')));
  const shape = [...shapes].find((sh) => /HH|hh/.test(sh)) ?? [...shapes][0];
  const format =
    order === null || dateParts.size !== 1 || others > 0 || shape === undefined
      ? null
      : order === 'day-first'
        ? shape.replace('{}', 'DD').replace('{}', 'MM')
        : shape.replace('{}', 'MM').replace('{}', 'DD');
  return { order, ambiguous, format };
}

/** Which comes first in a numeric date format: `MM/DD/YYYY` is month-first, `DD.MM.YY HH:mm` day-first. */
export function dayMonthOrderOf(format: string): DayMonthOrder | null {
  const month = format.indexOf('MM');
  const day = format.indexOf('DD');
  if (month === -1 || day === -1) return null;
  return month < day ? 'month-first' : 'day-first';
}

/** The same format with the day and the month in the given order. */
export function withDayMonthOrder(format: string, order: DayMonthOrder): string {
  if (dayMonthOrderOf(format) === order || dayMonthOrderOf(format) === null) return format;
  return format.replace(/DD|MM/g, (token) => (token === 'DD' ? 'MM' : 'DD'));
}
