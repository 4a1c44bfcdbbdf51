import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { BUILT_IN_FORMATS } from './formats/index.ts';
import { importText } from './pipeline.ts';
import type { RowError } from './mapping.ts';

const RUNS = 1000;

function wellFormed(errors: RowError[], file: string): void {
  for (const e of errors) {
    expect(Object.keys(e).sort()).toEqual(['field', 'file', 'message', 'row']);
    expect(e.file).toBe(file);
    expect(Number.isInteger(e.row) && e.row >= 0).toBe(true);
    expect(e.field.length).toBeGreaterThan(0);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** The columns a file of this format has: its signature plus every column its mapping reads. */
function columnsOf(formatId: string | null): string[] {
  const format = BUILT_IN_FORMATS.find((f) => f.id === formatId);
  if (!format) return ['id', 'title', 'status', 'created'];
  const mapped = Object.values(format.mapping.fields).filter((p): p is string => !!p && !p.startsWith('__') && /^[\w /()-]+$/.test(p));
  return [...new Set([...format.signatures[0]!, ...mapped])];
}

const text = fc.string({ unit: 'binary', maxLength: 300 });

describe('every importer, fed malformed input, reports row errors and never throws', () => {
  const targets = [{ id: null as string | null, name: 'generic CSV/JSON', format: 'csv' as const }, ...BUILT_IN_FORMATS.map((f) => ({ id: f.id, name: f.id, format: f.format }))];

  it.each(targets)('$name: arbitrary bytes never throw and every error names file, row and field', ({ id, format }) => {
    fc.assert(
      fc.property(text, (garbage) => {
        const result = importText(`g.${format}`, garbage, id ? { formatId: id } : { format });
        wellFormed(result.errors, `g.${format}`);
        expect(result.incidents.length).toBeLessThanOrEqual(result.total);
      }),
      { numRuns: RUNS },
    );
  });

  const csvTargets = targets.filter((t) => t.format === 'csv');
  it.each(csvTargets)('$name: a CSV row with a defect is reported on that row', ({ id }) => {
    const columns = columnsOf(id);
    const row = fc.array(fc.string({ maxLength: 20 }).filter((s) => !/["\r\n]/.test(s)), { minLength: columns.length, maxLength: columns.length });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom('unclosed-quote', 'short-row'), (rows, at, defect) => {
        const bad = at % rows.length;
        const lines = rows.map((r, i) => {
          const line = Papa.unparse([r], { quotes: true });
          if (i !== bad) return line;
          return defect === 'unclosed-quote' ? `"${r.join(',').replace(/"/g, '')}` : Papa.unparse([r.slice(0, 2)], { quotes: true });
        });
        const input = [Papa.unparse([columns]), ...lines].join('\n');
        const result = importText('d.csv', input, id ? { formatId: id } : { format: 'csv' });
        wellFormed(result.errors, 'd.csv');
        // A quote left open can legitimately swallow the lines after it into one quoted field (Papa Parse and
        // spreadsheet programs read it so); then the file has fewer rows than lines, which the count shows.
        const swallowed = defect === 'unclosed-quote' && result.total < rows.length;
        expect(result.errors.some((e) => e.row === bad + 1) || swallowed).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  const jsonTargets = targets.filter((t) => t.format === 'json');
  it.each(jsonTargets)('$name: a truncated JSON document is reported, keeping what came before', ({ id }) => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 5 }), fc.nat(), (records, cutAt) => {
        const full = JSON.stringify({ incidents: records, data: records });
        const cut = full.slice(0, 1 + (cutAt % (full.length - 1)));
        const result = importText('t.json', cut, { formatId: id! });
        wellFormed(result.errors, 't.json');
        expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  const lineTargets = targets.filter((t) => t.format === 'jsonl');
  it.each(lineTargets)('$name: a line that is not JSON is reported on its line', ({ id }) => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }), fc.string({ minLength: 1, maxLength: 30 }), fc.nat(), (values, junk, at) => {
        const lines = values.map((v) => JSON.stringify(v));
        const bad = at % (lines.length + 1);
        const broken = `@${junk.replace(/\n/g, ' ')}`; // "@" never starts valid JSON
        lines.splice(bad, 0, broken);
        const result = importText('l.jsonl', lines.join('\n'), { formatId: id! });
        wellFormed(result.errors, 'l.jsonl');
        expect(result.errors.some((e) => e.row === bad + 1)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
