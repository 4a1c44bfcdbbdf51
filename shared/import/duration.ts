import { isPlaceholder } from './values.ts';

export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const DURATION_MINUTES: Record<DurationUnit, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

/** The words exports write for each unit: `90 min`, `duration_hours`, `1h 30m`. */
const UNIT_WORDS: Array<[RegExp, DurationUnit]> = [
  [/^(s|secs?|seconds?)$/i, 'seconds'],
  [/^(m|mins?|minutes?)$/i, 'minutes'],
  [/^(h|hrs?|hours?)$/i, 'hours'],
  [/^(d|days?)$/i, 'days'],
];

/** The unit a word names, or null. */
export function unitOfWord(word: string): DurationUnit | null {
  return UNIT_WORDS.find(([pattern]) => pattern.test(word))?.[1] ?? null;
}

/**
 * Minutes in a duration: a number in the mapping's unit (minutes when none is set), a number with its unit
 * ("90 min", "1.5 h", "1h 30m"), or ISO 8601 ("PT1H30M"); undefined when it is none of these.
 */
export function durationMinutes(value: unknown, unit: DurationUnit = 'minutes'): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * DURATION_MINUTES[unit] : undefined;
  const text = String(value).trim();
  if (isPlaceholder(text)) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * DURATION_MINUTES[unit];
  const iso = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) return Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0) + Number(iso[4] ?? 0) / 60;
  let total = 0;
  let parts = 0;
  const rest = text.replace(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*,?\s*/gi, (_, amount: string, word: string) => {
    const found = unitOfWord(word);
    if (found === null) return _;
    total += Number(amount) * DURATION_MINUTES[found];
    parts++;
    return '';
  });
  return parts > 0 && rest.trim() === '' ? total : undefined;
}

