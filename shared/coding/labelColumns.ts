import type { Dimension, Label, LabelRevision } from '../model/labels.ts';

/**
 * A second projection of the current labels, for reading a whole coder's codes at once (agreement over 100k
 * incidents): per round, annotator and dimension, the current codes split into a fixed number of buckets by incident
 * id, each bucket one string of lines `incidentId \t code \t codebookVersion`. IndexedDB hands a string over in one
 * copy, where 100k label objects cost 100k clones, so a coder's column reads in tens of milliseconds. A save
 * rewrites only the buckets of the incidents it touched. Like every projection it is derived: buildLabelColumns
 * makes it from the current labels alone.
 */

export const LABEL_COLUMN_BUCKETS = 64;

/** What agreement needs of a label. */
export type CodedLabel = Pick<Label, 'incidentId' | 'annotatorId' | 'dimension' | 'round' | 'code' | 'codebookVersion'>;

export interface LabelColumn {
  round: number;
  annotatorId: string;
  dimension: Dimension;
  bucket: number;
  /** Lines `incidentId \t code \t version`, each ending in a newline; ids and codes escaped (see escapeField). */
  lines: string;
}

/** FNV-1a over the id's UTF-16 code units: the same bucket on every machine. */
export function bucketOf(incidentId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < incidentId.length; i++) {
    hash ^= incidentId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % LABEL_COLUMN_BUCKETS;
}

// Ids come from users' files and may hold tabs, newlines or backslashes; those are escaped, the rest kept as is.
const NEEDS_ESCAPE = /[\\\t\n]/;
const escapeField = (s: string) => (NEEDS_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') : s);
const unescapeField = (s: string) => (s.includes('\\') ? s.replace(/\\(\\|t|n)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\')) : s);

type Entries = Map<string, { code: string; version: number }>;

function decode(lines: string): Entries {
  const out: Entries = new Map();
  let at = 0;
  while (at < lines.length) {
    const end = lines.indexOf('\n', at);
    const tab1 = lines.indexOf('\t', at);
    const tab2 = lines.indexOf('\t', tab1 + 1);
    out.set(unescapeField(lines.slice(at, tab1)), { code: unescapeField(lines.slice(tab1 + 1, tab2)), version: Number(lines.slice(tab2 + 1, end)) });
    at = end + 1;
  }
  return out;
}

function encode(entries: Entries): string {
  // In id order, so the same labels give the same string whatever order they were saved in.
  const ids = [...entries.keys()].sort();
  let out = '';
  for (const id of ids) {
    const e = entries.get(id)!;
    out += `${escapeField(id)}\t${escapeField(e.code)}\t${e.version}\n`;
  }
  return out;
}

export const columnKey = (c: Pick<LabelColumn, 'round' | 'annotatorId' | 'dimension' | 'bucket'>): [number, string, string, number] => [c.round, c.annotatorId, c.dimension, c.bucket];

/** Every label of some columns. */
export function labelsFromColumns(columns: Iterable<LabelColumn>): CodedLabel[] {
  const out: CodedLabel[] = [];
  for (const column of columns) {
    for (const [incidentId, { code, version }] of decode(column.lines)) {
      out.push({ incidentId, annotatorId: column.annotatorId, dimension: column.dimension, round: column.round, code, codebookVersion: version });
    }
  }
  return out;
}

/** The columns of a set of current labels. */
export function buildLabelColumns(labels: Iterable<CodedLabel>): LabelColumn[] {
  const groups = new Map<string, { column: Omit<LabelColumn, 'lines'>; entries: Entries }>();
  for (const l of labels) {
    const bucket = bucketOf(l.incidentId);
    const key = `${l.round}\u0000${l.annotatorId}\u0000${l.dimension}\u0000${bucket}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { column: { round: l.round, annotatorId: l.annotatorId, dimension: l.dimension, bucket }, entries: new Map() }));
    group.entries.set(l.incidentId, { code: l.code, version: l.codebookVersion });
  }
  return [...groups.values()].map(({ column, entries }) => ({ ...column, lines: encode(entries) }));
}

/**
 * The columns after some slots got new heads: `read` gives a stored column (or undefined), and the result is every
 * column to store; a column left with no lines is returned empty, to be deleted.
 */
export async function applyHeadsToColumns(
  heads: Iterable<LabelRevision>,
  read: (key: [number, string, string, number]) => Promise<LabelColumn | undefined>,
): Promise<LabelColumn[]> {
  const touched = new Map<string, { column: Omit<LabelColumn, 'lines'>; heads: LabelRevision[] }>();
  for (const head of heads) {
    const column = { round: head.round, annotatorId: head.annotatorId, dimension: head.dimension, bucket: bucketOf(head.incidentId) };
    const key = columnKey(column).join('\u0000');
    const group = touched.get(key);
    if (group) group.heads.push(head);
    else touched.set(key, { column, heads: [head] });
  }
  const out: LabelColumn[] = [];
  for (const { column, heads: changes } of touched.values()) {
    const stored = await read(columnKey(column));
    const entries = stored ? decode(stored.lines) : new Map();
    for (const h of changes) {
      if (h.code === '') entries.delete(h.incidentId);
      else entries.set(h.incidentId, { code: h.code, version: h.codebookVersion });
    }
    out.push({ ...column, lines: encode(entries) });
  }
  return out;
}
