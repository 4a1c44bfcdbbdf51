import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import codebookSchema from '../../schemas/codebook.schema.json' with { type: 'json' };
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { CODEBOOK_FILE } from './codebookFile.ts';
import { readDataFile, type SchemaValidator } from './readFile.ts';

const validateCodebook: SchemaValidator = new Ajv({ allErrors: true, validateFormats: false }).compile(codebookSchema);
const read = (text: string) => readDataFile(CODEBOOK_FILE, text, validateCodebook, 'c.json');

describe('codebook files', () => {
  it('reads the bundled codebook', () => {
    const text = readFileSync(new URL('../codebook/default-codebook.json', import.meta.url), 'utf8');
    expect(read(text)).toEqual({ ok: true, value: loadDefaultCodebook(), migratedFrom: null });
  });

  it('reads a version-1 codebook as version 2, every code as it was', () => {
    const current = loadDefaultCodebook();
    expect(read(JSON.stringify({ ...current, schemaVersion: 1 }))).toEqual({ ok: true, value: current, migratedFrom: 1 });
  });

  it('names a code that breaks the pattern, by where it sits in the tree', () => {
    const codebook = loadDefaultCodebook();
    codebook.dimensions.symptom[0]!.children = [{ code: 'Bad Code', name: 'x' }];
    const result = read(JSON.stringify(codebook));
    expect(result).toMatchObject({ ok: false, problem: { reason: 'invalid', problems: [{ key: 'codebook.dimensions.symptom.0.children.0.code' }] } });
    if (!result.ok) expect(result.message).toMatch(/codebook\.dimensions\.symptom\.0\.children\.0\.code must match pattern/);
  });

  it('refuses a codebook from a newer workbench, and one with a version no step starts from', () => {
    expect(read(JSON.stringify({ ...loadDefaultCodebook(), schemaVersion: 3 }))).toMatchObject({ ok: false, problem: { reason: 'newer-version', version: 3, newest: 2 } });
    expect(read(JSON.stringify({ ...loadDefaultCodebook(), schemaVersion: 0 }))).toMatchObject({ ok: false, problem: { reason: 'unknown-version', version: 0 } });
  });
});
