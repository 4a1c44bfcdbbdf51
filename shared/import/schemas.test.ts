import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import incidentSchema from '../../schemas/incident.schema.json' with { type: 'json' };
import presetSchema from '../../schemas/mapping-preset.schema.json' with { type: 'json' };
import { MAPPABLE_FIELDS } from './mapping.ts';
import { normaliseRecords } from './importIncidents.ts';
import { suggestMapping } from './mapping.ts';
import { parseSource } from './parse.ts';
import { makeIncident } from '../model/testFactories.ts';
import { BUILT_IN_PRESETS, GITHUB_STATUS_HISTORY } from './presets.ts';

// ajv's "format" keyword needs ajv-formats; date-time is checked by parsing instead.
const ajv = new Ajv({ allErrors: true, validateFormats: false });

describe('schemas of what the importer writes', () => {
  const validateIncident = ajv.compile(incidentSchema);

  it('every normalised incident of the fixture and of the GitHub history matches incident.schema.json', () => {
    const csv = readFileSync(new URL('../../tests/fixtures/skeleton-incidents.csv', import.meta.url), 'utf8');
    const jsonl = readFileSync(new URL('../../../shared/datasets/statuspage/githubstatus_incidents_mrshu.jsonl', import.meta.url), 'utf8');
    const csvSource = parseSource('f.csv', csv);
    const results = [
      normaliseRecords(csvSource, 'f.csv', suggestMapping(csvSource.columns)),
      normaliseRecords(parseSource('g.jsonl', jsonl), 'g.jsonl', GITHUB_STATUS_HISTORY.mapping),
    ];
    let checked = 0;
    for (const result of results) {
      if (result === 'cancelled') throw new Error('cancelled');
      for (const incident of result.incidents) {
        expect(validateIncident(incident), JSON.stringify(validateIncident.errors)).toBe(true);
        for (const t of [incident.createdAt, incident.mitigatedAt, incident.resolvedAt]) {
          if (t !== null) expect(new Date(t).toISOString()).toBe(t);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(800);
  });

  it('refuses an incident without a title or with an unknown status', () => {
    const base = makeIncident('1', { title: 'x' });
    expect(validateIncident(base)).toBe(true);
    expect(validateIncident({ ...base, title: '' })).toBe(false);
    expect(validateIncident({ ...base, status: 'sleeping' })).toBe(false);
  });

  it('every built-in preset matches mapping-preset.schema.json and maps only known fields', () => {
    const validatePreset = ajv.compile(presetSchema);
    for (const preset of BUILT_IN_PRESETS) {
      expect(validatePreset(preset), JSON.stringify(validatePreset.errors)).toBe(true);
      for (const field of Object.keys(preset.mapping.fields)) expect(MAPPABLE_FIELDS).toContain(field);
    }
  });
});
