import { toCsv, type CsvCell } from '../export/csv.ts';
import { visibleTextString } from '../text/hiddenText.ts';

/**
 * A table of the report as every renderer receives it (the screen, the CSV and LaTeX exports, the HTML report, the
 * CLI): columns typed by what their numbers are, so normalised mode can drop every absolute count in one place and each
 * renderer formats a share, a time or a p-value the same way.
 */
export type ColumnKind = 'text' | 'count' | 'share' | 'minutes' | 'ratio' | 'p' | 'statistic' | 'testStatistic';

export interface ReportColumn {
  label: string;
  kind: ColumnKind;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  id: string;
  title: string;
  /** What the numbers are of, and how they were computed. */
  caption: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** What each row and column stands for, where the labels are names of codes (the code paths, for tests and tools). */
  keys?: { rows: string[]; columns: Array<string | null> };
}

export interface ReportOptions {
  /** Hide absolute counts and show times in multiples of `timeUnitMinutes`, as the paper does for confidentiality. */
  normalised: boolean;
  /** The normalising unit of times (the first cohort's median time to mitigate); null when there is none. */
  timeUnitMinutes: number | null;
}

export const PLAIN: ReportOptions = { normalised: false, timeUnitMinutes: null };

/** A time in the table's unit: minutes, or multiples of the normalising unit. */
export function timeValue(minutes: number | null | undefined, options: ReportOptions): number | null {
  if (minutes === null || minutes === undefined) return null;
  if (!options.normalised) return minutes;
  return options.timeUnitMinutes ? minutes / options.timeUnitMinutes : null;
}

export const timeUnitLabel = (options: ReportOptions) => (options.normalised ? 'multiples of the median time to mitigate' : 'minutes');

/** Three significant digits: enough to read, too few to work counts back from shares (174/6026 would tell 6026). */
export const coarse = (v: number) => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(3)));

/**
 * The table as shown under `options`. In normalised mode its count columns and test statistics (which grow with the
 * groups' sizes) are gone, every other number keeps three significant digits and p-values two, so no count can be
 * worked back from what is left. Every table of the report goes through here, the agreement table included.
 */
export function applyReportOptions(table: ReportTable, options: ReportOptions): ReportTable {
  if (!options.normalised) return table;
  const keep = table.columns.map((c) => c.kind !== 'count' && c.kind !== 'testStatistic');
  const kinds = table.columns.filter((_, j) => keep[j]).map((c) => c.kind);
  return {
    ...table,
    columns: table.columns.filter((_, j) => keep[j]),
    rows: table.rows.map((row) => row.filter((_, j) => keep[j]).map((v, j) => (typeof v !== 'number' ? v : kinds[j] === 'p' ? Number(v.toPrecision(2)) : coarse(v)))),
    ...(table.keys ? { keys: { rows: table.keys.rows, columns: table.keys.columns.filter((_, j) => keep[j]) } } : {}),
  };
}

const DIGITS: Record<ColumnKind, number> = { text: 0, count: 0, share: 1, minutes: 1, ratio: 2, p: 4, statistic: 3, testStatistic: 3 };

/** A cell as text for people (screen, LaTeX, HTML): shares as percentages, p-values below 0.0001 as "< 0.0001". */
export function formatCell(value: ReportCell, kind: ColumnKind): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  switch (kind) {
    case 'share':
      return `${(value * 100).toFixed(DIGITS.share)}%`;
    case 'p':
      return value < 1e-4 ? '< 0.0001' : value.toFixed(DIGITS.p);
    case 'ratio':
      return `${value.toFixed(DIGITS.ratio)}×`;
    case 'count':
      return String(value);
    case 'minutes':
      // Normalised times are small multiples of the median: two decimals keep 0.04 from reading as 0.0.
      return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : DIGITS.minutes);
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(DIGITS[kind]);
  }
}

/** Tidy CSV: numbers as numbers (shares as fractions), names with hidden characters marked, formula cells neutralised. */
export function tableToCsv(table: ReportTable): string {
  const rows: CsvCell[][] = table.rows.map((row) => row.map((v) => (typeof v === 'string' ? visibleTextString(v) : v)));
  return toCsv(
    table.columns.map((c) => visibleTextString(c.label)),
    rows,
  );
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '$': '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** Characters the report writes that pdflatex has no glyph for without extra packages, as LaTeX commands. */
const LATEX_SYMBOLS: Record<string, string> = {
  '×': '$\\times$',
  '→': '$\\rightarrow$',
  '›': '$\\rangle$',
  '≤': '$\\leq$',
  '≥': '$\\geq$',
  '–': '--',
  '—': '---',
  // Braced, so a cell that starts with a marker is not read as an optional argument after \\ or \\midrule.
  '⟦': '{[}{[}',
  '⟧': '{]}{]}',
  '…': '\\ldots{}',
  '’': "'",
  '“': '``',
  '”': "''",
};

/**
 * Text made safe inside a LaTeX document: the special characters escaped, hidden characters written as markers, and
 * the symbols the report uses written as commands (so pdflatex compiles it; other letters need xelatex or lualatex).
 */
export function escapeLatex(text: string): string {
  return visibleTextString(text)
    .replace(/[\\{}$&#^_%~<>]/g, (c) => LATEX_SPECIALS[c]!)
    .replace(/[×→›≤≥–—⟦⟧…’“”]/g, (c) => LATEX_SYMBOLS[c]!);
}

/** A booktabs table (\toprule, \midrule, \bottomrule) with the caption and a label from the table's id. */
export function tableToLatex(table: ReportTable): string {
  const align = table.columns.map((c) => (c.kind === 'text' ? 'l' : 'r')).join('');
  const line = (cells: string[]) => `    ${cells.join(' & ')} \\\\`;
  return [
    '\\begin{table}[htbp]',
    '  \\centering',
    `  \\caption{${escapeLatex(table.caption)}}`,
    `  \\label{tab:${table.id.replace(/[^A-Za-z0-9-]/g, '-')}}`,
    `  \\begin{tabular}{${align}}`,
    '    \\toprule',
    line(table.columns.map((c) => escapeLatex(c.label))),
    '    \\midrule',
    ...table.rows.map((row) => line(row.map((v, j) => escapeLatex(formatCell(v, table.columns[j]!.kind))))),
    '    \\bottomrule',
    '  \\end{tabular}',
    '\\end{table}',
    '',
  ].join('\n');
}
