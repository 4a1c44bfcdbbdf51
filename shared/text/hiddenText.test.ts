import { describe, expect, it } from 'vitest';
import { countHiddenCharacters, decodeTagText, segmentHiddenText } from './hiddenText.ts';

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

  it('counts exactly the characters the labeller names, over the whole range around them', () => {
    for (let cp = 0; cp <= 0xe00ff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (cp > 0x3000 && cp < 0xe0000 && cp !== 0xfeff) continue;
      const text = String.fromCodePoint(cp);
      const labelled = segmentHiddenText(text).filter((s) => s.kind === 'hidden').length;
      expect(countHiddenCharacters(text), `U+${cp.toString(16)}`).toBe(labelled);
    }
  });

  it('leaves ordinary text, emoji and accents alone', () => {
    expect(segmentHiddenText('Café 🚀 日本')).toEqual([{ kind: 'text', text: 'Café 🚀 日本' }]);
    expect(countHiddenCharacters('')).toBe(0);
  });
});
