import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonSyntaxError } from './jsonSyntaxError.ts';

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => findJsonSyntaxError(JSON.stringify(value, null, 1)) === null));
  });

  it('finds a fault exactly when JSON.parse refuses the text, in JSON with a few characters changed', () => {
    const edit = fc.tuple(fc.nat(), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'a', '1', '-', '.', 'e', ' ', '\n', 't', 'n', '\u0001', ''));
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(edit, { minLength: 1, maxLength: 3 }), (value, edits) => {
        let text = JSON.stringify(value);
        for (const [at, c] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + c + text.slice(i + 1);
        }
        const fault = findJsonSyntaxError(text);
        expect(fault === null, text).toBe(isJson(text));
        if (fault !== null) expect(fault.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the line and column of the fault, and says when the text ends early', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n}')).toEqual({ offset: 12, line: 3, column: 1, reason: 'unexpected "}"' });
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ offset: 6, line: 1, column: 7, reason: 'unexpected "t"' });
    expect(findJsonSyntaxError('[1, 2')).toEqual({ offset: 5, line: 1, column: 6, reason: 'the text ends before the JSON does' });
    expect(findJsonSyntaxError('{"a": "x\ny"}')).toMatchObject({ line: 1, column: 9, reason: 'unexpected "\\n"' });
  });

  it('scans a million open brackets without overflowing the stack', () => {
    expect(findJsonSyntaxError('['.repeat(1_000_000))).toMatchObject({ offset: 1_000_000, reason: 'the text ends before the JSON does' });
  });
});
