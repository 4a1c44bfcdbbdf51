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

/** Text of an HTML fragment as a reader sees it: tags dropped, breaks kept, entities decoded. Never rendered as HTML. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first sentence of a text, cut to a title's length. */
export function firstSentence(text: string, max = 120): string {
  const sentence = (/^[\s\S]*?[.!?](\s|$)/.exec(text.trim())?.[0] ?? text).trim();
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}
