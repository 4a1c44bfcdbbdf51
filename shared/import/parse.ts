import Papa from 'papaparse';
import type { RowError } from './mapping.ts';

export type SourceFormat = 'csv' | 'json' | 'jsonl';

export interface ParsedSource {
  format: SourceFormat;
  /** The records in file order; each one is kept unchanged as the incident's raw record. */
  records: unknown[];
  /** Column names (CSV header, or the keys seen in the first records of JSON). */
  columns: string[];
  errors: RowError[];
}

const BOM = '\uFEFF';

export function detectFormat(fileName: string, text: string): SourceFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  const head = text.replace(BOM, '').trimStart();
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const firstLine = head.split('\n', 1)[0]!.trim();
    return firstLine.endsWith('}') && head.includes('\n{') ? 'jsonl' : 'json';
  }
  return 'csv';
}

export function parseSource(fileName: string, text: string, format: SourceFormat = detectFormat(fileName, text)): ParsedSource {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (format === 'csv') return parseCsv(fileName, body);
  if (format === 'jsonl') return parseJsonLines(fileName, body);
  return parseJson(fileName, body);
}

function parseCsv(file: string, text: string): ParsedSource {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const errors: RowError[] = result.errors.map((e) => ({
    file,
    row: (e.row ?? -1) + 1,
    field: '(row)',
    message: e.message,
  }));
  return { format: 'csv', records: result.data, columns: result.meta.fields ?? [], errors };
}

function parseJsonLines(file: string, text: string): ParsedSource {
  const records: unknown[] = [];
  const errors: RowError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch (e) {
      errors.push({ file, row: i + 1, field: '(line)', message: `not valid JSON: ${(e as Error).message}` });
    }
  });
  return { format: 'jsonl', records, columns: columnsOf(records), errors };
}

function parseJson(file: string, text: string): ParsedSource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { format: 'json', records: [], columns: [], errors: [{ file, row: 0, field: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const records = recordsOf(data);
  if (records === null) {
    return {
      format: 'json',
      records: [],
      columns: [],
      errors: [{ file, row: 0, field: '(file)', message: 'holds no list of incidents (expected an array, an object with an array, or an object keyed by id)' }],
    };
  }
  return { format: 'json', records, columns: columnsOf(records), errors: [] };
}

/** An array; an object with one array of objects (e.g. Statuspage's {page, incidents}); or an object keyed by id. */
function recordsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (typeof data !== 'object' || data === null) return null;
  const entries = Object.entries(data as Record<string, unknown>);
  const arrays = entries.filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null));
  if (arrays.length === 1) return arrays[0]![1] as unknown[];
  if (entries.length > 0 && entries.every(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    return entries.map(([key, v]) => ({ id: key, ...(v as Record<string, unknown>) }));
  }
  return null;
}

function columnsOf(records: unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of records.slice(0, 50)) {
    if (typeof r === 'object' && r !== null && !Array.isArray(r)) Object.keys(r).forEach((k) => seen.add(k));
  }
  return [...seen];
}
