import { describe, expect, it } from 'vitest';
import { fileStem, shortInstant } from './fileNames.ts';

describe('file names from study names', () => {
  it('keeps letters, digits, dots, dashes and underscores; any other run becomes one dash', () => {
    expect(fileStem('Études GenAI 2024')).toBe('Études-GenAI-2024');
    expect(fileStem('../../etc/passwd')).toBe('..-..-etc-passwd');
    expect(fileStem('a\u202Eb\u{E0041}c')).toBe('a-b-c');
  });
  it('writes an instant to the second', () => {
    expect(shortInstant('2024-06-01T12:34:56.789Z')).toBe('2024-06-01 12:34:56 UTC');
  });
});
