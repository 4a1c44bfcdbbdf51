import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.ts';
import type { InspectReport } from './inspect.ts';
import { IMPORT_LIMITS } from '../../shared/import/limits.ts';
import { HEAD_BYTES, inspectSource, READ_BYTES, type ByteSource } from '../../shared/import/stream.ts';
import { MIB, mib, oneLine, shortRowsCsv, writeStreamed } from '../../tests/support/generatedFiles.ts';

/**
 * The readers at the sizes and shapes real files come in, through the CLI's `inspect` (the same streaming loop
 * the app's import worker runs): hundreds of thousands of rows, a stray quote, a 200 MB file that is one line,
 * column names that are Object.prototype members, a record nested 5,000 deep, bad bytes far into a file, and
 * mixed line endings. Every expectation is derived here from the file the test writes.
 */

const dir = mkdtempSync(join(tmpdir(), 'readers-at-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(path: string): Promise<{ code: number; report: InspectReport }> {
  const result = await runCli(['inspect', path, '--json']);
  return { code: result.code, report: JSON.parse(result.stdout) as InspectReport };
}

/** Peak RSS and heap of this process while `run` runs, sampled every 20 ms (and once at the end). */
async function measurePeakMemory<T>(run: () => Promise<T>): Promise<{ result: T; startRss: number; peakRss: number; startHeap: number; peakHeap: number }> {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await run();
    sample();
    return { result, startRss: start.rss, peakRss, startHeap: start.heapUsed, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

/** A file on disk as the byte source the mapping screen's head read takes. */
function fileSource(path: string): { source: ByteSource; close: () => void } {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    source: {
      size,
      read: async (offset, length) => {
        const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, offset));
      },
    },
    close: () => closeSync(fd),
  };
}

const LIMIT_TEXT = `${IMPORT_LIMITS.recordChars / MIB} MiB limit`;

describe('readers at scale, through `workbench inspect`', () => {
  it('reads 300,000 short rows, every one of them valid', async () => {
    const path = join(dir, 'short-rows.csv');
    writeFileSync(path, shortRowsCsv(300_000));
    const { code, report } = await inspect(path);
    expect(code).toBe(0);
    expect(report).toMatchObject({ format: 'csv', total: 300_000, valid: 300_000, invalid: 0, errors: [], warnings: [] });
    expect(report.sample.map((i) => [i.id, i.title])).toEqual(Array.from({ length: 5 }, (_, i) => [`INC-${String(i).padStart(6, '0')}`, 'Database outage']));
  }, 60_000);

  it('a stray quote in an unquoted field is text, and every row around it is read', async () => {
    const plain = join(dir, 'plain.csv');
    const stray = join(dir, 'stray-quote.csv');
    // The quote sits in the third row, so every row after it is read after the quote: the worst place for a reader
    // that would look for its closing quote.
    writeFileSync(plain, shortRowsCsv(300_000));
    writeFileSync(stray, shortRowsCsv(300_000, { strayAt: 2 }));
    // Its speed against the file without the quote is measured by `npm run bench:readers`, not here.
    const withoutQuote = await inspect(plain);
    const withQuote = await inspect(stray);
    expect(withQuote.report).toMatchObject({ total: 300_000, valid: 300_000, invalid: 0, errors: [] });
    expect(withQuote.report.sample[2]).toMatchObject({ id: 'INC-000002', title: 'Disk 5" replaced' });
    expect(withoutQuote.report.valid).toBe(300_000);
  }, 120_000);

  it('a 200 MB CSV with no line break is refused by its header, naming the limit, in bounded memory', async () => {
    const path = join(dir, 'one-line.csv');
    const size = await writeStreamed(path, oneLine('id,title,', 'abcdefgh,', ''));
    const { result, startRss, peakRss, startHeap, peakHeap } = await measurePeakMemory(() => inspect(path));
    console.log(`one-line CSV of ${mib(size)} MiB: peak RSS ${mib(peakRss)} MiB (start ${mib(startRss)} MiB, +${mib(peakRss - startRss)} MiB), peak heap ${mib(peakHeap)} MiB (start ${mib(startHeap)} MiB)`);
    expect(result.code).toBe(1);
    expect(result.report).toMatchObject({ total: 0, valid: 0 });
    expect(result.report.errors).toEqual([{ row: 0, field: '(header)', message: expect.stringContaining(LIMIT_TEXT) }]);
    // The file holds no quote at all: its first line is simply never ended, and the message must not blame a quote.
    expect(result.report.errors[0]!.message).not.toMatch(/quote/i);
    expect(peakRss - startRss).toBeLessThan(300 * MIB);

    // The mapping screen reads only the head of the file: it must say why there is nothing to preview too.
    const file = fileSource(path);
    try {
      const head = await inspectSource(file.source, { fileName: 'one-line.csv' });
      expect(head.sample).toEqual([]);
      expect(head.errors).toEqual([expect.objectContaining({ file: 'one-line.csv', row: 0, field: '(header)', message: expect.stringContaining(LIMIT_TEXT) })]);
      expect(head.errors[0]!.message).not.toMatch(/quote/i);
    } finally {
      file.close();
    }
    rmSync(path);
  }, 120_000);

  it('a 200 MB JSON Lines file of one line is refused by its line, naming the limit, in bounded memory', async () => {
    const path = join(dir, 'one-line.jsonl');
    const size = await writeStreamed(path, oneLine('{"id":"L-1","title":"', 'abcdefgh', '"}'));
    const { result, startRss, peakRss, startHeap, peakHeap } = await measurePeakMemory(() => inspect(path));
    console.log(`one-line JSON Lines of ${mib(size)} MiB: peak RSS ${mib(peakRss)} MiB (start ${mib(startRss)} MiB, +${mib(peakRss - startRss)} MiB), peak heap ${mib(peakHeap)} MiB (start ${mib(startHeap)} MiB)`);
    expect(result.code).toBe(1);
    // The one line is a record read and refused: it counts among the rows, as an invalid one.
    expect(result.report).toMatchObject({ total: 1, valid: 0, invalid: 1 });
    expect(result.report.errors).toEqual([{ row: 1, field: '(line)', message: expect.stringContaining(LIMIT_TEXT) }]);
    expect(peakRss - startRss).toBeLessThan(300 * MIB);

    const file = fileSource(path);
    try {
      const head = await inspectSource(file.source, { fileName: 'one-line.jsonl' });
      expect(head.sample).toEqual([]);
      expect(head.errors).toEqual([expect.objectContaining({ file: 'one-line.jsonl', row: 1, field: '(line)', message: expect.stringContaining(LIMIT_TEXT) })]);
    } finally {
      file.close();
    }
    rmSync(path);
  }, 120_000);

  it('keeps columns called constructor, toString and __proto__ in the raw record', async () => {
    const path = join(dir, 'prototype-columns.csv');
    writeFileSync(path, 'id,title,constructor,toString,__proto__\nP-1,Columns named like Object members,made by,as text,not a prototype\n');
    const { code, report } = await inspect(path);
    expect(code).toBe(0);
    expect(report).toMatchObject({ total: 1, valid: 1, errors: [] });
    const raw = report.sample[0]!.raw as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(['id', 'title', 'constructor', 'toString', '__proto__']);
    expect(raw.constructor).toBe('made by');
    expect(raw.toString).toBe('as text');
    expect(Object.getOwnPropertyDescriptor(raw, '__proto__')?.value).toBe('not a prototype');
    expect(report.sample[0]).toMatchObject({ id: 'P-1', title: 'Columns named like Object members' });
  });

  it('refuses a record nested 5,000 levels deep, and only that one', async () => {
    const path = join(dir, 'deep.json');
    const deep = `${'{"next":'.repeat(5000)}null${'}'.repeat(5000)}`;
    writeFileSync(path, `[{"id":"N-1","title":"Before the deep one"},{"id":"N-2","title":"Deep","details":${deep}},{"id":"N-3","title":"After the deep one"}]`);
    const { code, report } = await inspect(path);
    expect(code).toBe(0);
    expect(report).toMatchObject({ total: 3, valid: 2, invalid: 1 });
    expect(report.errors).toEqual([{ row: 2, field: '(record)', message: expect.stringContaining(`${IMPORT_LIMITS.depth} levels`) }]);
    expect(report.sample.map((i) => i.id)).toEqual(['N-1', 'N-3']);
  });

  it('reports invalid UTF-8 past the first 256 KiB by byte offset, and keeps the rows', async () => {
    const { bytes, badOffsets, rows } = utf8WithBadBytes([
      { offset: 300 * 1024, bytes: [0xff] },
      // A lead byte that ends one 2 MiB read, followed by a byte that cannot continue it at the start of the next.
      { offset: READ_BYTES - 1, bytes: [0xe2] },
      { offset: 3 * MIB, bytes: [0xc0] },
    ]);
    expect(badOffsets[0]).toBeGreaterThan(HEAD_BYTES);
    const path = join(dir, 'bad-bytes.csv');
    writeFileSync(path, bytes);
    const { code, report } = await inspect(path);
    expect(code).toBe(0);
    expect(report).toMatchObject({ total: rows, valid: rows, invalid: 0 });
    const encoding = report.errors.filter((e) => e.field === '(encoding)');
    expect(encoding).toHaveLength(badOffsets.length);
    expect(report.errors).toHaveLength(badOffsets.length);
    badOffsets.forEach((offset, i) => {
      const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
      let line = 1;
      for (let k = 0; k < offset; k++) if (bytes[k] === 0x0a) line++;
      expect(encoding[i]).toMatchObject({ row: 0, message: expect.stringContaining(`line ${line}, byte offset ${offset}: byte 0x${byte} is not valid`) });
    });
  });

  it('reads LF, CR LF and lone CR in one file as one record per line, in CSV and JSON Lines', async () => {
    const titles = ['first', 'second', 'third', 'fourth'];
    const endings = ['\r', '\n', '\r\n', '\r'];
    const csv = join(dir, 'mixed.csv');
    writeFileSync(csv, `id,title\r\n${titles.map((t, i) => `M-${i + 1},${t}${endings[i]}`).join('')}`);
    const jsonl = join(dir, 'mixed.jsonl');
    writeFileSync(jsonl, titles.map((t, i) => `${JSON.stringify({ id: `M-${i + 1}`, title: t })}${endings[i]}`).join(''));
    for (const path of [csv, jsonl]) {
      const { report } = await inspect(path);
      expect(report).toMatchObject({ total: titles.length, valid: titles.length, errors: [] });
      expect(report.sample.map((i) => [i.id, i.title])).toEqual(titles.map((t, i) => [`M-${i + 1}`, t]));
    }
  });
});

/**
 * A UTF-8 CSV (its rows hold "ü", so it reads as UTF-8) with the given bad bytes at exactly the given offsets, each
 * inside a row's title; returns the bytes, the offsets and the number of data rows.
 */
function utf8WithBadBytes(bad: Array<{ offset: number; bytes: number[] }>): { bytes: Buffer; badOffsets: number[]; rows: number } {
  const parts: Buffer[] = [];
  let length = 0;
  let rows = 0;
  const add = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  const rowsUpTo = (target: number) => {
    while (length + 128 < target) add(Buffer.from(`U-${++rows},Zürich gateway timeout ${rows}\n`));
  };
  add(Buffer.from('id,title\n'));
  for (const { offset, bytes } of bad) {
    rowsUpTo(offset);
    add(Buffer.from(`U-${++rows},`));
    add(Buffer.alloc(offset - length, 'a'));
    add(Buffer.from(bytes));
    add(Buffer.from(' replaced\n'));
  }
  rowsUpTo(length + 64 * 1024);
  return { bytes: Buffer.concat(parts), badOffsets: bad.map((b) => b.offset), rows };
}
