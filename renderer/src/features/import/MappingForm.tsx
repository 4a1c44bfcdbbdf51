import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { TEXT_ENCODINGS, type TextEncoding } from '../../../../shared/import/encoding.ts';
import { BUILT_IN_FORMATS } from '../../../../shared/import/formats/index.ts';
import { DETECTION_TYPES, INCIDENT_STATUSES, SERVICE_STAGES, SEVERITIES } from '../../../../shared/model/incident.ts';
import { DURATION_UNITS, FIELD_LABELS, MAPPABLE_FIELDS, TIME_FIELDS, type DurationUnit, type FieldMapping, type MappableField, type TimeField } from '../../../../shared/import/mapping.ts';
import type { FieldWarningSummary } from '../../../../shared/import/pipeline.ts';
import { planFor, previewImport, settleDatesAt, valuesInSample, viewSample } from '../../../../shared/import/preview.ts';
import { presetFromFormat, type MappingPreset } from '../../../../shared/import/presets.ts';
import { describePaths, type PathInfo } from '../../../../shared/import/suggest.ts';
import { valueKey, type ValueMapName } from '../../../../shared/import/values.ts';
import { dayMonthOrderOf, withDayMonthOrder, type DayMonthOrder } from '../../../../shared/import/dayMonth.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { listSavedPresets, savePreset } from '../../db/repositories/presets.ts';
import { getPlatform } from '../../platform/platform.ts';
import type { InspectedSource } from '../../workers/importProtocol.ts';
import { VisibleText } from '../../components/VisibleText.tsx';

// The study values each enumerated field takes, from the incident's one declaration.
const VALUE_FIELDS: Array<{ field: MappableField & ValueMapName; options: readonly string[] }> = [
  { field: 'status', options: INCIDENT_STATUSES },
  { field: 'severity', options: SEVERITIES },
  { field: 'detectionType', options: DETECTION_TYPES },
  { field: 'serviceStage', options: SERVICE_STAGES },
  { field: 'falseAlarm', options: ['true', 'false'] },
  { field: 'troubleshootingGuide', options: ['true', 'false'] },
];
const COMMON_ZONES = ['UTC', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'PST', 'PDT', 'EST', 'EDT'];
const ENCODING_NAMES: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Latin-1 (Windows-1252)' };

/** "path — e.g. a | b" for a picker option: where the value comes from and what it looks like. */
function pathLabel(info: PathInfo | undefined, path: string, sampled: boolean): string {
  if (!info) return sampled ? `${path} (not in the first records)` : path;
  const samples = info.samples.map((s) => (s.length > 30 ? `${s.slice(0, 29)}…` : s)).join(' | ');
  return samples === '' ? `${path} (empty)` : `${path} — e.g. ${samples}`;
}

export interface MappingFormProps {
  source: InspectedSource;
  formatId: string | null;
  mapping: FieldMapping;
  appliedPreset: string | null;
  warnings: readonly FieldWarningSummary[];
  onChange: (mapping: FieldMapping, formatId?: string | null) => void;
  onEncoding: (encoding: TextEncoding) => void;
}

/**
 * Column → field mapping for a file: a preset (built-in or saved), each field picked from the paths the file
 * has (with sample values), value maps over the values seen (and those the last run could not read), the
 * date format, time zone and duration unit, and a live preview of the first records normalised.
 */
export function MappingForm(props: MappingFormProps) {
  const { source, mapping, formatId, warnings } = props;
  const saved = useLiveQuery(() => listSavedPresets(getDatabase()), []);
  const [presetName, setPresetName] = useState('');
  const [presetState, setPresetState] = useState('');
  // The sample is 200 records: the preview, the paths and the value lists are worked out once per mapping, not per keystroke.
  const plan = useMemo(() => planFor(source.fileName, source.format, formatId, mapping), [source.fileName, source.format, formatId, mapping]);
  const preview = useMemo(() => previewImport(plan, source.sample, 5), [plan, source.sample]);
  const builtIns = BUILT_IN_FORMATS.filter((f) => !f.notIncidents).map(presetFromFormat);
  const presets: MappingPreset[] = [...builtIns, ...(saved ?? [])];
  // A built-in format maps fields of its view of each record (embedded JSON parsed, times picked), so the pickers list those.
  const paths = useMemo(() => (plan.exportFormat?.view ? describePaths(viewSample(plan.exportFormat, source.sample)) : source.suggestion.paths), [plan, source]);
  const pathInfo = useMemo(() => new Map(paths.map((p) => [p.path, p])), [paths]);
  const valueLists = useMemo(
    () => VALUE_FIELDS.map(({ field, options }) => ({ field, options, values: valuesInSample(plan, source.sample, field, warnings.find((w) => w.field === field)?.values ?? []) })),
    [plan, source.sample, warnings],
  );

  const setField = (field: MappableField, path: string) => {
    const fields = { ...mapping.fields };
    if (path === '') delete fields[field];
    else fields[field] = path;
    // A time field picked by hand gets the day/month order its values show, as a suggested one does.
    const timeField = TIME_FIELDS.find((f) => f === field);
    const dateFormat = timeField && path !== '' ? (settleDatesAt(plan.exportFormat, source.sample, path)?.format ?? null) : null;
    props.onChange({ ...mapping, fields, ...(timeField && dateFormat ? { dateFormats: { ...mapping.dateFormats, [timeField]: dateFormat } } : {}) });
  };
  const setValue = (field: ValueMapName, raw: string, to: string) => {
    const own = Object.assign(Object.create(null) as Record<string, string>, mapping.values?.[field], { [valueKey(raw)]: to });
    props.onChange({ ...mapping, values: { ...mapping.values, [field]: own } });
  };
  const setDateFormat = (format: string) =>
    props.onChange({ ...mapping, dateFormats: format === '' ? undefined : Object.fromEntries(TIME_FIELDS.map((f) => [f, format])) });
  const applyPreset = (id: string) => {
    const preset = presets.find((p) => p.id === id);
    if (preset) props.onChange(structuredClone(preset.mapping), preset.formatId ?? null);
  };
  const currentPreset = (): MappingPreset => {
    const name = presetName.trim() || source.fileName;
    return { schemaVersion: 1, id: `saved:${name}`, name, format: source.format, signature: source.columns, mapping, ...(formatId ? { formatId } : {}) };
  };
  const save = async () => {
    try {
      if (presetName.trim() === '') throw new Error('Name the preset first.');
      await savePreset(getDatabase(), currentPreset());
      setPresetState(`Saved as preset "${presetName.trim()}"; files with these columns will get it automatically.`);
    } catch (e) {
      setPresetState((e as Error).message);
    }
  };
  const exportPreset = async () => {
    const preset = currentPreset();
    const saved = await getPlatform().saveTextFile(`${preset.name.replace(/[\\/:*?"<>|]/g, '_')}.mapping.json`, `${JSON.stringify(preset, null, 2)}\n`, 'application/json');
    if (saved) setPresetState(`Exported; the command line reads it with --mapping.`);
  };

  // Time fields whose dates no value decides (every day and month 12 or less), picked by hand or suggested: asked.
  const ambiguousDates = useMemo(
    () => TIME_FIELDS.filter((f: TimeField) => mapping.fields[f] && mapping.dateFormats?.[f] && settleDatesAt(plan.exportFormat, source.sample, mapping.fields[f]!)?.ambiguous),
    [mapping, plan, source.sample],
  );
  const firstAmbiguous = ambiguousDates[0];
  const builtIn = formatId ? BUILT_IN_FORMATS.find((f) => f.id === formatId) : undefined;

  return (
    <section aria-label="Field mapping" className="mapping">
      <h2>Map the fields of {source.fileName}</h2>
      <div className="toolbar" data-testid="source-summary">
        <span>
          {source.format.toUpperCase()}, {(source.sizeBytes / 1024).toFixed(0)} KiB, {source.sample.length} record{source.sample.length === 1 ? '' : 's'} read for the preview
          {source.complete ? ' (the whole file)' : ''}.
        </span>
        <label htmlFor="encoding">Encoding</label>
        <select id="encoding" value={source.encoding} onChange={(e) => props.onEncoding(e.target.value as TextEncoding)} data-testid="encoding-select">
          {TEXT_ENCODINGS.map((e) => (
            <option key={e} value={e}>
              {ENCODING_NAMES[e]}
            </option>
          ))}
        </select>
      </div>
      {source.encodingNote && (
        <p className="warning" role="note" data-testid="encoding-note">
          {source.encodingNote}
        </p>
      )}
      <p data-testid="mapping-origin">
        {builtIn
          ? `Recognised as ${builtIn.name}; its preset is applied.`
          : props.appliedPreset
            ? `Your saved preset "${props.appliedPreset}" is applied: this file has every column it was made for.`
            : 'Fields suggested from the names and values in the file; check them.'}
      </p>
      {source.errors.length > 0 && (
        <div role="alert" className="warning" data-testid="source-errors">
          <p>
            {source.errors.length} problem{source.errors.length === 1 ? '' : 's'} reading {source.fileName}
            {source.complete ? '' : ' (in the part read so far)'}:
          </p>
          <ul>
            {source.errors.slice(0, 10).map((e, i) => (
              <li key={i}>
                {e.row > 0 ? `Row ${e.row}` : 'File'}, {e.field}: <VisibleText text={e.message} />
              </li>
            ))}
          </ul>
        </div>
      )}
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
        <button type="button" onClick={() => void exportPreset()} data-testid="export-preset">
          Export preset to a file…
        </button>
        <span role="status">{presetState}</span>
      </div>
      <div className="mapping-grid">
        {MAPPABLE_FIELDS.map((field) => {
          const current = mapping.fields[field] ?? '';
          const ranked = source.suggestion.candidates[field] ?? [];
          const others = paths.map((p) => p.path).filter((p) => !ranked.includes(p));
          const options = current !== '' && !ranked.includes(current) && !others.includes(current) ? [current, ...ranked, ...others] : [...ranked, ...others];
          return (
            <label key={field} className="mapping-row">
              <span>{FIELD_LABELS[field]}</span>
              <select value={current} onChange={(e) => setField(field, e.target.value)} data-testid={`map-${field}`}>
                <option value="">— not mapped —</option>
                {options.map((path) => (
                  <option key={path} value={path}>
                    {pathLabel(pathInfo.get(path), path, source.sample.length > 0)}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
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
        {firstAmbiguous && (
          <>
            <label htmlFor="day-month">Dates such as {pathInfo.get(mapping.fields[firstAmbiguous]!)?.samples[0] ?? '01/02/2024'} are</label>
            <select
              id="day-month"
              value={dayMonthOrderOf(mapping.dateFormats![firstAmbiguous]!) ?? 'month-first'}
              onChange={(e) => {
                const order = e.target.value as DayMonthOrder;
                props.onChange({ ...mapping, dateFormats: Object.fromEntries(Object.entries(mapping.dateFormats ?? {}).map(([f, fmt]) => [f, ambiguousDates.includes(f as TimeField) ? withDayMonthOrder(fmt, order) : fmt])) });
              }}
              data-testid="day-month"
            >
              <option value="month-first">month first (MM/DD)</option>
              <option value="day-first">day first (DD/MM)</option>
            </select>
          </>
        )}
        <label htmlFor="time-zone">Time zone of times without one</label>
        <input id="time-zone" list="zones" placeholder="UTC" value={mapping.timeZone ?? ''} onChange={(e) => props.onChange({ ...mapping, timeZone: e.target.value || undefined })} data-testid="time-zone" />
        <datalist id="zones">
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {mapping.fields.duration && (
          <>
            <label htmlFor="duration-unit">Duration in</label>
            <select id="duration-unit" value={mapping.durationUnit ?? 'minutes'} onChange={(e) => props.onChange({ ...mapping, durationUnit: e.target.value as DurationUnit })} data-testid="duration-unit">
              {DURATION_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="choice">
          <input type="checkbox" checked={mapping.strict === true} onChange={(e) => props.onChange({ ...mapping, strict: e.target.checked || undefined })} data-testid="strict" />
          Strict: refuse rows whose optional fields cannot be read (by default they are kept with the field empty)
        </label>
      </div>
      {valueLists.map(({ field, options, values }) => {
        if (values.length === 0) return null;
        const warned = warnings.some((w) => w.field === field);
        const unmapped = values.filter((v) => v.mapped === null && !v.empty).length;
        return (
          <details key={field} className="value-map" open={unmapped > 0 || warned}>
            <summary>
              {FIELD_LABELS[field]}: {values.length} value{values.length === 1 ? '' : 's'} seen
              {unmapped > 0 ? `, ${unmapped} not mapped (left empty)` : ''}
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
                        <option value="">{v.empty ? '— no value (placeholder) —' : '— none —'}</option>
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
              <th scope="col">Detection</th>
              <th scope="col">Services</th>
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
                <td>
                  {incident.severity ?? '—'}
                  {incident.severityRaw !== null && (
                    <>
                      {' ('}
                      <VisibleText text={incident.severityRaw} />)
                    </>
                  )}
                </td>
                <td>{incident.detectionType ?? '—'}</td>
                <td>
                  <VisibleText text={incident.services.join(', ') || '—'} />
                </td>
                <td>{incident.createdAt ?? '—'}</td>
                <td>{incident.timeToMitigateMinutes === null ? '—' : `${incident.timeToMitigateMinutes} min`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.warnings.length > 0 && (
        <ul className="warning" data-testid="preview-warnings">
          {preview.warnings.map((w) => (
            <li key={w.field}>
              In these rows, {FIELD_LABELS[w.field]} (from "<VisibleText text={w.path} />") could not read {w.values.map((v) => `"${v.value}"`).join(', ')}: it will be left empty.
            </li>
          ))}
        </ul>
      )}
      {preview.errors.length > 0 && (
        <ul className="warning" data-testid="preview-errors">
          {preview.errors.map((e, i) => (
            <li key={i}>
              Row {e.row}, <VisibleText text={e.field} />: <VisibleText text={e.message} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
