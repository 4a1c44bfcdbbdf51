/**
 * Incident text is untrusted. Unicode tag characters (U+E0000–U+E007F) carry hidden text that a model
 * reads but a font does not draw (the attack the study paper describes in section VII-A); bidi controls
 * reorder what is shown. These functions split text so a reader can show every such character visibly.
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'hidden'; codePoint: number; label: string };

const BIDI_NAMES: Record<number, string> = {
  0x061c: 'ALM',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
};
const INVISIBLE_NAMES: Record<number, string> = {
  0x00ad: 'SHY',
  0x200b: 'ZWSP',
  0x200c: 'ZWNJ',
  0x200d: 'ZWJ',
  0x2060: 'WJ',
  0xfeff: 'BOM',
};

export function hiddenCharacterLabel(codePoint: number): string | null {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) {
    const ascii = codePoint - 0xe0000;
    const shown = ascii >= 0x20 && ascii < 0x7f ? ` '${String.fromCharCode(ascii)}'` : '';
    return `${hex} TAG${shown}`;
  }
  const bidi = BIDI_NAMES[codePoint];
  if (bidi) return `${hex} ${bidi}`;
  const invisible = INVISIBLE_NAMES[codePoint];
  if (invisible) return `${hex} ${invisible}`;
  return null;
}

export function segmentHiddenText(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let plain = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const label = hiddenCharacterLabel(cp);
    if (label === null) {
      plain += ch;
      continue;
    }
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
    out.push({ kind: 'hidden', codePoint: cp, label });
  }
  if (plain !== '') out.push({ kind: 'text', text: plain });
  return out;
}

/** Every character hiddenCharacterLabel names; kept in step with it by a test. */
const HIDDEN = /[\u{E0000}-\u{E007F}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

export function countHiddenCharacters(text: string): number {
  // Runs on every imported record: a regular expression, not a walk over every code point.
  HIDDEN.lastIndex = 0;
  let count = 0;
  while (HIDDEN.exec(text) !== null) count++;
  return count;
}

/** What the hidden tag characters spell, e.g. an injected instruction. */
export function decodeTagText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out;
}
