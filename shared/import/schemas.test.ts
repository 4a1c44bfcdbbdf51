import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import incidentSchema from '../../schemas/incident.schema.json' with { type: 'json' };
import presetSchema from '../../schemas/mapping-preset.schema.json' with { type: 'json' };
import { MAPPABLE_FIELDS } from './mapping.ts';
import { importText } from './pipeline.ts';
import { makeIncident } from '../model/testFactories.ts';
import { BUILT_IN_FORMATS } from './formats/index.ts';
import { presetFromFormat } from './presets.ts';
import { readdirSync } from 'node:fs';

// ajv's "format" keyword needs ajv-formats; date-time is checked by parsing instead.
const ajv = new Ajv({ allErrors: true, validateFormats: false });

describe('schemas of what the importer writes', () => {
  const validateIncident = ajv.compile(incidentSchema);

  it('every normalised incident of every fixture and data set matches incident.schema.json', () => {
    const files = [
      new URL('../../tests/fixtures/skeleton-incidents.csv', import.meta.url),
      ...readdirSync(new URL('../../tests/fixtures/formats/', import.meta.url)).map((f) => new URL(`../../tests/fixtures/formats/${f}`, import.meta.url)),
      new URL('../../renderer/public/samples/github-status-incidents.jsonl', import.meta.url),
      ...[
        'statuspage/incidents-api-v2.json',
        'servicenow/incident_event_log_sample.csv',
        'incident-stages.csv',
        'llm-cloud-incident-extraction/label_data/azure_label.csv',
        'postmortems/post-mortems-list.md',
      ].map((f) => new URL(`../../tests/fixtures/datasets/${f}`, import.meta.url)),
    ];
    let checked = 0;
    for (const file of files) {
      const result = importText(file.pathname.split('/').pop()!, readFileSync(file, 'utf8'));
      for (const incident of result.incidents) {
        expect(validateIncident(incident), JSON.stringify(validateIncident.errors)).toBe(true);
        for (const t of [incident.createdAt, incident.mitigatedAt, incident.resolvedAt]) {
          if (t !== null) expect(new Date(t).toISOString()).toBe(t);
        }
        checked++;
      }
      expect(result.incidents.length, file.pathname).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(files.length);
  });

  it('refuses an incident without a title or with an unknown status', () => {
    const base = makeIncident('1', { title: 'x' });
    expect(validateIncident(base)).toBe(true);
    expect(validateIncident({ ...base, title: '' })).toBe(false);
    expect(validateIncident({ ...base, status: 'sleeping' })).toBe(false);
  });

  it("every built-in format's mapping, as a preset, matches mapping-preset.schema.json and maps only known fields", () => {
    const validatePreset = ajv.compile(presetSchema);
    for (const format of BUILT_IN_FORMATS) {
      const preset = presetFromFormat(format);
      expect(validatePreset(preset), `${format.id}: ${JSON.stringify(validatePreset.errors)}`).toBe(true);
      for (const field of Object.keys(preset.mapping.fields)) expect(MAPPABLE_FIELDS).toContain(field);
    }
  });
});
