export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/**
 * The encoding of a file from its first bytes: a byte-order mark if there is one; UTF-16 without a BOM when
 * every other byte of ASCII-range text is zero; UTF-8 when the bytes decode as UTF-8, or when they hold any
 * well-formed multi-byte UTF-8 character (a UTF-8 file with a few broken bytes, which are then reported);
 * else Latin-1 (read as windows-1252, its superset, as browsers do).
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  return judgeEncoding(head).encoding;
}

/**
 * detectEncoding with the reason, for the user: a file taken for Latin-1 because it is not UTF-8 says so and
 * names the first byte that is not, so a UTF-8 file with a few broken bytes is not misread without a word.
 */
export function judgeEncoding(head: Uint8Array): { encoding: TextEncoding; note: string | null } {
  // A UTF-8 byte-order mark settles it, broken bytes or not.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', note: null };
  const utf16 = detectUtf16OrBom(head);
  if (utf16 !== 'utf-8') return { encoding: utf16, note: null };
  let firstBad = -1;
  let goodMultiByte = 0;
  walkUtf8(
    head,
    0,
    (index) => {
      if (firstBad === -1) firstBad = index;
    },
    () => goodMultiByte++,
  );
  if (firstBad === -1) return { encoding: 'utf-8', note: null };
  // Well-formed multi-byte characters do not happen by chance in Latin-1 text: a file that has them is UTF-8
  // with some broken bytes (reported as they are read), not Latin-1.
  if (goodMultiByte > 0) return { encoding: 'utf-8', note: `Read as UTF-8, though byte 0x${head[firstBad]!.toString(16).toUpperCase()} at offset ${firstBad} is not valid UTF-8: such bytes are reported row by row.` };
  return { encoding: 'windows-1252', note: `Read as Latin-1 (Windows-1252): byte 0x${head[firstBad]!.toString(16).toUpperCase()} at offset ${firstBad} is not valid UTF-8. Choose UTF-8 if the file should be UTF-8.` };
}

/** UTF-16 by its byte-order mark or by its zero bytes; 'utf-8' when neither (to be checked further). */
function detectUtf16OrBom(head: Uint8Array): TextEncoding {
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
  return 'utf-8';
}

/** Bytes of a UTF-8 sequence led by `lead`, and the range its second byte must fall in (no overlongs, no surrogates); null for a byte that cannot lead. */
function sequenceOf(lead: number): { length: number; min: number; max: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, min: 0x80, max: 0xbf };
  if (lead === 0xe0) return { length: 3, min: 0xa0, max: 0xbf };
  if (lead === 0xed) return { length: 3, min: 0x80, max: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, min: 0x80, max: 0xbf };
  if (lead === 0xf0) return { length: 4, min: 0x90, max: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, min: 0x80, max: 0xbf };
  if (lead === 0xf4) return { length: 4, min: 0x80, max: 0x8f };
  return null;
}

/**
 * Walks bytes as UTF-8: calls `bad` with the index of each byte that starts an ill-formed sequence, and returns
 * where an incomplete sequence at the end begins (bytes.length when there is none).
 */
function walkUtf8(bytes: Uint8Array, from: number, bad: (index: number) => void, good?: () => void): number {
  let i = from;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const seq = sequenceOf(lead);
    if (seq === null) {
      bad(i++);
      continue;
    }
    let n = 1;
    while (n < seq.length && i + n < bytes.length) {
      const b = bytes[i + n]!;
      const ok = n === 1 ? b >= seq.min && b <= seq.max : b >= 0x80 && b <= 0xbf;
      if (!ok) break;
      n++;
    }
    if (n === seq.length) {
      good?.();
      i += n;
    } else if (i + n === bytes.length) return i; // cut by the end of the chunk
    else {
      bad(i);
      i += n;
    }
  }
  return bytes.length;
}

/** Line breaks in bytes[from, to): each LF, and each CR not followed by a LF (old Mac files). */
function lineBreaksIn(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = bytes.indexOf(10, from); i !== -1 && i < to; i = bytes.indexOf(10, i + 1)) count++;
  for (let i = bytes.indexOf(13, from); i !== -1 && i < to; i = bytes.indexOf(13, i + 1)) if (bytes[i + 1] !== 10) count++;
  return count;
}

/** A byte sequence the file's encoding cannot decode; it reads as U+FFFD and is reported. */
export interface EncodingProblem {
  byteOffset: number;
  byte: number;
  /** 1-based line of the file the byte is on. */
  line: number;
}

export interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  end(): string;
  /** Ill-formed UTF-8 found since the last call (always none for the other encodings, which decode every byte). */
  takeProblems(): EncodingProblem[];
}

/**
 * Decodes bytes arriving in chunks; characters split across chunks are kept whole; a BOM is dropped. UTF-8 is
 * checked: only a chunk whose text holds U+FFFD is walked byte by byte, so clean files cost nothing extra.
 */
export function createChunkDecoder(encoding: TextEncoding): ChunkDecoder {
  const decoder = new TextDecoder(encoding);
  let offset = 0; // of the next chunk's first byte
  let breaksBefore = 0; // line breaks (LF, CR LF, lone CR) in the chunks decoded so far
  let crAtEnd = false; // the last chunk ended in a CR, which a LF next may make a CR LF
  let tail = new Uint8Array(0); // the last bytes of the previous chunk, where a character may have begun
  let problems: EncodingProblem[] = [];
  const check = (bytes: Uint8Array) => {
    const joined = new Uint8Array(tail.length + bytes.length);
    joined.set(tail);
    joined.set(bytes, tail.length);
    // Start at the tail's last lead byte, if it leads a sequence that runs into this chunk.
    let from = tail.length;
    for (let i = tail.length - 1; i >= 0; i--) {
      const seq = sequenceOf(tail[i]!);
      if (seq !== null) {
        if (i + seq.length > tail.length) from = i;
        break;
      }
      if (tail[i]! < 0x80) break;
    }
    const base = offset - tail.length;
    // Lines counted from this chunk's start (the tail's line breaks are in breaksBefore already).
    let lines = breaksBefore + (crAtEnd && bytes[0] !== 10 ? 1 : 0);
    let counted = tail.length;
    walkUtf8(joined, from, (index) => {
      lines += lineBreaksIn(joined, counted, index);
      counted = index;
      problems.push({ byteOffset: base + index, byte: joined[index]!, line: lines + 1 });
    });
  };
  return {
    decode(bytes) {
      const text = decoder.decode(bytes, { stream: true });
      if (encoding === 'utf-8' && text.indexOf('\uFFFD') !== -1) check(bytes);
      if (encoding === 'utf-8' || encoding === 'windows-1252') {
        // A CR that ended the last chunk was a line break unless this one starts with its LF.
        if (crAtEnd && bytes[0] !== 10) breaksBefore++;
        crAtEnd = bytes[bytes.length - 1] === 13;
        breaksBefore += lineBreaksIn(bytes, 0, crAtEnd ? bytes.length - 1 : bytes.length);
      }
      offset += bytes.length;
      // The last bytes of everything so far (not of this chunk alone: a character may span three small chunks).
      const joined = new Uint8Array(tail.length + bytes.length);
      joined.set(tail);
      joined.set(bytes, tail.length);
      tail = joined.slice(Math.max(0, joined.length - 3));
      return text;
    },
    end() {
      const text = decoder.decode();
      if (encoding === 'utf-8' && text.indexOf('\uFFFD') !== -1) {
        // The file ends inside a character.
        const start = walkUtf8(tail, 0, () => {});
        problems.push({ byteOffset: offset - tail.length + start, byte: tail[start] ?? 0, line: breaksBefore + (crAtEnd ? 1 : 0) + 1 });
      }
      return text;
    },
    takeProblems() {
      const out = problems;
      problems = [];
      return out;
    },
  };
}
