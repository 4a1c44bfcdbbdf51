/**
 * Cuts a JSON document into the units the import reads, as the text streams in, in time linear in the text:
 * - in a top-level array, each element;
 * - in a top-level object, each property's value, and for a property whose value is an array, each element
 *   of that array instead (Statuspage's {page, incidents: […]}), so a large list is never one unit.
 * Each unit's text is handed out whole for JSON.parse; a unit longer than `limit` characters is not kept: it
 * is reported (`oversized`) as soon as it passes the limit and the rest of it streams past unheld. Strings are
 * skipped with indexOf, so the scan touches structure, not content, character by character.
 */
export type JsonUnit =
  | { kind: 'element'; text: string }
  | { kind: 'property'; key: string; text: string }
  | { kind: 'listElement'; key: string; text: string }
  | { kind: 'oversized'; where: 'element' | 'property' | 'listElement'; key: string | null; chars: number };

export type JsonTop = '[' | '{';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

export class JsonUnitSplitter {
  private buf = '';
  private pos = 0;
  top: JsonTop | null = null;
  /** Set when the document cannot be read on: what is wrong. */
  problem: string | null = null;
  private depth = 0;
  private inString = false;
  /** A backslash ended the last chunk inside a string: the next character is escaped. */
  private escapePending = false;
  // The unit being read: where it starts in `buf` (-1 when it is being skipped), whether it is a scalar.
  private unitOpen = false;
  private unitStart = -1;
  private unitScalar = false;
  private unitChars = 0; // characters of a skipped unit dropped so far
  private skipping = false;
  // Inside a top-level object: the key being read, the last key, and whether a value comes next.
  private keyStart = -1;
  private key = '';
  private expectValue = false;
  /** The key of the array property whose elements are units, while inside it. */
  private listKey: string | null = null;
  private closed = false;
  private units: JsonUnit[] = [];

  constructor(private readonly limit: number) {}

  push(text: string): JsonUnit[] {
    if (this.problem !== null) return [];
    this.buf += text;
    this.scan(false);
    this.settle();
    return this.take();
  }

  end(): JsonUnit[] {
    if (this.problem === null) this.scan(true);
    return this.take();
  }

  /** The document ended where it should (the top-level value closed). */
  get complete(): boolean {
    return this.closed;
  }

  /** Depth at which units live: 1 (array elements, property values) or 2 (elements of a property's array). */
  private unitLevel(): number {
    return this.listKey !== null ? 2 : 1;
  }

  private take(): JsonUnit[] {
    const out = this.units;
    this.units = [];
    return out;
  }

  private where(): 'element' | 'property' | 'listElement' {
    return this.top === '[' ? 'element' : this.listKey !== null ? 'listElement' : 'property';
  }

  private openUnit(at: number, scalar: boolean): void {
    this.unitOpen = true;
    this.unitStart = at;
    this.unitScalar = scalar;
    this.unitChars = 0;
    this.skipping = false;
  }

  private closeUnit(end: number): void {
    const where = this.where();
    if (!this.skipping) {
      const text = this.buf.slice(this.unitStart, end).trim();
      if (text.length > this.limit) this.units.push({ kind: 'oversized', where, key: where === 'element' ? null : (this.listKey ?? this.key), chars: text.length });
      else if (where === 'element') this.units.push({ kind: 'element', text });
      else if (where === 'listElement') this.units.push({ kind: 'listElement', key: this.listKey!, text });
      else this.units.push({ kind: 'property', key: this.key, text });
    }
    this.unitOpen = false;
    this.unitStart = -1;
    this.skipping = false;
  }

  private fail(message: string): void {
    this.problem ??= message;
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let i = this.pos;
    // The next quote and backslash, each found once per stretch of text: a string is skipped without searching the
    // rest of the chunk again (a backslash-free document would otherwise be scanned once per string).
    let nextQuote = -2;
    let nextSlash = -2;
    const quoteFrom = (from: number) => {
      if (nextQuote !== -1 && nextQuote < from) nextQuote = buf.indexOf('"', from);
      return nextQuote;
    };
    const slashFrom = (from: number) => {
      if (nextSlash !== -1 && nextSlash < from) nextSlash = buf.indexOf('\\', from);
      return nextSlash;
    };
    while (i < len && this.problem === null) {
      if (this.inString) {
        if (this.escapePending) {
          this.escapePending = false;
          i += 1;
          continue;
        }
        const quote = quoteFrom(i);
        const slash = slashFrom(i);
        if (slash !== -1 && (quote === -1 || slash < quote)) {
          if (slash + 1 >= len) {
            this.escapePending = true;
            i = len;
          } else i = slash + 2;
          continue;
        }
        if (quote === -1) {
          i = len;
          continue;
        }
        this.inString = false;
        i = quote + 1;
        if (this.keyStart !== -1) {
          try {
            this.key = String(JSON.parse(buf.slice(this.keyStart, i)));
          } catch {
            this.key = buf.slice(this.keyStart + 1, i - 1);
          }
          this.keyStart = -1;
        }
        continue;
      }
      const ch = buf[i]!;
      if (WHITESPACE.has(ch)) {
        i += 1;
        continue;
      }
      if (this.closed) {
        this.fail(`has more after the end of the JSON document`);
        break;
      }
      if (this.top === null) {
        if (ch === '\uFEFF') {
          i += 1;
          continue;
        }
        if (ch !== '[' && ch !== '{') {
          this.fail('is not a JSON array or object');
          break;
        }
        this.top = ch;
        this.depth = 1;
        i += 1;
        continue;
      }
      const level = this.unitLevel();
      const atUnitLevel = this.depth === level;
      // In a top-level object, at depth 1 outside any unit: keys, colons and commas.
      if (this.top === '{' && this.depth === 1 && !this.unitOpen) {
        if (!this.expectValue) {
          if (ch === '"') {
            this.keyStart = i;
            this.inString = true;
            i += 1;
          } else if (ch === ':') {
            this.expectValue = true;
            i += 1;
          } else if (ch === ',') i += 1;
          else if (ch === '}') {
            this.depth = 0;
            this.closed = true;
            i += 1;
          } else {
            this.fail(`has "${ch}" where a property name should be`);
          }
          continue;
        }
        this.expectValue = false;
        if (ch === '[') {
          // An array property: its elements are the units.
          this.listKey = this.key;
          this.depth = 2;
          i += 1;
          continue;
        }
      }
      if (atUnitLevel && !this.unitOpen) {
        if (ch === ',') {
          i += 1;
          continue;
        }
        if (ch === ']' || ch === '}') {
          this.closeContainer(ch);
          i += 1;
          continue;
        }
        this.openUnit(i, ch !== '{' && ch !== '[' && ch !== '"');
        if (ch === '"') {
          this.unitScalar = true;
          this.inString = true;
          i += 1;
          continue;
        }
        if (this.unitScalar) {
          i += 1;
          continue;
        }
      }
      if (this.unitOpen && this.unitScalar && atUnitLevel) {
        // A number, true, false or null runs to the next comma or closing bracket.
        if (ch === ',' || ch === ']' || ch === '}') {
          this.closeUnit(i);
          continue;
        }
        if (ch === '"') {
          this.inString = true;
        }
        i += 1;
        continue;
      }
      if (ch === '"') {
        this.inString = true;
        i += 1;
        continue;
      }
      if (ch === '{' || ch === '[') {
        this.depth += 1;
        i += 1;
        continue;
      }
      if (ch === '}' || ch === ']') {
        this.depth -= 1;
        i += 1;
        if (this.unitOpen && this.depth === level) this.closeUnit(i);
        continue;
      }
      i += 1;
    }
    this.pos = final ? len : i;
  }

  /** A `]` or `}` at the level where units live closes the list or the document. */
  private closeContainer(ch: string): void {
    if (this.listKey !== null && ch === ']') {
      this.listKey = null;
      this.depth = 1;
    } else if (this.depth === 1) {
      this.depth = 0;
      this.closed = true;
    } else this.fail(`has a "${ch}" that closes nothing`);
  }

  /** Drops what is read and done with; past the limit, the open unit's text too. */
  private settle(): void {
    let keepFrom = this.pos;
    if (this.unitOpen && !this.skipping) keepFrom = this.unitStart;
    if (this.keyStart !== -1) {
      // A property name past the record limit is no name: the document cannot be read on (nothing is held).
      if (this.pos - this.keyStart > this.limit) {
        this.fail(`has a property name longer than the limit for one record`);
        this.keyStart = -1;
      } else keepFrom = Math.min(keepFrom, this.keyStart);
    }
    if (this.unitOpen && !this.skipping && this.pos - this.unitStart > this.limit) {
      // Reported now, so a reader that stops early still knows; the rest of the unit streams past.
      const where = this.where();
      this.units.push({ kind: 'oversized', where, key: where === 'element' ? null : (this.listKey ?? this.key), chars: this.pos - this.unitStart });
      this.skipping = true;
      keepFrom = this.pos;
    }
    if (keepFrom > 0) {
      this.buf = this.buf.slice(keepFrom);
      this.pos -= keepFrom;
      if (this.unitStart !== -1) this.unitStart -= keepFrom;
      if (this.keyStart !== -1) this.keyStart -= keepFrom;
    }
  }
}
