import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import presetSchema from '../../schemas/mapping-preset.schema.json' with { type: 'json' };
import { BUILT_IN_FORMATS } from '../import/formats/index.ts';
import { mapRecord, type FieldMapping } from '../import/mapping.ts';
import { presetFromFormat } from '../import/presets.ts';
import { MAPPING_FILE } from './mappingFile.ts';
import { readDataFile, type SchemaValidator } from './readFile.ts';

// As the CLI does: ajv compiled from the committed schema.
const validatePreset: SchemaValidator = new Ajv({ allErrors: true }).compile(presetSchema);
const read = (text: string) => readDataFile(MAPPING_FILE, text, validatePreset, 'm.json');

describe('mapping files', () => {
  it('reads every built-in preset, saved as JSON, back as it was', () => {
    for (const format of BUILT_IN_FORMATS) {
      const preset = presetFromFormat(format);
      expect(read(JSON.stringify(preset, null, 2)), format.id).toEqual({ ok: true, value: preset, migratedFrom: null });
    }
  });

  it('migrates a version-0 file, a bare mapping, to a version-1 preset holding that mapping unchanged', () => {
    const bare: FieldMapping = {
      fields: { id: 'ref', title: 'blurb', severity: 'sev', createdAt: 'opened' },
      values: { severity: { blocker: 'high' } },
      dateFormats: { createdAt: 'DD/MM/YYYY' },
      durationUnit: 'hours',
    };
    const result = read(JSON.stringify(bare));
    expect(result).toEqual({
      ok: true,
      value: { schemaVersion: 1, id: 'legacy-mapping', name: 'Mapping', format: 'csv', signature: [], mapping: bare },
      migratedFrom: 0,
    });
    // The mapping still maps: the migrated preset's mapping reads a record as the bare one did.
    if (result.ok) {
      const ctx = { file: 'x.csv', row: 1, format: 'csv' };
      const record = { ref: 'A-1', blurb: 'Disk full', sev: 'Blocker', opened: '02/03/2024' };
      expect(mapRecord(record, result.value.mapping, ctx)).toEqual(mapRecord(record, bare, ctx));
      expect(mapRecord(record, result.value.mapping, ctx).incident).toMatchObject({ id: 'A-1', severity: 'high', createdAt: '2024-03-02T00:00:00.000Z' });
    }
  });

  it('names the key that is wrong, in a bare mapping and in a preset alike', () => {
    const typo = read(JSON.stringify({ fields: { titel: 'headline' } }));
    expect(typo).toMatchObject({ ok: false, problem: { reason: 'invalid', problems: [{ key: 'mapping.fields.titel', problem: 'is not a key it knows' }] } });
    if (!typo.ok) expect(typo.message).toBe('the mapping m.json is not valid: mapping.fields.titel is not a key it knows');
    const preset = { ...presetFromFormat(BUILT_IN_FORMATS[0]!), mapping: { fields: { title: 42 }, durationUnit: 'weeks' } };
    const wrong = read(JSON.stringify(preset));
    if (!wrong.ok) expect(wrong.message).toBe('the mapping m.json is not valid: mapping.fields.title must be string; mapping.durationUnit must be one of seconds, minutes, hours, days');
    expect(wrong.ok).toBe(false);
    const unversioned = read(JSON.stringify({ ...presetFromFormat(BUILT_IN_FORMATS[0]!), schemaVersion: undefined }));
    expect(unversioned).toMatchObject({ ok: false, problem: { problems: [{ key: 'mapping.schemaVersion', problem: 'is missing' }] } });
  });

  it('refuses a preset from a newer workbench, saying to update', () => {
    const newer = read(JSON.stringify({ schemaVersion: 2, id: 'x', name: 'x', format: 'csv', signature: [], mapping: { fields: {} } }));
    expect(newer).toEqual({
      ok: false,
      problem: { reason: 'newer-version', version: 2, newest: 1 },
      message: 'the mapping m.json has schemaVersion 2, newer than this version of the workbench reads (1); update the workbench',
    });
  });
});
