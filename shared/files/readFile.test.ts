import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { Type } from '@sinclair/typebox';
import { MAX_NESTING, readDataFile, type DataFileKind, type SchemaValidator } from './readFile.ts';
import { CODEBOOK_FILE } from './codebookFile.ts';
import { MAPPING_FILE } from './mappingFile.ts';

// A made-up kind at version 3, whose files were once v1 `{ n }` and v2 `{ schemaVersion: 2, count }`.
const NoteSchema = Type.Object({ schemaVersion: Type.Literal(3), count: Type.Integer(), label: Type.String() }, { additionalProperties: false });
const NOTE_FILE: DataFileKind<typeof NoteSchema> = {
  label: 'note',
  declaration: NoteSchema,
  currentVersion: 3,
  versionOf: (data) => data.schemaVersion ?? 1,
  migrations: [
    { from: 1, to: 2, why: 'n is called count', migrate: ({ n, ...rest }) => ({ ...rest, schemaVersion: 2, count: n }) },
    { from: 2, to: 3, why: 'a label is required', migrate: (data) => ({ ...data, schemaVersion: 3, label: `note of ${String(data.count)}` }) },
  ],
};
const validateNote: SchemaValidator = new Ajv({ allErrors: true }).compile(NoteSchema);
const read = (text: string) => readDataFile(NOTE_FILE, text, validateNote, 'n.json');

describe('readDataFile: parse → migrate → validate', () => {
  it('returns a current file as it is', () => {
    expect(read('{"schemaVersion":3,"count":2,"label":"x"}')).toEqual({ ok: true, value: { schemaVersion: 3, count: 2, label: 'x' }, migratedFrom: null });
  });

  it('brings an old file forward through every step in order', () => {
    expect(read('{"n":7}')).toEqual({ ok: true, value: { schemaVersion: 3, count: 7, label: 'note of 7' }, migratedFrom: 1 });
    expect(read('{"schemaVersion":2,"count":4}')).toEqual({ ok: true, value: { schemaVersion: 3, count: 4, label: 'note of 4' }, migratedFrom: 2 });
  });

  it('refuses a version newer than it knows, saying to update, before looking at anything else', () => {
    const result = read('{"schemaVersion":4,"whatever":true}');
    expect(result).toEqual({
      ok: false,
      problem: { reason: 'newer-version', version: 4, newest: 3 },
      message: 'the note n.json has schemaVersion 4, newer than this version of the workbench reads (3); update the workbench',
    });
  });

  it('refuses a version no step starts from', () => {
    const result = read('{"schemaVersion":0,"count":1}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe('the note n.json has schemaVersion 0, which this version of the workbench cannot read (it reads 3)');
  });

  it('names the file kind and the line and column where the text stops being JSON', () => {
    const result = read('{\n  "schemaVersion": 3,\n  "count": 1,\n}');
    expect(result).toMatchObject({ ok: false, problem: { reason: 'not-json', line: 4, column: 1 } });
    if (!result.ok) expect(result.message).toBe('the note n.json is not JSON: unexpected "}" at line 4, column 1');
    const cut = read('{"count": ');
    if (!cut.ok) expect(cut.message).toBe('the note n.json is not JSON: the text ends before the JSON does at line 1, column 11');
    expect(read('').ok).toBe(false);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(read('\uFEFF{"schemaVersion":3,"count":2,"label":"x"}').ok).toBe(true);
  });

  it('refuses JSON that is not an object, and nesting past the limit, without throwing', () => {
    for (const text of ['[1]', '"x"', 'null', '3']) expect(read(text)).toMatchObject({ ok: false, problem: { reason: 'not-an-object' } });
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    expect(read(nested(MAX_NESTING))).toMatchObject({ ok: false, problem: { reason: 'invalid' } });
    expect(read(nested(MAX_NESTING + 1))).toMatchObject({ ok: false, problem: { reason: 'too-deep', limit: MAX_NESTING } });
    const deeper = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(read(deeper)).toMatchObject({ ok: false, problem: { reason: 'too-deep' } });
  });

  it('names each wrong key after migrating', () => {
    const result = read('{"schemaVersion":3,"count":"two","label":"x","colour":"red"}');
    expect(result).toMatchObject({
      ok: false,
      problem: { reason: 'invalid', problems: [{ key: 'note.colour', problem: 'is not a key it knows' }, { key: 'note.count', problem: 'must be integer' }] },
    });
    if (!result.ok) expect(result.message).toBe('the note n.json is not valid: note.colour is not a key it knows; note.count must be integer');
    expect(read('{"schemaVersion":3,"count":1}')).toMatchObject({ ok: false, problem: { problems: [{ key: 'note.label', problem: 'is missing' }] } });
  });
});

describe('the file kinds', () => {
  for (const kind of [MAPPING_FILE, CODEBOOK_FILE, NOTE_FILE]) {
    it(`${kind.label}: its migrations are one step at a time, in order, ending at the version its declaration states`, () => {
      const declared = kind.declaration.properties.schemaVersion.const;
      expect(kind.currentVersion).toBe(declared);
      kind.migrations.forEach((step, i) => {
        expect(step.to, step.why).toBe(step.from + 1);
        if (i > 0) expect(step.from).toBe(kind.migrations[i - 1]!.to);
      });
      if (kind.migrations.length > 0) expect(kind.migrations[kind.migrations.length - 1]!.to).toBe(kind.currentVersion);
    });
  }
});
