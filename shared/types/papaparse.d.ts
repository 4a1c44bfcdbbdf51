/**
 * The part of Papa Parse that shared/ uses, declared without Node's types (@types/papaparse references them,
 * which would give the domain layer `process` and `Buffer`). The code using it runs against the real library in
 * the reader and export tests, whose types are the real ones.
 */
declare module 'papaparse' {
  export interface ParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: string;
    message: string;
    row?: number;
    index?: number;
  }
  export interface ParseMeta {
    delimiter: string;
    linebreak: string;
    aborted: boolean;
    truncated: boolean;
    cursor: number;
    fields?: string[];
  }
  export interface ParseResult<T> {
    data: T[];
    errors: ParseError[];
    meta: ParseMeta;
  }
  export interface ParseConfig {
    delimiter?: string;
    newline?: '\r' | '\n' | '\r\n';
    header?: boolean;
    skipEmptyLines?: boolean | 'greedy';
    preview?: number;
  }
  export interface UnparseConfig {
    quotes?: boolean;
    delimiter?: string;
    newline?: string;
    escapeFormulae?: boolean | RegExp;
  }
  export function parse<T>(input: string, config?: ParseConfig): ParseResult<T>;
  export function unparse(data: { fields: string[]; data: unknown[][] } | unknown[][], config?: UnparseConfig): string;
  const Papa: { parse: typeof parse; unparse: typeof unparse };
  export default Papa;
}
