/**
 * Incident text is untrusted. Unicode tag characters (U+E0000–U+E007F) carry hidden text that a model
 * reads but a font does not draw (the attack the study paper describes in section VII-A); bidi controls
 * reorder what is shown; other default-ignorable characters (zero-width spaces and joiners, invisible
 * operators, Hangul fillers, variation selectors) are drawn as nothing. These functions split text so a
 * reader can show every such character visibly.
 *
 * What counts as hidden comes from Unicode's own properties, not a hand list: Default_Ignorable_Code_Point,
 * Bidi_Control, the tag block, and the interlinear annotation controls U+FFF9–U+FFFB (invisible, though not
 * default-ignorable). Emoji are the exception: a ZWJ joining two emoji ("👨‍👩‍👧‍👦"), one VS15/VS16 after a
 * character with an emoji presentation ("❤️"), a keycap ("1️⃣") and the RGI subdivision flags ("🏴󠁧󠁢󠁥󠁮󠁧󠁿") are
 * part of what is drawn. A variation selector anywhere else, or a second one in a row, is hidden.
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'hidden'; codePoint: number; label: string };

const HIDDEN_CLASS = String.raw`[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\u{E0000}-\u{E007F}\u{FFF9}-\u{FFFB}]`;
/** One emoji in a ZWJ sequence: a pictograph, a skin tone, an emoji presentation selector. */
const EMOJI_ELEMENT = String.raw`\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?`;
/** Emoji sequences whose invisible characters are part of the picture, tried before a character is called hidden. */
const EMOJI_SEQUENCE = [
  `${EMOJI_ELEMENT}(?:\\u200D${EMOJI_ELEMENT})+`,
  // England, Scotland, Wales: the only tag sequences that are emoji; any other tag run is hidden text.
  String.raw`\u{1F3F4}\u{E0067}\u{E0062}(?:\u{E0065}\u{E006E}\u{E0067}|\u{E0073}\u{E0063}\u{E0074}|\u{E0077}\u{E006C}\u{E0073})\u{E007F}`,
  String.raw`[0-9#*]\uFE0F\u20E3`,
  // A keycap base takes VS16 only inside a keycap; "1\uFE0F" alone is a digit with a hidden selector.
  String.raw`(?![0-9#*])\p{Emoji}[\uFE0E\uFE0F]`,
].join('|');

/** Any character that may be hidden: the quick test that most text fails. */
const MAY_HIDE = new RegExp(HIDDEN_CLASS, 'u');
/** Emoji sequences (group 1, skipped) or a hidden character (no group). */
const SCAN = new RegExp(`(${EMOJI_SEQUENCE})|${HIDDEN_CLASS}`, 'gu');
const ONE_HIDDEN = new RegExp(`^${HIDDEN_CLASS}$`, 'u');

const NAMES = new Map<number, string>([
  [0x00ad, 'SHY'],
  [0x034f, 'CGJ'],
  [0x061c, 'ALM'],
  [0x115f, 'HANGUL CHOSEONG FILLER'],
  [0x1160, 'HANGUL JUNGSEONG FILLER'],
  [0x17b4, 'KHMER VOWEL INHERENT AQ'],
  [0x17b5, 'KHMER VOWEL INHERENT AA'],
  [0x180e, 'MVS'],
  [0x200b, 'ZWSP'],
  [0x200c, 'ZWNJ'],
  [0x200d, 'ZWJ'],
  [0x200e, 'LRM'],
  [0x200f, 'RLM'],
  [0x202a, 'LRE'],
  [0x202b, 'RLE'],
  [0x202c, 'PDF'],
  [0x202d, 'LRO'],
  [0x202e, 'RLO'],
  [0x2060, 'WJ'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x2066, 'LRI'],
  [0x2067, 'RLI'],
  [0x2068, 'FSI'],
  [0x2069, 'PDI'],
  [0x206a, 'ISS'],
  [0x206b, 'ASS'],
  [0x206c, 'IAFS'],
  [0x206d, 'AAFS'],
  [0x206e, 'NADS'],
  [0x206f, 'NODS'],
  [0x3164, 'HANGUL FILLER'],
  [0xfeff, 'BOM'],
  [0xffa0, 'HALFWIDTH HANGUL FILLER'],
  [0xfff9, 'INTERLINEAR ANNOTATION ANCHOR'],
  [0xfffa, 'INTERLINEAR ANNOTATION SEPARATOR'],
  [0xfffb, 'INTERLINEAR ANNOTATION TERMINATOR'],
]);

function shortName(codePoint: number): string {
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) {
    const ascii = codePoint - 0xe0000;
    return ascii >= 0x20 && ascii < 0x7f ? `TAG '${String.fromCharCode(ascii)}'` : 'TAG';
  }
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return `VS${codePoint - 0xfe00 + 1} (variation selector)`;
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return `VS${codePoint - 0xe0100 + 17} (variation selector)`;
  if (codePoint >= 0x180b && codePoint <= 0x180f && codePoint !== 0x180e) return `FVS${codePoint === 0x180f ? 4 : codePoint - 0x180b + 1} (variation selector)`;
  return NAMES.get(codePoint) ?? 'invisible';
}

/** The marker for a character that may be hidden ("U+202E RLO", "U+E0041 TAG 'A'"), or null for any other. */
export function hiddenCharacterLabel(codePoint: number): string | null {
  if (!ONE_HIDDEN.test(String.fromCodePoint(codePoint))) return null;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} ${shortName(codePoint)}`;
}

export function segmentHiddenText(text: string): TextSegment[] {
  if (!MAY_HIDE.test(text)) return text === '' ? [] : [{ kind: 'text', text }];
  const out: TextSegment[] = [];
  let plainFrom = 0;
  SCAN.lastIndex = 0;
  for (let m = SCAN.exec(text); m !== null; m = SCAN.exec(text)) {
    if (m[1] !== undefined) continue; // an emoji: stays in the text around it
    if (m.index > plainFrom) out.push({ kind: 'text', text: text.slice(plainFrom, m.index) });
    const codePoint = m[0].codePointAt(0)!;
    out.push({ kind: 'hidden', codePoint, label: hiddenCharacterLabel(codePoint)! });
    plainFrom = m.index + m[0].length;
  }
  if (plainFrom < text.length) out.push({ kind: 'text', text: text.slice(plainFrom) });
  return out;
}

export function countHiddenCharacters(text: string): number {
  // Runs on every imported record: one regular-expression test rules out the usual text with nothing
  // hidden; only text holding a candidate is scanned for the emoji around it.
  if (!MAY_HIDE.test(text)) return 0;
  SCAN.lastIndex = 0;
  let count = 0;
  for (let m = SCAN.exec(text); m !== null; m = SCAN.exec(text)) if (m[1] === undefined) count++;
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

/**
 * Text with every hidden character written as a visible marker (⟦label⟧): for places that hold only plain text
 * (an option of a select, a text to copy into a paper), where VisibleText's markup cannot go.
 */
export function visibleTextString(text: string): string {
  if (!MAY_HIDE.test(text)) return text;
  return segmentHiddenText(text)
    .map((s) => (s.kind === 'text' ? s.text : `⟦${s.label}⟧`))
    .join('');
}

// Finding control characters is this pattern's purpose, so the rule against them in patterns does not apply.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Control characters (C0 but tab, line feed and carriage return, DEL, C1) written as markers such as ⟦U+001B⟧: text from incidents
 * and other people's files may hold escape sequences that would drive a terminal or confuse a document.
 */
export function markControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}
