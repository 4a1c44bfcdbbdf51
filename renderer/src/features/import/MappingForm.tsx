import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { BUILT_IN_FORMATS } from '../../../shared/import/formats/index.ts';
import { FIELD_LABELS, MAPPABLE_FIELDS, TIME_FIELDS, type FieldMapping, type MappableField } from '../../../shared/import/mapping.ts';
import { planFor, previewImport, valuesInSample } from '../../../shared/import/preview.ts';
import { presetFromFormat, type MappingPreset } from '../../../shared/import/presets.ts';
import type { ValueMapName } from '../../../shared/import/values.ts';
import { getDatabase } from '../db/schema.ts';
import { listSavedPresets, savePreset } from '../db/repositories/presets.ts';
import type { InspectedSource } from '../workers/importProtocol.ts';
import { VisibleText } from './VisibleText.tsx';

const VALUE_FIELDS: Array<{ field: MappableField & ValueMapName; options: string[] }> = [
  { field: 'status', options: ['active', 'mitigated', 'resolved'] },
  { field: 'severity', options: ['high', 'medium', 'low'] },
  { field: 'detectionType', options: ['human', 'monitor'] },
  { field: 'serviceStage', options: ['ga', 'preview', 'development'] },
];
const COMMON_ZONES = ['UTC', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'PST', 'PDT', 'EST', 'EDT'];

/**
 * Column → field mapping for one file: a preset (built-in or saved), each field's source path, value maps
 * for the enumerated fields, the date format and time zone, and a live preview of the first rows normalised.
 */
export function MappingForm(props: { source: InspectedSource; formatId: string | null; mapping: FieldMapping; onChange: (mapping: FieldMapping, formatId?: string | null) => void }) {
  const { source, mapping, formatId } = props;
  const saved = useLiveQuery(() => listSavedPresets(getDatabase()), []);
  const [presetName, setPresetName] = useState('');
  const [presetState, setPresetState] = useState('');
  const plan = planFor(source.fileName, source.format, formatId, mapping);
  const preview = previewImport(plan, source.sample);
  const builtIns = BUILT_IN_FORMATS.filter((f) => !f.notIncidents).map(presetFromFormat);
  const presets: MappingPreset[] = [...builtIns, ...(saved ?? [])];

  const setField = (field: MappableField, column: string) => {
    const fields = { ...mapping.fields };
    if (column === '') delete fields[field];
    else fields[field] = column;
    props.onChange({ ...mapping, fields });
  };
  const setValue = (field: ValueMapName, raw: string, to: string) => {
    const own = { ...(mapping.values?.[field] ?? {}), [raw.trim().toLowerCase()]: to };
    props.onChange({ ...mapping, values: { ...mapping.values, [field]: own } });
  };
  const setDateFormat = (format: string) =>
    props.onChange({ ...mapping, dateFormats: format === '' ? undefined : Object.fromEntries(TIME_FIELDS.map((f) => [f, format])) });
  const applyPreset = (id: string) => {
    const preset = presets.find((p) => p.id === id);
    if (preset) props.onChange(structuredClone(preset.mapping), preset.formatId ?? null);
  };
  const save = async () => {
    try {
      const name = presetName.trim();
      await savePreset(getDatabase(), { schemaVersion: 1, id: `saved:${name}`, name, format: source.format, signature: source.columns, mapping, ...(formatId ? { formatId } : {}) });
      setPresetState(`Saved as preset "${name}".`);
    } catch (e) {
      setPresetState((e as Error).message);
    }
  };

  return (
    <section aria-label="Field mapping" className="mapping">
      <h2>Map the fields of {source.fileName}</h2>
      <p data-testid="source-summary">
        {source.format.toUpperCase()}, {source.encoding}, {(source.sizeBytes / 1024).toFixed(0)} KiB.{' '}
        {formatId ? `Recognised as ${BUILT_IN_FORMATS.find((f) => f.id === formatId)?.name ?? formatId}; its preset is applied.` : 'Fields suggested from the column names.'}
      </p>
      <div className="toolbar">
        <label htmlFor="preset">Preset</label>
        <select id="preset" value="" onChange={(e) => applyPreset(e.target.value)} data-testid="preset-select">
          <option value="">— apply a preset —</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label htmlFor="preset-name">Save this mapping as</label>
        <input id="preset-name" value={presetName} onChange={(e) => setPresetName(e.target.value)} data-testid="preset-name" />
        <button type="button" onClick={() => void save()} data-testid="save-preset">
          Save preset
        </button>
        <span role="status">{presetState}</span>
      </div>
      <div className="mapping-grid">
        {MAPPABLE_FIELDS.map((field) => (
          <label key={field} className="mapping-row">
            <span>{FIELD_LABELS[field]}</span>
            <input
              list="source-columns"
              value={mapping.fields[field] ?? ''}
              placeholder="not mapped"
              onChange={(e) => setField(field, e.target.value)}
              title="A column, or a path such as root cause.details, updates[0].message or updates[*].message"
              data-testid={`map-${field}`}
            />
          </label>
        ))}
        <datalist id="source-columns">
          {source.columns.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <div className="toolbar">
        <label htmlFor="date-format">Date format</label>
        <input
          id="date-format"
          placeholder="automatic (ISO 8601, month names)"
          value={mapping.dateFormats?.createdAt ?? ''}
          onChange={(e) => setDateFormat(e.target.value)}
          title="Tokens: YYYY YY MMM MM DD HH hh mm ss A, e.g. DD-MM-YYYY HH:mm"
          data-testid="date-format"
        />
        <label htmlFor="time-zone">Time zone of times without one</label>
        <input id="time-zone" list="zones" placeholder="UTC" value={mapping.timeZone ?? ''} onChange={(e) => props.onChange({ ...mapping, timeZone: e.target.value || undefined })} data-testid="time-zone" />
        <datalist id="zones">
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      {VALUE_FIELDS.map(({ field, options }) => {
        const values = valuesInSample(plan, source.sample, field);
        if (values.length === 0) return null;
        return (
          <details key={field} className="value-map">
            <summary>
              {FIELD_LABELS[field]} values in the first {source.sample.length} records ({values.length})
            </summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Value in the file</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Study value</th>
                </tr>
              </thead>
              <tbody>
                {values.map((v) => (
                  <tr key={v.raw}>
                    <td>
                      <VisibleText text={v.raw} />
                    </td>
                    <td>{v.count}</td>
                    <td>
                      <select aria-label={`${FIELD_LABELS[field]} for ${v.raw}`} value={v.mapped ?? ''} onChange={(e) => setValue(field, v.raw, e.target.value)} data-testid={`value-${field}-${v.raw}`}>
                        <option value="">— none —</option>
                        {options.map((o) => (
                          <option key={o} value={o}>
                            {o}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
      <h3>Preview of the first rows</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Preview">
        <table data-testid="mapping-preview">
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Severity</th>
              <th scope="col">Created</th>
              <th scope="col">Time to mitigate</th>
            </tr>
          </thead>
          <tbody>
            {preview.incidents.map((incident) => (
              <tr key={incident.id}>
                <td>
                  <VisibleText text={incident.id} />
                </td>
                <td>
                  <VisibleText text={incident.title} />
                </td>
                <td>{incident.status ?? '—'}</td>
                <td>{`${incident.severity ?? '—'} (${incident.severityRaw ?? ''})`}</td>
                <td>{incident.createdAt ?? '—'}</td>
                <td>{incident.timeToMitigateMinutes === null ? '—' : `${incident.timeToMitigateMinutes} min`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.errors.length > 0 && (
        <ul className="warning" data-testid="preview-errors">
          {preview.errors.map((e, i) => (
            <li key={i}>
              Row {e.row}, {e.field}: <VisibleText text={e.message} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
