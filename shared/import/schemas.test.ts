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
      new URL('../../../shared/datasets/statuspage/githubstatus_incidents_mrshu.jsonl', import.meta.url),
      new URL('../../../shared/datasets/statuspage/githubstatus_api_v2_incidents_sample.json', import.meta.url),
      new URL('../../../shared/datasets/formats/servicenow_incident_event_log_sample100.csv', import.meta.url),
      new URL('../../../shared/datasets/llm_status/icpe25_llm-service-analysis/incident_stages.csv', import.meta.url),
      new URL('../../../shared/datasets/research/llm-cloud-incident-extraction/label_data/azure_label.csv', import.meta.url),
      new URL('../../../shared/datasets/postmortems/danluu_post-mortems_README.md', import.meta.url),
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
    }
    expect(checked).toBeGreaterThan(1500);
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
