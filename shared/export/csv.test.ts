import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv } from './csv.ts';
import { rowErrorsToCsv } from './rowErrorsCsv.ts';

// What the test calls dangerous, independently of the code under test: a spreadsheet starts a formula
// at = + - @ (after any leading whitespace), and tab and CR are on OWASP's list too.
const dangerous = (s: string) => /^[\t\r]/.test(s) || /^\s*[=+\-@]/.test(s);
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

const ATTACKS = [
  '=HYPERLINK("http://x","y")',
  "+1+cmd|' /C calc'!A0",
  '@SUM(A1)',
  '-2+3',
  '\t=1',
  '\r=1',
  ' =1+1',
  '\u00a0\t+1',
  '\n@x',
];
const HARMLESS = ['INC-7', 'a -1', '3-2', 'total = 5', "it's", '', 'x,y "quoted"\nnext line'];

describe('toCsv', () => {
  it('prefixes a single quote to every text cell a spreadsheet would run, and keeps the rest as they are', () => {
    const rows = [...ATTACKS, ...HARMLESS].map((v, i) => [String(i), v]);
    const parsed = parse(toCsv(['n', 'value'], rows));
    expect(parsed[0]).toEqual(['n', 'value']);
    parsed.slice(1).forEach(([n, cell], i) => {
      expect(n).toBe(String(i));
      const original = rows[i]![1]!;
      if (dangerous(original)) {
        expect(cell, JSON.stringify(original)).toBe(`'${original}`);
      } else {
        expect(cell, JSON.stringify(original)).toBe(original);
      }
    });
    expect(parsed.slice(1).filter(([, cell]) => dangerous(cell!))).toEqual([]);
    expect(ATTACKS.every(dangerous) && !HARMLESS.some(dangerous)).toBe(true);
  });

  it('writes numbers as numbers, a negative one included, and empty for null', () => {
    const parsed = parse(toCsv(['item', 'delta', 'note', 'missing'], [['INC-1', -2, 'down -2 today', null]]));
    expect(parsed[1]).toEqual(['INC-1', '-2', 'down -2 today', '']);
  });

  it('neutralises the header as well (coder names are typed by users)', () => {
    const parsed = parse(toCsv(['item', '=cmd()', 'Ann'], [['1', 'a', 'b']]));
    expect(parsed[0]).toEqual(['item', "'=cmd()", 'Ann']);
  });
});

describe('rowErrorsToCsv', () => {
  it('lists file, row, field and message, with formula-like values neutralised', () => {
    const errors = [
      { file: '=evil.csv', row: 3, field: '@title', message: '"-1" is not a date and time' },
      { file: 'ok.csv', row: 12, field: 'created', message: 'x' },
    ];
    const parsed = parse(rowErrorsToCsv(errors));
    expect(parsed).toEqual([
      ['file', 'row', 'field', 'message'],
      ...errors.map((e) => [e.file, String(e.row), e.field, e.message].map((v) => (dangerous(v) ? `'${v}` : v))),
    ]);
    expect(parsed[1]![0]).toBe("'=evil.csv");
  });
});
