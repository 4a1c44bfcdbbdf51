import { describe, expect, it } from 'vitest';
import { isNumericDayMonthDate, settleDayMonthOrder, dayMonthOrderOf, withDayMonthOrder } from './dayMonth.ts';
import { parseInstant } from './instant.ts';

describe('settleDayMonthOrder', () => {
  it('is day-first when some first number is over 12', () => {
    expect(settleDayMonthOrder(['08/04/2015', '25/12/2016', ''])).toEqual({ order: 'day-first', ambiguous: false, format: 'DD/MM/YYYY' });
  });

  it('is month-first when some second number is over 12', () => {
    expect(settleDayMonthOrder(['08/04/2015', '12/25/2016'])).toEqual({ order: 'month-first', ambiguous: false, format: 'MM/DD/YYYY' });
  });

  it('leaves the format unset when the values need both orders', () => {
    expect(settleDayMonthOrder(['25/04/2015', '04/25/2015'])).toEqual({ order: null, ambiguous: false, format: null });
  });

  it('defaults to month-first and says so when no value decides', () => {
    expect(settleDayMonthOrder(['08/04/2015', '1/2/2016'])).toEqual({ order: 'month-first', ambiguous: true, format: 'MM/DD/YYYY' });
  });

  it('writes the separator, year length and time the values have', () => {
    expect(settleDayMonthOrder(['13.04.15 9:05', '01.02.16 23:59'])?.format).toBe('DD.MM.YY HH:mm');
    expect(settleDayMonthOrder(['4-13-2015 09:05:30'])?.format).toBe('MM-DD-YYYY HH:mm:ss');
    expect(settleDayMonthOrder(['04/13/2015 9:05 PM', '04/14/2015 10:00 am'])?.format).toBe('MM/DD/YYYY hh:mm A');
  });

  it('gives no single format when the dates differ in shape or some values are other dates', () => {
    expect(settleDayMonthOrder(['13/04/2015', '14.04.2015'])).toEqual({ order: 'day-first', ambiguous: false, format: null });
    expect(settleDayMonthOrder(['13/04/2015', '2015-04-14'])).toEqual({ order: 'day-first', ambiguous: false, format: null });
  });

  it('lets dates with and without a time of day share one format, and placeholders have no say', () => {
    expect(settleDayMonthOrder(['13/04/2015', '14/04/2015 10:00'])).toEqual({ order: 'day-first', ambiguous: false, format: 'DD/MM/YYYY HH:mm' });
    expect(settleDayMonthOrder(['04/12/2026 10:15', 'N/A', '-', 'unknown', '27/11/2026 14:05'])).toEqual({ order: 'day-first', ambiguous: false, format: 'DD/MM/YYYY HH:mm' });
    expect(settleDayMonthOrder(['13/02/2024', '14/02/2024, 14:30'])?.format).toBe('DD/MM/YYYY, HH:mm');
  });

  it('is null when no value is a numeric day/month date', () => {
    expect(settleDayMonthOrder(['2015-04-08', 'soon', ''])).toBeNull();
    expect(settleDayMonthOrder([])).toBeNull();
    expect(isNumericDayMonthDate('13/13/2015')).toBe(false);
    expect(isNumericDayMonthDate('32/01/2015')).toBe(false);
    expect(isNumericDayMonthDate('8/4/15')).toBe(true);
  });

  it('settles on a format that parseInstant reads for every value', () => {
    const cases: Array<[string[], Array<[number, number, number, number, number]>]> = [
      [['08/04/2015', '25/12/2016'], [[2015, 4, 8, 0, 0], [2016, 12, 25, 0, 0]]],
      [['8/4/2015 14:30', '12/25/2016 1:05'], [[2015, 8, 4, 14, 30], [2016, 12, 25, 1, 5]]],
      [['04/13/2015 9:05 PM'], [[2015, 4, 13, 21, 5]]],
    ];
    for (const [values, expected] of cases) {
      const format = settleDayMonthOrder(values)!.format!;
      values.forEach((value, i) => {
        const [y, mo, d, h, mi] = expected[i]!;
        expect(parseInstant(value, { format })).toBe(new Date(Date.UTC(y, mo - 1, d, h, mi)).toISOString());
      });
    }
  });
});

describe('day/month order of a format', () => {
  it('reads the order and rewrites a format in either order', () => {
    expect(dayMonthOrderOf('MM/DD/YYYY HH:mm')).toBe('month-first');
    expect(dayMonthOrderOf('DD.MM.YY')).toBe('day-first');
    expect(dayMonthOrderOf('YYYY-MMM')).toBeNull();
    expect(withDayMonthOrder('MM/DD/YYYY HH:mm', 'day-first')).toBe('DD/MM/YYYY HH:mm');
    expect(withDayMonthOrder('DD/MM/YYYY', 'day-first')).toBe('DD/MM/YYYY');
    expect(withDayMonthOrder('YYYY-MM-DD', 'day-first')).toBe('YYYY-DD-MM');
  });
});
