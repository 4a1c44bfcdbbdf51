import { dimensionsOf, flattenCodes, type Codebook } from '../codebook/codebook.ts';
import { codeFromName } from '../codebook/refiQda.ts';
import { readPath } from '../import/path.ts';
import type { RowError } from '../import/mapping.ts';
import type { Dimension, LabelRevision } from '../model/labels.ts';
import { headRevisions, reviseLabel, slotKey } from './labelHistory.ts';

/**
 * Labels from elsewhere (a published data set's, a language model's extractions) imported as one named coder (a
 * person with role 'source'), so the agreement view compares them with a study's own annotators like any coder.
 * Everything here is pure: the records are read by the import readers, the clock and the ids are passed in.
 */

// ───────────────────────────── Values of a cell ─────────────────────────────

export const DEFAULT_CODE_SEPARATORS = ',;|';

const escapeForClass = (ch: string) => ch.replace(/[\\\]^-]/g, '\\$&');
const separatorPatterns = new Map<string, RegExp>();
function separatorPattern(separators: string): RegExp {
  let pattern = separatorPatterns.get(separators);
  if (!pattern) {
    // A memo, not a store: a file has one set of separators; a run of odd ones cannot grow it without bound.
    if (separatorPatterns.size >= 16) separatorPatterns.clear();
    separatorPatterns.set(separators, (pattern = new RegExp(`[${[...separators].map(escapeForClass).join('')}]`)));
  }
  return pattern;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

/**
 * The codes a multi-valued cell names, in the order written (the first is the primary code, the rest secondary):
 * `"ERROR, UNAVIL"` → `['ERROR', 'UNAVIL']`. Trimmed, with empties and repeats dropped. A list (from JSON) is taken
 * element by element, each element one value; numbers become text; null, undefined, booleans and objects give none.
 */
export function splitCodes(value: unknown, separators = DEFAULT_CODE_SEPARATORS): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '' || seen.has(trimmed)) return;
    seen.add(trimmed);
    out.push(trimmed);
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = scalarText(item);
      if (text !== null) add(text);
    }
    return out;
  }
  const text = scalarText(value);
  if (text === null) return out;
  if (separators === '') add(text);
  else for (const part of text.split(separatorPattern(separators))) add(part);
  return out;
}

// ───────────────────────────── Values to codes ─────────────────────────────

const collapse = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A matcher for one dimension's codes (retired ones left out; "Other" and "Not applicable" in), built once, so a
 * whole file costs one walk of the codebook. See matchCode for what a value matches.
 */
export function createCodeMatcher(codebook: Codebook, dimension: Dimension): (raw: string) => string | null {
  const byPath = new Map<string, string>();
  // Own code (last path segment) and name, both lower-cased: a value may name several codes this way.
  const byOwnCodeOrName = new Map<string, Set<string>>();
  const note = (key: string, path: string) => {
    let paths = byOwnCodeOrName.get(key);
    if (!paths) byOwnCodeOrName.set(key, (paths = new Set()));
    paths.add(path);
  };
  for (const c of flattenCodes(codebook, dimension)) {
    byPath.set(c.path.toLowerCase(), c.path);
    note(c.path.slice(c.path.lastIndexOf('/') + 1).toLowerCase(), c.path);
    note(collapse(c.name), c.path);
  }
  const cache = new Map<string, string | null>();
  return (raw) => {
    const cached = cache.get(raw);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    const lower = collapse(raw);
    if (lower !== '') {
      // A full path names one code by construction, so it wins over a code or a name shared by two.
      found = byPath.get(lower) ?? null;
      if (found === null) {
        const paths = new Set<string>();
        for (const key of new Set([lower, codeFromName(raw)])) for (const p of byOwnCodeOrName.get(key) ?? []) paths.add(p);
        found = paths.size === 1 ? paths.values().next().value! : null;
      }
    }
    cache.set(raw, found);
    return found;
  };
}

/**
 * The path of the dimension's code that `raw` names, without regard to case: by its full path
 * (`configuration-issue/misconfiguration`), by its own code (`misconfiguration`, also written `Misconfiguration` or
 * `MISCONFIGURATION`) or by its name (`CONFIG` names a code `config` named CONFIG). A full path is taken first; else
 * null when no code, or more than one, is named.
 */
export function matchCode(raw: string, codebook: Codebook, dimension: Dimension): string | null {
  return createCodeMatcher(codebook, dimension)(raw);
}

// ───────────────────────────── Which columns hold what ─────────────────────────────

/**
 * Where a file keeps the incident id and each dimension's codes: column names (CSV) or leaf paths (JSON, in
 * readPath's syntax). `codes` and `rationale` are keyed by dimension id in null-prototype objects
 * (Object.create(null)): a codebook may name a dimension `constructor`. A plain object read from a preset works too
 * (only own keys are read).
 */
export interface ExternalLabelMapping {
  incidentId: string;
  codes: Partial<Record<Dimension, string>>;
  /** A column with the coder's reason per dimension (an extraction's quoted text); it becomes the rationale. */
  rationale?: Partial<Record<Dimension, string>>;
  /** Characters any of which separates the codes of a multi-valued cell. */
  separators: string;
}

const ownKeys = (o: Partial<Record<string, string>> | undefined): string[] => (o ? Object.keys(o) : []);
const own = (o: Partial<Record<string, string>> | undefined, key: string): string | undefined =>
  o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;

/** A name as lower-case words: `label_user_symptom_category` and `userSymptomCategory` alike. */
const wordsOf = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');

const ID_NAMES = ['incident id', 'incident', 'id', 'incident number', 'number', 'incident key', 'key', 'ticket', 'issue key', 'item'];
const CODE_WORDS = new Set(['category', 'categories', 'code', 'codes', 'label', 'labels', 'class', 'type']);
const REASON_WORDS = new Set(['rationale', 'reason', 'reasoning', 'explanation', 'justification']);

/** The words that name a dimension in a column name: root cause as `root cause`, `root_cause` or `rootcause`. */
function dimensionWords(id: Dimension, name: string): string[][] {
  const forms = [wordsOf(id), wordsOf(name)];
  if (id === 'rootCause') forms.push(['rootcause']);
  const out: string[][] = [];
  for (const f of forms) if (f.length && !out.some((o) => o.join(' ') === f.join(' '))) out.push(f);
  return out;
}

const containsRun = (words: readonly string[], run: readonly string[]) => {
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, j) => words[i + j] === w)) return true;
  return false;
};

/** How strongly a column name says it holds a dimension's codes: `*_category` most, then a category, code or label word. */
function codeScore(words: readonly string[], dimension: readonly string[][]): number {
  if (!dimension.some((run) => containsRun(words, run))) return 0;
  const last = words[words.length - 1]!;
  if (last === 'category' || last === 'categories') return 4;
  if (words.includes('category') || words.includes('categories')) return 3;
  if (CODE_WORDS.has(last)) return 2;
  return words.some((w) => CODE_WORDS.has(w)) ? 1 : 0;
}

/**
 * A mapping suggested from the column names: the id column by name (`id`, `incident id`, `incident_id`, `number`,
 * `key`…), and for each dimension of the codebook the column naming it with a category, code or label word,
 * `*_category` columns first (`label_user_symptom_category`, `root_cause_category`); the first column wins a tie and
 * no column serves two dimensions. Its rationale is the column named like the code column without that last word
 * (`user_symptom` beside `user_symptom_category`), or one naming the dimension with rationale / reason. Nothing
 * suggested is left out (the id as '').
 */
export function suggestExternalLabelMapping(columns: readonly string[], codebook: Codebook): ExternalLabelMapping {
  const words = columns.map(wordsOf);
  const joined = words.map((w) => w.join(' '));
  let incidentId = '';
  for (const name of ID_NAMES) {
    const i = joined.indexOf(name);
    if (i !== -1) {
      incidentId = columns[i]!;
      break;
    }
  }
  const codes = Object.create(null) as Partial<Record<Dimension, string>>;
  const rationale = Object.create(null) as Partial<Record<Dimension, string>>;
  const taken = new Set<number>();
  if (incidentId !== '') taken.add(columns.indexOf(incidentId));
  for (const { id, name } of dimensionsOf(codebook)) {
    const forms = dimensionWords(id, name);
    let best = -1;
    let bestScore = 0;
    words.forEach((w, i) => {
      const score = taken.has(i) ? 0 : codeScore(w, forms);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (best === -1) continue;
    taken.add(best);
    codes[id] = columns[best]!;
    const codeWords = words[best]!;
    const stem = CODE_WORDS.has(codeWords[codeWords.length - 1]!) ? codeWords.slice(0, -1).join(' ') : null;
    let reason = stem === null || stem === '' ? -1 : joined.findIndex((j, i) => !taken.has(i) && j === stem);
    if (reason === -1) reason = words.findIndex((w, i) => !taken.has(i) && w.some((x) => REASON_WORDS.has(x)) && forms.some((run) => containsRun(w, run)));
    if (reason !== -1) {
      taken.add(reason);
      rationale[id] = columns[reason]!;
    }
  }
  return { incidentId, codes, rationale, separators: DEFAULT_CODE_SEPARATORS };
}

// ───────────────────────────── The plan of an import ─────────────────────────────

/** Codes one cell may give; a longer list is free text in a code column, reported rather than coded. */
export const MAX_CODES_PER_CELL = 50;

export interface ExternalLabelInput {
  fileName: string;
  records: ReadonlyArray<{ row: number; record: unknown }>;
  mapping: ExternalLabelMapping;
  codebook: Codebook;
  /** Per dimension: a value as written (trimmed) → the code path it means, or '' to ignore the value. Tried before matchCode. */
  valueMap: ReadonlyMap<Dimension, ReadonlyMap<string, string>>;
  incidentIds: ReadonlySet<string>;
  /** The coder's revisions already stored (others' are not looked at). */
  held: readonly LabelRevision[];
  coderId: string;
  round: number;
  newId: () => string;
  now: Date;
}

/** Values no code was found for (to map and import again), or that the value map said to ignore. */
export interface ExternalValueCount {
  dimension: Dimension;
  value: string;
  count: number;
  /** The first row it was on. */
  firstRow: number;
}

export interface ExternalLabelPlan {
  /** New revisions: the file's incidents in the order of the rows that stand, each in the codebook's order of dimensions. */
  revisions: LabelRevision[];
  /** Values that name no code, most frequent first within each dimension; they were left out of their labels. */
  unknown: ExternalValueCount[];
  /** Values the value map mapped to '' (left out on purpose). */
  ignored: ExternalValueCount[];
  /** Incidents of the file that got no label in a dimension (empty cell, or every value unknown or ignored). */
  unlabelled: Array<{ dimension: Dimension; count: number }>;
  errors: RowError[];
  /** Labels that made a revision (new, or changed since the coder's current one). */
  labelled: number;
  /** Labels equal to the coder's current one: nothing to add. */
  unchanged: number;
}

interface RowLabel {
  codes: string[];
  rationale: string;
}

interface RowLabels {
  row: number;
  labels: Map<Dimension, RowLabel>;
}

function tally(into: Map<string, ExternalValueCount>, dimension: Dimension, value: string, row: number): void {
  const key = `${dimension}\u0000${value}`;
  const seen = into.get(key);
  if (seen) seen.count += 1;
  else into.set(key, { dimension, value, count: 1, firstRow: row });
}

function sortedCounts(counts: Map<string, ExternalValueCount>, order: readonly Dimension[]): ExternalValueCount[] {
  const rank = new Map(order.map((d, i) => [d, i]));
  return [...counts.values()].sort((a, b) => rank.get(a.dimension)! - rank.get(b.dimension)! || b.count - a.count || a.firstRow - b.firstRow);
}

/**
 * What importing a file of labels as one coder would add: a revision (through reviseLabel, against the coder's
 * current labels in `held`) wherever the file's codes differ, so the same file imported twice adds nothing. A row
 * whose id is missing or names no incident of the study is an error; a later row for the same incident replaces the
 * earlier one (and says so). A value is looked up in the value map first, then in the codebook (matchCode); one
 * that is neither is left out of its label and listed in `unknown`. A cell with no known code gives no label and
 * never clears the coder's current one: a file that leaves an incident out says nothing about it. One pass over
 * the records and one over their labels.
 */
export function planExternalLabels(input: ExternalLabelInput): ExternalLabelPlan {
  const { fileName: file, mapping, codebook } = input;
  const errors: RowError[] = [];
  const empty: ExternalLabelPlan = { revisions: [], unknown: [], ignored: [], unlabelled: [], errors, labelled: 0, unchanged: 0 };
  if (mapping.incidentId.trim() === '') {
    errors.push({ file, row: 0, field: '(mapping)', message: 'no column is chosen for the incident id' });
    return empty;
  }
  const mappedColumn = (d: Dimension) => {
    const column = own(mapping.codes, d);
    return column === undefined || column === '' ? null : column;
  };
  // In the codebook's order of dimensions, whatever the order of the mapping's keys.
  const known = dimensionsOf(codebook).map((d) => d.id);
  const dimensions = known.filter((d) => mappedColumn(d) !== null);
  for (const d of ownKeys(mapping.codes)) {
    const column = mappedColumn(d);
    if (column !== null && !known.includes(d)) errors.push({ file, row: 0, field: column, message: `the codebook has no dimension "${d}"; the column was not imported` });
  }
  const matchers = new Map(dimensions.map((d) => [d, createCodeMatcher(codebook, d)]));
  const valid = new Map(dimensions.map((d) => [d, new Set(flattenCodes(codebook, d).map((c) => c.path))]));
  const badTargets = new Set<string>();

  const unknown = new Map<string, ExternalValueCount>();
  const ignored = new Map<string, ExternalValueCount>();
  const byIncident = new Map<string, RowLabels>();

  for (const { row, record } of input.records) {
    const rawId = scalarText(readPath(record, mapping.incidentId));
    const id = rawId === null ? '' : rawId.trim();
    if (id === '') {
      errors.push({ file, row, field: mapping.incidentId, message: 'no incident id' });
      continue;
    }
    if (!input.incidentIds.has(id)) {
      errors.push({ file, row, field: mapping.incidentId, message: `no incident "${id}" in this study` });
      continue;
    }
    const labels = new Map<Dimension, RowLabel>();
    for (const d of dimensions) {
      const column = mappedColumn(d)!;
      const values = splitCodes(readPath(record, column), mapping.separators);
      if (values.length > MAX_CODES_PER_CELL) {
        errors.push({ file, row, field: column, message: `holds ${values.length} values; the limit is ${MAX_CODES_PER_CELL} codes in one cell, so the row has no label here` });
        continue;
      }
      const codes: string[] = [];
      const mapped = input.valueMap.get(d);
      for (const value of values) {
        let code = mapped?.get(value);
        if (code === '') {
          tally(ignored, d, value, row);
          continue;
        }
        if (code !== undefined && !valid.get(d)!.has(code)) {
          const key = `${d}\u0000${value}`;
          if (!badTargets.has(key)) errors.push({ file, row: 0, field: column, message: `the value "${value}" is mapped to "${code}", which is no code of the dimension "${d}"` });
          badTargets.add(key);
          code = undefined;
        } else if (code === undefined) code = matchers.get(d)!(value) ?? undefined;
        if (code === undefined) tally(unknown, d, value, row);
        else if (!codes.includes(code)) codes.push(code);
      }
      if (codes.length === 0) continue;
      const reasonColumn = own(mapping.rationale, d);
      const reason = reasonColumn ? scalarText(readPath(record, reasonColumn)) : null;
      labels.set(d, { codes, rationale: reason ?? '' });
    }
    const earlier = byIncident.get(id);
    if (earlier) errors.push({ file, row, field: mapping.incidentId, message: `incident "${id}" is on row ${earlier.row} too; this later row replaces it` });
    // Deleting first keeps the incidents in the order of the rows that stand.
    byIncident.delete(id);
    byIncident.set(id, { row, labels });
  }

  const heads = headRevisions(input.held.filter((r) => r.annotatorId === input.coderId && r.round === input.round));
  const revisions: LabelRevision[] = [];
  const unlabelled = new Map(dimensions.map((d) => [d, 0]));
  let labelled = 0;
  let unchanged = 0;
  for (const [incidentId, { labels }] of byIncident) {
    for (const d of dimensions) {
      const label = labels.get(d);
      if (!label) {
        unlabelled.set(d, unlabelled.get(d)! + 1);
        continue;
      }
      const slot = { incidentId, annotatorId: input.coderId, dimension: d, round: input.round };
      const change = { code: label.codes[0]!, secondaryCodes: label.codes.slice(1), rationale: label.rationale, codebookId: codebook.id, codebookVersion: codebook.version };
      // The id is drawn only for a revision that is made, so ids follow the revisions one to one.
      const revision = reviseLabel(slot, heads.get(slotKey(slot)), change, 'pending', input.now);
      if (revision === null) unchanged += 1;
      else {
        revision.id = input.newId();
        revisions.push(revision);
        labelled += 1;
      }
    }
  }
  return {
    revisions,
    unknown: sortedCounts(unknown, dimensions),
    ignored: sortedCounts(ignored, dimensions),
    unlabelled: dimensions.map((dimension) => ({ dimension, count: unlabelled.get(dimension)! })),
    errors,
    labelled,
    unchanged,
  };
}
