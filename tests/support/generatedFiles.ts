import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';

/**
 * The files the reader tests write rather than keep as fixtures (test-only helpers, Node side): the CLI's readers at
 * scale, the e2e imports at scale and bench:readers all make their big files here, so they read the same shapes.
 */

export const MIB = 1024 * 1024;

/** A size in MiB with one decimal, for the console lines the memory tests print. */
export const mib = (bytes: number) => (bytes / MIB).toFixed(1);

/** Writes text produced piece by piece through a stream, so a 200 MB file is never one string in the test either; returns its size. */
export async function writeStreamed(path: string, pieces: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

const ONE_LINE_BYTES = 200 * 1000 * 1000;

/** A ~200 MB file that is one line: `head`, then `unit` repeated in 1 MiB pieces, then `tail`. Feed it to writeStreamed. */
export function* oneLine(head: string, unit: string, tail: string): Generator<string> {
  yield head;
  const piece = unit.repeat(Math.ceil(MIB / unit.length));
  for (let written = head.length; written < ONE_LINE_BYTES; written += piece.length) yield piece;
  yield tail;
}

/** The id of the short row at `i` (0-based): `INC-000123`. */
export const shortId = (i: number) => `INC-${String(i).padStart(6, '0')}`;

/**
 * `INC-000123,Database outage` rows under `id,title`. A stray row's title is `Disk 5" replaced`, a quote in an
 * unquoted field: the row at `strayAt` (0-based), and every row whose index is a multiple of `strayEvery`.
 */
export function shortRowsCsv(rows: number, stray: { strayAt?: number; strayEvery?: number } = {}): string {
  const { strayAt, strayEvery } = stray;
  const lines = ['id,title'];
  for (let i = 0; i < rows; i++) {
    const isStray = i === strayAt || (strayEvery !== undefined && i % strayEvery === 0);
    lines.push(`${shortId(i)},${isStray ? 'Disk 5" replaced' : 'Database outage'}`);
  }
  return `${lines.join('\n')}\n`;
}
