import Papa from 'papaparse';

/**
 * A cell a spreadsheet could read as a formula: one that starts with = + - @, a tab or a carriage return
 * (OWASP's CSV injection list), or with whitespace before = + - @, which Excel and LibreOffice skip
 * before they look for a formula.
 */
export const FORMULA_START = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;

export type CsvCell = string | number | null | undefined;

/**
 * Every CSV the app writes goes through here. Text cells that could start a formula get a leading
 * single quote (as Papa Parse's escapeFormulae does), so opening an export in a spreadsheet shows the
 * text instead of running it; the header too, since coder names are typed by users. Numbers are written
 * as numbers: -2 stays a negative number.
 */
export function toCsv(fields: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return Papa.unparse({ fields: [...fields], data: rows.map((r) => r.map((c) => c ?? '')) }, { escapeFormulae: FORMULA_START });
}
