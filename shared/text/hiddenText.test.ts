import { describe, expect, it } from 'vitest';
import { countHiddenCharacters, decodeTagText, hiddenCharacterLabel, segmentHiddenText, visibleTextString } from './hiddenText.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

describe('hidden text', () => {
  const tagged = `ok${String.fromCodePoint(0xe0048, 0xe0049)}!`;

  it('splits out each tag character with a visible label', () => {
    expect(segmentHiddenText(tagged)).toEqual([
      { kind: 'text', text: 'ok' },
      { kind: 'hidden', codePoint: 0xe0048, label: "U+E0048 TAG 'H'" },
      { kind: 'hidden', codePoint: 0xe0049, label: "U+E0049 TAG 'I'" },
      { kind: 'text', text: '!' },
    ]);
    expect(decodeTagText(tagged)).toBe('HI');
  });

  it('flags bidi and zero-width controls', () => {
    expect(countHiddenCharacters('a\u202Eb\u200Bc\u2066d')).toBe(3);
    expect(segmentHiddenText('\u202E')[0]).toEqual({ kind: 'hidden', codePoint: 0x202e, label: 'U+202E RLO' });
  });

  it('finds the invisible characters a hand list missed: operators, fillers, selectors, annotation controls', () => {
    const codePoints = [
      ...range(0x2061, 0x2064),
      ...range(0x206a, 0x206f),
      0x180e,
      0x3164,
      0x115f,
      0x034f,
      ...range(0xfe00, 0xfe0f),
      ...range(0xe0100, 0xe01ef),
      ...range(0xfff9, 0xfffb),
      ...range(0xe0000, 0xe007f),
      0x061c,
      0x00ad,
      0xfeff,
    ];
    for (const cp of codePoints) {
      const text = `x${String.fromCodePoint(cp)}y`;
      expect(countHiddenCharacters(text), hex(cp)).toBe(1);
      const hidden = segmentHiddenText(text).filter((s) => s.kind === 'hidden');
      expect(hidden, hex(cp)).toHaveLength(1);
      expect(hidden[0]!.label.startsWith(`${hex(cp)} `), hidden[0]!.label).toBe(true);
    }
    expect(countHiddenCharacters(codePoints.map((cp) => String.fromCodePoint(cp)).join(''))).toBe(codePoints.length);
    expect(hiddenCharacterLabel(0xfe0f)).toBe('U+FE0F VS16 (variation selector)');
    expect(hiddenCharacterLabel(0xe0100)).toBe('U+E0100 VS17 (variation selector)');
    expect(hiddenCharacterLabel(0x2062)).toBe('U+2062 INVISIBLE TIMES');
    expect(hiddenCharacterLabel(0x2065)).toBe('U+2065 invisible');
  });

  it('leaves emoji sequences alone: ZWJ families, presentation selectors, keycaps, skin tones, flags', () => {
    const emoji = ['👨‍👩‍👧‍👦', '❤️', '1️⃣', '#️⃣', '👍🏽', '🏳️‍🌈', '👩🏽‍💻', '🏃‍♀️', '❤️‍🔥', '👁️‍🗨️', '↔︎', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🇺🇸'];
    for (const e of emoji) {
      expect(countHiddenCharacters(e), e).toBe(0);
      expect(segmentHiddenText(`a${e}b`), e).toEqual([{ kind: 'text', text: `a${e}b` }]);
    }
    const incident = `Status: ${Array.from({ length: 20 }, (_, i) => emoji[i % 3 === 0 ? 0 : i % 3 === 1 ? 5 : 6]).join(' and ')} — all fine.`;
    expect(incident.split('\u200D').length - 1).toBeGreaterThanOrEqual(20);
    expect(countHiddenCharacters(incident)).toBe(0);
  });

  it('flags a variation selector or joiner outside an emoji, and every selector after the first', () => {
    expect(countHiddenCharacters('a\uFE0F')).toBe(1);
    expect(segmentHiddenText('a\uFE0F')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'hidden', codePoint: 0xfe0f, label: 'U+FE0F VS16 (variation selector)' },
    ]);
    expect(countHiddenCharacters('❤\uFE0F\uFE0F\uFE0F')).toBe(2);
    expect(countHiddenCharacters('1\uFE0F')).toBe(1); // a digit takes VS16 only as a keycap
    expect(countHiddenCharacters('\u200D👍')).toBe(1);
    expect(countHiddenCharacters('👍\u200D')).toBe(1);
    expect(countHiddenCharacters('a\u200Db')).toBe(1);
    expect(countHiddenCharacters('葛\u{E0100}')).toBe(1);
    // A black flag followed by any other tag text is the smuggling attack, not a subdivision flag.
    const smuggled = `🏴${[...'ignore'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')}\u{E007F}`;
    expect(countHiddenCharacters(smuggled)).toBe(7);
    expect(decodeTagText(smuggled)).toBe('ignore');
  });

  it('counts exactly the characters the labeller names, over every code point', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = String.fromCodePoint(cp);
      const count = countHiddenCharacters(text);
      if (count !== (hiddenCharacterLabel(cp) === null ? 0 : 1)) expect(count, hex(cp)).toBe(hiddenCharacterLabel(cp) === null ? 0 : 1);
    }
    for (const cp of [0x00ad, 0x200b, 0x3164, 0xe0041, 0xfff9]) {
      expect(segmentHiddenText(String.fromCodePoint(cp))).toEqual([{ kind: 'hidden', codePoint: cp, label: hiddenCharacterLabel(cp) }]);
    }
  });

  it('leaves ordinary text, emoji and accents alone', () => {
    expect(segmentHiddenText('Café 🚀 日本')).toEqual([{ kind: 'text', text: 'Café 🚀 日本' }]);
    expect(countHiddenCharacters('')).toBe(0);
    expect(segmentHiddenText('')).toEqual([]);
  });
});

describe('visibleTextString', () => {
  it('writes hidden characters as markers where only plain text can go, and leaves clean text as it is', () => {
    const rtl = '\u202eSvc\u202c';
    expect(visibleTextString(rtl)).toBe(`⟦${hiddenCharacterLabel(0x202e)}⟧Svc⟦${hiddenCharacterLabel(0x202c)}⟧`);
    expect(visibleTextString('API\u{E0041}')).toBe(`API⟦${hiddenCharacterLabel(0xe0041)}⟧`);
    expect(visibleTextString('plain API 👨‍👩‍👧')).toBe('plain API 👨‍👩‍👧');
  });
});
