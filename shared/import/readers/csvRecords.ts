/**
 * Cuts a CSV stream into whole records, in time linear in the input, so each part can be handed to Papa Parse
 * and give the rows Papa gives for the whole file. It follows Papa's own rules for where a record ends:
 * - a quote opens a quoted field only at the start of a field; anywhere else it is text (`Disk 5" replaced`);
 * - inside a quoted field, `""` is a quote; a quote followed by optional white space and then the delimiter
 *   or a line break closes the field; any other quote is text (Papa reports it as malformed);
 * - a line break outside a quoted field ends the record.
 * Line breaks must already be LF (see lineEndings.ts). A record longer than `limit` characters is not kept:
 * it is reported as an `oversized` piece as soon as it passes the limit (so a reader that stops early still
 * knows), and only its undecided tail is held while the rest of it streams past.
 */
export type CsvPiece =
  | { kind: 'records'; text: string }
  /** `quoted`: the limit was passed inside a quoted field (a quote not yet closed), not merely on a line with no break. */
  | { kind: 'oversized'; chars: number; complete: boolean; quoted: boolean }
  /** Line breaks in text dropped with an oversized record, so the reader's file line numbers stay true. */
  | { kind: 'lines'; count: number };

function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let nl = text.indexOf('\n', from); nl !== -1 && nl < to; nl = text.indexOf('\n', nl + 1)) count++;
  return count;
}

type State = 'fieldStart' | 'unquoted' | 'quoted';

const isSpace = (ch: string) => ch !== '\n' && /\s/.test(ch);

export class CsvRecordSplitter {
  private buf = '';
  private pos = 0;
  private state: State = 'fieldStart';
  /** Start of the text not yet handed out, and end of the last whole record after it. */
  private emitFrom = 0;
  private goodEnd = 0;
  private recordStart = 0;
  private skipping = false;
  private pieces: CsvPiece[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly limit: number,
  ) {}

  push(text: string): CsvPiece[] {
    // Text with no line break and no quote, outside a quoted field, can neither end the open record nor change how it
    // is read: it only extends it. Appending it unscanned keeps a long record's growing buffer from being copied
    // (flattened by indexOf) once per chunk, which cost a 200 MB one-line file about 8 copies of the 16 MiB limit.
    if (text !== '' && this.state !== 'quoted' && this.pos === this.buf.length && text.indexOf('\n') === -1 && text.indexOf('"') === -1) {
      this.buf += text;
      this.pos = this.buf.length;
      this.state = text.endsWith(this.delimiter) ? 'fieldStart' : 'unquoted';
      return this.settle(false);
    }
    this.buf += text;
    this.scan(false);
    return this.settle(false);
  }

  end(): CsvPiece[] {
    this.scan(true);
    return this.settle(true);
  }

  /** A record ends at `end`: kept if within the limit, else reported (unless it was when skipping began) and dropped. */
  private recordEnd(end: number): void {
    const chars = end - this.recordStart;
    if (this.skipping || chars > this.limit) {
      if (!this.skipping) {
        this.flushGood();
        this.pieces.push({ kind: 'oversized', chars, complete: true, quoted: false });
      }
      this.pieces.push({ kind: 'lines', count: lineBreaksIn(this.buf, this.recordStart, end) });
      this.skipping = false;
      this.emitFrom = end;
    }
    this.goodEnd = end;
    this.recordStart = end;
  }

  private flushGood(): void {
    if (this.goodEnd > this.emitFrom) this.pieces.push({ kind: 'records', text: this.buf.slice(this.emitFrom, this.goodEnd) });
    this.emitFrom = Math.max(this.emitFrom, this.goodEnd);
  }

  private scan(final: boolean): void {
    const { delimiter } = this;
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    // The next quote at or after a position, found once per stretch: a file without quotes is scanned once.
    let nextQuote = buf.indexOf('"', pos);
    const quoteFrom = (from: number) => {
      if (nextQuote !== -1 && nextQuote < from) nextQuote = buf.indexOf('"', from);
      return nextQuote;
    };
    // Likewise the next line break: a long line of quoted fields is not searched again after each field.
    let nextNewline = buf.indexOf('\n', pos);
    const newlineFrom = (from: number) => {
      if (nextNewline !== -1 && nextNewline < from) nextNewline = buf.indexOf('\n', from);
      return nextNewline;
    };
    while (pos < len) {
      if (this.state === 'quoted') {
        const q = quoteFrom(pos);
        if (q === -1) {
          pos = len;
          break;
        }
        if (q + 1 === len) {
          // A quote that is the last character closes the field at the end of the file; mid-stream, wait.
          pos = final ? len : q;
          break;
        }
        if (buf[q + 1] === '"') {
          pos = q + 2;
          continue;
        }
        let j = q + 1;
        while (j < len && buf[j] !== delimiter && isSpace(buf[j]!)) j++;
        if (j === len) {
          pos = final ? len : q;
          break;
        }
        if (buf[j] === delimiter) {
          this.state = 'fieldStart';
          pos = j + 1;
        } else if (buf[j] === '\n') {
          this.state = 'fieldStart';
          pos = j + 1;
          this.recordEnd(pos);
        } else pos = q + 1; // a malformed quote is text; the field goes on
        continue;
      }
      if (this.state === 'fieldStart' && buf[pos] === '"') {
        this.state = 'quoted';
        pos += 1;
        continue;
      }
      const newline = newlineFrom(pos);
      const stop = newline === -1 ? len : newline;
      let quote = quoteFrom(pos);
      while (quote !== -1 && quote < stop && !(quote === pos ? this.state === 'fieldStart' : buf[quote - 1] === delimiter)) quote = quoteFrom(quote + 1);
      if (quote !== -1 && quote < stop) {
        this.state = 'quoted';
        pos = quote + 1;
        continue;
      }
      if (newline === -1) {
        this.state = buf[len - 1] === delimiter ? 'fieldStart' : 'unquoted';
        pos = len;
        break;
      }
      this.state = 'fieldStart';
      pos = newline + 1;
      this.recordEnd(pos);
    }
    this.pos = pos;
  }

  private settle(final: boolean): CsvPiece[] {
    if (final && (this.skipping || this.buf.length > this.recordStart)) this.recordEnd(this.buf.length);
    if (!this.skipping) this.flushGood();
    // Keep only the record still open.
    this.buf = this.buf.slice(this.emitFrom);
    this.pos -= this.emitFrom;
    this.recordStart -= this.emitFrom;
    this.emitFrom = 0;
    this.goodEnd = 0;
    if (!this.skipping && this.buf.length > this.limit) {
      this.skipping = true;
      this.pieces.push({ kind: 'oversized', chars: this.buf.length, complete: false, quoted: this.state === 'quoted' });
    }
    if (this.skipping) {
      // Past the limit: drop the record's text, keeping only what the scan has not decided yet.
      this.pieces.push({ kind: 'lines', count: lineBreaksIn(this.buf, this.recordStart, this.pos) });
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
      this.recordStart = 0;
    }
    const out = this.pieces;
    this.pieces = [];
    return out;
  }
}
