import type { Static, TSchema } from '@sinclair/typebox';
import { nestingDepth } from '../import/limits.ts';
import { findJsonSyntaxError } from './jsonSyntaxError.ts';

/**
 * Every file the workbench reads goes parse → migrate → validate (convention 4): JSON text into a value, an older
 * schemaVersion brought forward one pure step at a time, then the file's JSON Schema checked. A version newer than
 * this build knows is refused before anything else, with a message that says to update. The validator is passed
 * in, so the CLI can hand over ajv compiled from schemas/ and the renderer a precompiled one, and this stays pure.
 */

/** What a validator reports about a value: the part of ajv's ErrorObject the messages use. */
export interface SchemaIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled JSON Schema: true when the value matches, with the reasons in `errors` when it does not (as ajv's). */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: readonly SchemaIssue[] | null;
}

/** One pure step from a file version to the next. */
export interface Migration {
  from: number;
  to: number;
  /** Why the step exists: what changed in the shape. */
  why: string;
  migrate(data: Record<string, unknown>): Record<string, unknown>;
}

export interface DataFileKind<S extends TSchema> {
  /** What the file is called in messages: "the mapping m.json has …". */
  label: string;
  /** The declaration of the current shape (schemas/ is generated from it). */
  declaration: S;
  /** The schemaVersion this build reads and writes. */
  currentVersion: number;
  /** The file's version; undefined leaves the missing or odd schemaVersion for validation to name. */
  versionOf(data: Record<string, unknown>): unknown;
  /** Ordered steps, each from one version to the next, the last ending at currentVersion. */
  migrations: readonly Migration[];
  /** How a place in the file is named in messages, from its path segments; `label.a.b` when not given. */
  keyPath?(segments: readonly string[]): string;
}

/** One thing wrong with a valid-JSON file, naming the key: `{ key: 'mapping.fields.titel', problem: 'is not a key it knows' }`. */
export interface KeyProblem {
  key: string;
  problem: string;
}

export type DataFileProblem =
  | { reason: 'not-json'; line: number; column: number; detail: string }
  | { reason: 'too-deep'; limit: number }
  | { reason: 'not-an-object' }
  | { reason: 'newer-version'; version: number; newest: number }
  | { reason: 'unknown-version'; version: number; newest: number }
  | { reason: 'invalid'; problems: KeyProblem[] };

export type DataFileRead<T> =
  | { ok: true; value: T; /** The version the file was written at, when a migration brought it forward. */ migratedFrom: number | null }
  | { ok: false; problem: DataFileProblem; /** The whole sentence: "the mapping m.json is not valid: …". */ message: string };

/**
 * Nesting deeper than any file the workbench writes (a codebook is a few levels per tier of codes) is refused before
 * validation, whose recursion a hostile file could otherwise drive off the stack.
 */
export const MAX_NESTING = 100;

function pathSegments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A validator's issue as a key and what is wrong with it: `mapping.fields.titel` `is not a key it knows`. */
export function describeSchemaIssue(issue: SchemaIssue, keyPath: (segments: readonly string[]) => string): KeyProblem {
  const segments = pathSegments(issue.instancePath);
  const params = issue.params;
  if ((issue.keyword === 'additionalProperties' || issue.keyword === 'additionalProperty') && typeof params.additionalProperty === 'string') {
    return { key: keyPath([...segments, params.additionalProperty]), problem: 'is not a key it knows' };
  }
  if (issue.keyword === 'required' && typeof params.missingProperty === 'string') return { key: keyPath([...segments, params.missingProperty]), problem: 'is missing' };
  if (issue.keyword === 'enum' && Array.isArray(params.allowedValues)) return { key: keyPath(segments), problem: `must be one of ${params.allowedValues.map(String).join(', ')}` };
  return { key: keyPath(segments), problem: issue.message ?? 'is not valid' };
}

/** Reads one file of `kind` from its text; `fileName` is how messages name it. Never throws for a bad file. */
export function readDataFile<S extends TSchema>(kind: DataFileKind<S>, text: string, validate: SchemaValidator, fileName = 'file'): DataFileRead<Static<S>> {
  const refuse = (problem: DataFileProblem, says: string): DataFileRead<Static<S>> => ({ ok: false, problem, message: `the ${kind.label} ${fileName} ${says}` });
  // A byte-order mark (Windows editors write one) is not JSON, but it is not the user's mistake either.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    const at = findJsonSyntaxError(json);
    if (at === null) return refuse({ reason: 'not-json', line: 1, column: 1, detail: (e as Error).message }, `is not JSON: ${(e as Error).message}`);
    return refuse({ reason: 'not-json', line: at.line, column: at.column, detail: at.reason }, `is not JSON: ${at.reason} at line ${at.line}, column ${at.column}`);
  }
  if (nestingDepth(data, MAX_NESTING) > MAX_NESTING) return refuse({ reason: 'too-deep', limit: MAX_NESTING }, `nests deeper than ${MAX_NESTING} levels`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return refuse({ reason: 'not-an-object' }, 'is not a JSON object');

  let record = data as Record<string, unknown>;
  const newest = kind.currentVersion;
  const version = kind.versionOf(record);
  let migratedFrom: number | null = null;
  if (typeof version === 'number' && version > newest) {
    return refuse({ reason: 'newer-version', version, newest }, `has schemaVersion ${version}, newer than this version of the workbench reads (${newest}); update the workbench`);
  }
  if (typeof version === 'number' && version < newest) {
    let at = version;
    while (at < newest) {
      const step = kind.migrations.find((m) => m.from === at);
      if (step === undefined) {
        return refuse({ reason: 'unknown-version', version, newest }, `has schemaVersion ${version}, which this version of the workbench cannot read (it reads ${newest})`);
      }
      if (step.to <= step.from) throw new Error(`the ${kind.label} migration from version ${step.from} goes to ${step.to}, not forward`);
      record = step.migrate(record);
      at = step.to;
    }
    migratedFrom = version;
  }

  if (!validate(record)) {
    const keyPath = kind.keyPath ?? ((segments: readonly string[]) => [kind.label, ...segments].join('.'));
    const problems = (validate.errors ?? []).map((issue) => describeSchemaIssue(issue, keyPath));
    if (problems.length === 0) problems.push({ key: kind.label, problem: 'does not match its schema' });
    return refuse({ reason: 'invalid', problems }, `is not valid: ${problems.map((p) => `${p.key} ${p.problem}`).join('; ')}`);
  }
  return { ok: true, value: record as Static<S>, migratedFrom };
}
