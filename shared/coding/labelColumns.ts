import type { Dimension, Label, LabelRevision } from '../model/labels.ts';

/**
 * A second projection of the current labels, for reading a whole coder's codes at once (agreement over 100k
 * incidents): per round, annotator and dimension, the current codes split into a fixed number of buckets by incident
 * id, each bucket one string of lines `incidentId \t code[,secondary…] \t codebookVersion`. IndexedDB hands a string over in one
 * copy, where 100k label objects cost 100k clones, so a coder's column reads in tens of milliseconds. A save
 * rewrites only the buckets of the incidents it touched. Like every projection it is derived: buildLabelColumns
 * makes it from the current labels alone.
 */

export const LABEL_COLUMN_BUCKETS = 64;

/** What agreement needs of a label. */
export type CodedLabel = Pick<Label, 'incidentId' | 'annotatorId' | 'dimension' | 'round' | 'code' | 'codebookVersion' | 'secondaryCodes'>;

export interface LabelColumn {
  round: number;
  annotatorId: string;
  dimension: Dimension;
  bucket: number;
  /** The codes used in this bucket; lines name them by position (a code path is long, its position short). */
  codes: string[];
  /**
   * Lines `incidentId \t code position \t version`, each ending in a newline; ids escaped (see escapeField). A label
   * with secondary codes writes their positions after the primary's, comma-separated (`3,0,5`).
   */
  lines: string;
}

/**
 * How many current codes an annotator has in a round on a dimension, and how many times that changed: kept beside
 * the columns so a count or a "did anything change" never scans the labels (IndexedDB counts by walking).
 */
export interface LabelTally {
  round: number;
  annotatorId: string;
  dimension: Dimension;
  count: number;
  changes: number;
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

type Entry = { code: string; version: number; secondary?: readonly string[] };
type Entries = Map<string, Entry>;

const NO_CODES: readonly string[] = [];

/** Calls `each` for every line of a column, without building a map (the fast path of a whole-study read). */
function forEachLine(column: Pick<LabelColumn, 'codes' | 'lines'>, each: (incidentId: string, code: string, version: number, secondary: readonly string[]) => void): void {
  const { lines, codes } = column;
  let at = 0;
  while (at < lines.length) {
    const end = lines.indexOf('\n', at);
    const tab1 = lines.indexOf('\t', at);
    const tab2 = tab1 === -1 ? -1 : lines.indexOf('\t', tab1 + 1);
    // Only this module writes columns; a line without its parts means a damaged projection, which a rebuild repairs.
    if (end === -1 || tab1 === -1 || tab2 === -1 || tab2 > end) throw new Error('A label column is damaged: rebuild the label projections.');
    const positions = lines.slice(tab1 + 1, tab2);
    const comma = positions.indexOf(',');
    const id = unescapeField(lines.slice(at, tab1));
    const version = Number(lines.slice(tab2 + 1, end));
    if (comma === -1) each(id, codes[Number(positions)]!, version, NO_CODES);
    else {
      const [primary, ...secondary] = positions.split(',').map((p) => codes[Number(p)]!);
      each(id, primary!, version, secondary);
    }
    at = end + 1;
  }
}

function decode(column: Pick<LabelColumn, 'codes' | 'lines'>): Entries {
  const out: Entries = new Map();
  forEachLine(column, (id, code, version, secondary) => out.set(id, secondary.length ? { code, version, secondary } : { code, version }));
  return out;
}

function encode(entries: Entries): Pick<LabelColumn, 'codes' | 'lines'> {
  // Ids and codes in sorted order, so the same labels give the same column whatever order they were saved in.
  const used = new Set<string>();
  for (const e of entries.values()) {
    used.add(e.code);
    for (const c of e.secondary ?? NO_CODES) used.add(c);
  }
  const codes = [...used].sort();
  const position = new Map(codes.map((c, i) => [c, i]));
  let lines = '';
  for (const id of [...entries.keys()].sort()) {
    const e = entries.get(id)!;
    let positions = String(position.get(e.code));
    for (const c of e.secondary ?? NO_CODES) positions += `,${position.get(c)}`;
    lines += `${escapeField(id)}\t${positions}\t${e.version}\n`;
  }
  return { codes, lines };
}

/** How many codes a column holds. */
export function columnSize(column: Pick<LabelColumn, 'lines'>): number {
  let n = 0;
  for (let at = column.lines.indexOf('\n'); at !== -1; at = column.lines.indexOf('\n', at + 1)) n++;
  return n;
}

export const columnKey = (c: Pick<LabelColumn, 'round' | 'annotatorId' | 'dimension' | 'bucket'>): [number, string, string, number] => [c.round, c.annotatorId, c.dimension, c.bucket];

/** Every label of some columns. */
export function labelsFromColumns(columns: Iterable<LabelColumn>): CodedLabel[] {
  const out: CodedLabel[] = [];
  for (const column of columns) {
    const { annotatorId, dimension, round } = column;
    forEachLine(column, (incidentId, code, codebookVersion, secondary) =>
      out.push(secondary.length ? { incidentId, annotatorId, dimension, round, code, codebookVersion, secondaryCodes: [...secondary] } : { incidentId, annotatorId, dimension, round, code, codebookVersion }),
    );
  }
  return out;
}

export const tallyKey = (t: Pick<LabelTally, 'round' | 'annotatorId' | 'dimension'>): [number, string, string] => [t.round, t.annotatorId, t.dimension];

/** The tallies of a whole set of columns (for a rebuild). */
export function tallyColumns(columns: Iterable<LabelColumn>): LabelTally[] {
  const out = new Map<string, LabelTally>();
  for (const c of columns) {
    const key = tallyKey(c).join('\u0000');
    const t = out.get(key) ?? { round: c.round, annotatorId: c.annotatorId, dimension: c.dimension, count: 0, changes: 0 };
    t.count += columnSize(c);
    out.set(key, t);
  }
  return [...out.values()];
}

/** The columns of a set of current labels. */
export function buildLabelColumns(labels: Iterable<CodedLabel>): LabelColumn[] {
  const groups = new Map<string, { column: Omit<LabelColumn, 'lines' | 'codes'>; entries: Entries }>();
  for (const l of labels) {
    const bucket = bucketOf(l.incidentId);
    const key = `${l.round}\u0000${l.annotatorId}\u0000${l.dimension}\u0000${bucket}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { column: { round: l.round, annotatorId: l.annotatorId, dimension: l.dimension, bucket }, entries: new Map() }));
    group.entries.set(l.incidentId, l.secondaryCodes?.length ? { code: l.code, version: l.codebookVersion, secondary: l.secondaryCodes } : { code: l.code, version: l.codebookVersion });
  }
  return [...groups.values()].map(({ column, entries }) => ({ ...column, ...encode(entries) }));
}

/** The column a label of this slot is kept in (what a save reads and rewrites). */
export const columnKeyOfSlot = (slot: { round: number; annotatorId: string; dimension: Dimension; incidentId: string }): [number, string, string, number] => [
  slot.round,
  slot.annotatorId,
  slot.dimension,
  bucketOf(slot.incidentId),
];

/**
 * The columns after some slots got new heads: `storedColumn` gives a stored column by key (undefined where none is
 * stored: the caller reads them all ahead, in one round), and the result is every column to store (a column left
 * with no lines is returned empty, to be deleted), with how many codes each column gained or lost.
 */
export function applyHeadsToColumns(heads: Iterable<LabelRevision>, storedColumn: (key: [number, string, string, number]) => LabelColumn | undefined): Array<{ column: LabelColumn; delta: number }> {
  const touched = new Map<string, { column: Omit<LabelColumn, 'lines' | 'codes'>; heads: LabelRevision[] }>();
  for (const head of heads) {
    const column = { round: head.round, annotatorId: head.annotatorId, dimension: head.dimension, bucket: bucketOf(head.incidentId) };
    const key = columnKey(column).join('\u0000');
    const group = touched.get(key);
    if (group) group.heads.push(head);
    else touched.set(key, { column, heads: [head] });
  }
  return [...touched.values()].map(({ column, heads: changes }) => {
    const held = storedColumn(columnKey(column));
    const entries: Entries = held ? decode(held) : new Map();
    const before = entries.size;
    for (const h of changes) {
      if (h.code === '') entries.delete(h.incidentId);
      else entries.set(h.incidentId, h.secondaryCodes?.length ? { code: h.code, version: h.codebookVersion, secondary: h.secondaryCodes } : { code: h.code, version: h.codebookVersion });
    }
    return { column: { ...column, ...encode(entries) }, delta: entries.size - before };
  });
}
