import { FIELD_LABELS, MAPPABLE_FIELDS, mapRecord, type FieldMapping, type MappableField } from '../../../shared/import/mapping.ts';
import type { InspectedSource } from '../workers/importProtocol.ts';
import { VisibleText } from './VisibleText.tsx';

/** Column → field mapping with a live preview of the first rows, normalised as they would be stored. */
export function MappingForm(props: { source: InspectedSource; mapping: FieldMapping; onChange: (field: MappableField, column: string) => void }) {
  const { source, mapping } = props;
  const preview = source.sample.slice(0, 3).map((record, i) => mapRecord(record, mapping, { file: source.fileName, row: i + 1, format: source.format }));
  return (
    <section aria-label="Field mapping" className="mapping">
      <h2>Map the columns of {source.fileName}</h2>
      <p>
        {source.total} record{source.total === 1 ? '' : 's'} in {source.format.toUpperCase()}
        {source.presetId ? `; recognised as a known export (${source.presetId}), preset applied.` : '; fields suggested from the column names.'}
      </p>
      <div className="mapping-grid">
        {MAPPABLE_FIELDS.map((field) => {
          const current = mapping.fields[field] ?? '';
          const options = current !== '' && !source.columns.includes(current) ? [current, ...source.columns] : source.columns;
          return (
            <label key={field} className="mapping-row">
              <span>{FIELD_LABELS[field]}</span>
              <select value={current} onChange={(e) => props.onChange(field, e.target.value)} data-testid={`map-${field}`}>
                <option value="">— not mapped —</option>
                {options.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <h3>Preview of the first rows</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Preview">
        <table data-testid="mapping-preview">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Id</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Severity</th>
              <th scope="col">Created</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((p, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{p.incident ? <VisibleText text={p.incident.id} /> : '—'}</td>
                <td>{p.incident ? <VisibleText text={p.incident.title} /> : '—'}</td>
                <td>{p.incident?.status ?? '—'}</td>
                <td>{p.incident ? `${p.incident.severity ?? '—'} (${p.incident.severityRaw ?? ''})` : '—'}</td>
                <td>{p.incident?.createdAt ?? '—'}</td>
                <td>{p.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
