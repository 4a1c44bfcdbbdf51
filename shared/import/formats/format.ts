import { Parser } from 'htmlparser2';
import type { Incident } from '../../model/incident.ts';
import type { FieldMapping } from '../mapping.ts';
import type { SourceFormat } from '../readers/types.ts';

/**
 * A known export: how to recognise it, how its fields map, and — for built-in formats only — code that
 * derives a view of each record (embedded JSON parsed, times picked from update lists) before mapping.
 * The raw record is always stored unchanged; only the view is mapped.
 */
export interface ExportFormat {
  id: string;
  name: string;
  format: SourceFormat;
  /** Column sets that identify it: the format matches when every column of any one set is present. */
  signatures: string[][];
  mapping: FieldMapping;
  view?: (record: Record<string, unknown>) => Record<string, unknown>;
  /** The source column behind each derived view field, so row errors name what the user can see. */
  fieldSources?: Record<string, string>;
  /** Rows repeating an id are successive states of one incident (an audit log), merged, not reported. */
  merge?: (earlier: Incident, later: Incident) => Incident;
  /** For a file that is an export but holds no incidents: what to tell the user. */
  notIncidents?: string;
}

/** A field the view could not derive: the pipeline reports it as a row error on that field. */
export class ViewError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Elements that stand on lines of their own: text before and after them is broken there. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
/** Elements whose content is code or markup, not text a reader sees. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template']);
const HORIZONTAL_SPACE = /[ \t\f\v\u00a0]+/g;

/**
 * Text of an HTML fragment as a reader sees it: tags dropped, a line break for <br> and around block
 * elements (paragraphs, list items, headings, table rows), every HTML entity decoded (named, decimal and
 * hex, by htmlparser2 with the `entities` tables), runs of spaces collapsed outside <pre>, at most one
 * empty line in a row. Link targets and images are left out. Never rendered as HTML. Text that is not
 * HTML (a "<" not opening a tag) comes through as it is. Newlines in the source are kept, since some
 * exports put plain text with line breaks in the same column.
 */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let line = '';
  let hidden = 0;
  let pre = 0;
  const endLine = () => {
    let end = line.length;
    if (pre === 0) while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
    const text = end === line.length ? line : line.slice(0, end);
    // At most one empty line in a row, and none before the first text.
    if (text !== '' || (lines.length > 0 && lines[lines.length - 1] !== '')) lines.push(text);
    line = '';
  };
  const append = (text: string) => {
    if (pre > 0) {
      line += text;
      return;
    }
    let t = text.replace(HORIZONTAL_SPACE, ' ');
    if (t.charCodeAt(0) === 32 && (line === '' || line.charCodeAt(line.length - 1) === 32)) t = t.slice(1);
    line += t;
  };
  const finish = () => {
    endLine();
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  };
  const appendText = (text: string) => {
    const parts = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) endLine();
      append(parts[i]!);
    }
  };
  // Plain text (no tag, no entity) needs no parser, only the same line rules.
  if (!html.includes('<') && !html.includes('&')) {
    appendText(html);
    return finish();
  }
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden++;
        else if (name === 'br') endLine();
        else if (BLOCK_ELEMENTS.has(name) && line !== '') endLine();
        if (name === 'pre') pre++;
      },
      onclosetag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK_ELEMENTS.has(name) && line !== '') endLine();
        else if ((name === 'td' || name === 'th') && line !== '') append(' ');
        if (name === 'pre') pre = Math.max(0, pre - 1);
      },
      ontext(text) {
        if (hidden === 0) appendText(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return finish();
}

/** The first sentence of a text, cut to a title's length. */
export function firstSentence(text: string, max = 120): string {
  const sentence = (/^[\s\S]*?[.!?](\s|$)/.exec(text.trim())?.[0] ?? text).trim();
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}
