import type { RowError } from '../../../shared/import/mapping.ts';
import { rowErrorsToCsv } from '../../../shared/export/rowErrorsCsv.ts';
import { getPlatform } from '../platform/platform.ts';
import { VisibleText } from './VisibleText.tsx';

const SHOWN = 200;

/** Every row error, naming file, row and field; the full list can be saved as CSV. */
export function RowErrorTable({ errors, fileName }: { errors: readonly RowError[]; fileName: string }) {
  if (errors.length === 0) return null;
  const save = () => void getPlatform().saveTextFile(`${fileName}.errors.csv`, rowErrorsToCsv(errors), 'text/csv');
  return (
    <section className="errors" aria-label="Rows with errors">
      <h2>
        {errors.length} row error{errors.length === 1 ? '' : 's'}
      </h2>
      <button type="button" onClick={save} data-testid="save-errors">
        Save error list as CSV
      </button>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Error list">
        <table data-testid="error-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Row</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, SHOWN).map((e, i) => (
              <tr key={i}>
                <td>
                  <VisibleText text={e.file} />
                </td>
                <td>{e.row}</td>
                <td>
                  <VisibleText text={e.field} />
                </td>
                <td>
                  <VisibleText text={e.message} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > SHOWN && <p className="muted">Showing the first {SHOWN}; the saved CSV has all {errors.length}.</p>}
    </section>
  );
}
