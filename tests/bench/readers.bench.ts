/**
 * bench:readers — the CSV reader on the file shapes that used to break it, through the CLI's inspect (the same
 * streaming loop the app's import worker runs), in Node. Baseline, measured in the same run: the same 300,000
 * short rows without any quote. Compared: the file with one stray quote in an unquoted field (`Disk 5" replaced`,
 * which once made the cut quadratic), and one with a stray quote on every row. Medians of 5 alternating runs.
 * Last line: `stray_quote_vs_plain_ratio=X` (target ≤ 2).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectFile } from '../../electron/cli/inspect.ts';
import { shortRowsCsv } from '../support/generatedFiles.ts';

const ROWS = 300_000;
const RUNS = 5;

const dir = mkdtempSync(join(tmpdir(), 'bench-readers-'));
const files = {
  plain: join(dir, 'plain.csv'),
  oneStray: join(dir, 'one-stray-quote.csv'),
  strayEveryRow: join(dir, 'stray-quote-every-row.csv'),
};
writeFileSync(files.plain, shortRowsCsv(ROWS));
writeFileSync(files.oneStray, shortRowsCsv(ROWS, { strayAt: 2 }));
writeFileSync(files.strayEveryRow, shortRowsCsv(ROWS, { strayEvery: 1 }));

async function time(path: string): Promise<number> {
  const started = performance.now();
  const report = await inspectFile(path);
  const ms = performance.now() - started;
  if (report.valid !== ROWS) throw new Error(`${path}: ${report.valid} valid rows, expected ${ROWS}`);
  return ms;
}

const samples: Record<keyof typeof files, number[]> = { plain: [], oneStray: [], strayEveryRow: [] };
await time(files.plain); // warm-up
for (let run = 0; run < RUNS; run++) {
  for (const name of Object.keys(files) as Array<keyof typeof files>) samples[name].push(await time(files[name]));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (path: string) => (statSync(path).size / 1048576).toFixed(1);
console.log(`bench:readers — ${ROWS} rows of "INC-000123,Database outage", medians of ${RUNS} alternating runs`);
console.log(`  baseline, no quote (${mib(files.plain)} MiB): ${median(samples.plain).toFixed(0)} ms`);
console.log(`  one stray quote in an unquoted field: ${median(samples.oneStray).toFixed(0)} ms`);
console.log(`  a stray quote on every row: ${median(samples.strayEveryRow).toFixed(0)} ms`);
rmSync(dir, { recursive: true, force: true });
console.log(`stray_quote_vs_plain_ratio=${(Math.max(median(samples.oneStray), median(samples.strayEveryRow)) / median(samples.plain)).toFixed(3)}`);
