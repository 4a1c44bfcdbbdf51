export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of a file from its first bytes: a byte-order mark if there is one; UTF-16 without a BOM when
 * every other byte of ASCII-range text is zero; UTF-8 when the bytes decode as UTF-8; else Latin-1
 * (read as windows-1252, its superset, as browsers do).
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const half = sample.length / 2;
  if (half > 0 && oddZeros > half * 0.6 && evenZeros === 0) return 'utf-16le';
  if (half > 0 && evenZeros > half * 0.6 && oddZeros === 0) return 'utf-16be';
  try {
    // stream: true, so a character cut at the end of the sample is not taken for an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Decodes bytes arriving in chunks; characters split across chunks are kept whole; a BOM is dropped. */
export function createChunkDecoder(encoding: TextEncoding): { decode(bytes: Uint8Array): string; end(): string } {
  const decoder = new TextDecoder(encoding);
  return { decode: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}
