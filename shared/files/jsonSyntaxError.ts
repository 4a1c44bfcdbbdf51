/**
 * Where a text stops being JSON. JSON.parse says so in words that differ between engines (Node, Electron's
 * Chromium, Firefox) and only sometimes with a position, so the file pipeline finds the place itself, once
 * JSON.parse has refused the text. One pass, no recursion: a deeply nested file cannot overflow the stack.
 */

export interface JsonSyntaxError {
  /** 0-based offset of the first character that cannot be there, or the text's length when it ends too early. */
  offset: number;
  /** 1-based line and column of that offset (a column counts UTF-16 code units, as editors mostly do). */
  line: number;
  column: number;
  /** What is wrong there, in words: `unexpected "}"` or `the text ends before the JSON does`. */
  reason: string;
}

// JSON strings may not hold raw control characters (U+0000–U+001F), so the pattern names them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

// The scanners below return the offset just past what they read, or -(offset + 1) of the character they stop at.

/** The string starting at the quote at `at`: the pattern reads its valid prefix, so a closing quote must follow. */
function stringEnd(text: string, at: number): number {
  STRING.lastIndex = at;
  STRING.exec(text);
  const stop = STRING.lastIndex;
  return text[stop] === '"' ? stop + 1 : -stop - 1;
}

function scalarEnd(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
    NUMBER.lastIndex = at;
    return NUMBER.exec(text) === null ? -at - 1 : NUMBER.lastIndex;
  }
  const literal = LITERALS.find((word) => text.startsWith(word, at));
  return literal === undefined ? -at - 1 : at + literal.length;
}

function located(text: string, offset: number): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  const reason = offset >= text.length ? 'the text ends before the JSON does' : `unexpected ${JSON.stringify(text[offset])}`;
  return { offset, line, column: offset - lineStart + 1, reason };
}

/** The first place `text` is not JSON, or null when it is JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const open: Array<'{' | '['> = [];
  let state: 'value' | 'key' | 'after' = 'value';
  let i = 0;
  const skipSpace = () => {
    while (isSpace(text[i])) i++;
  };
  for (;;) {
    skipSpace();
    if (state === 'after') {
      const container = open[open.length - 1];
      if (container === undefined) return i === text.length ? null : located(text, i);
      const c = text[i];
      if (c === ',') {
        i++;
        state = container === '{' ? 'key' : 'value';
      } else if ((container === '{' && c === '}') || (container === '[' && c === ']')) {
        open.pop();
        i++;
      } else return located(text, i);
      continue;
    }
    if (i >= text.length) return located(text, i);
    if (state === 'key') {
      if (text[i] !== '"') return located(text, i);
      const end = stringEnd(text, i);
      if (end < 0) return located(text, -end - 1);
      i = end;
      skipSpace();
      if (text[i] !== ':') return located(text, i);
      i++;
      state = 'value';
      continue;
    }
    const c = text[i];
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      skipSpace();
      if (text[i] === (c === '{' ? '}' : ']')) {
        open.pop();
        i++;
        state = 'after';
      } else state = c === '{' ? 'key' : 'value';
      continue;
    }
    const end = scalarEnd(text, i);
    if (end < 0) return located(text, -end - 1);
    i = end;
    state = 'after';
  }
}
