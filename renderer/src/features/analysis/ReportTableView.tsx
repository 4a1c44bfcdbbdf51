import { formatCell, tableToCsv, tableToLatex, type ReportTable } from '../../../../shared/report/reportTable.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { getPlatform } from '../../platform/platform.ts';

/** One table of the report, as every export writes it; each cell keeps its number in data-value for tests. */
export function ReportTableView({ table }: { table: ReportTable }) {
  const save = (kind: 'csv' | 'tex') =>
    void getPlatform().saveTextFile(`${table.id}.${kind}`, kind === 'csv' ? tableToCsv(table) : tableToLatex(table), kind === 'csv' ? 'text/csv' : 'application/x-tex');
  return (
    <div className="report-table" data-testid="report-table" data-table-id={table.id}>
      <h3>
        <VisibleText text={table.title} />
      </h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={visibleTextString(table.title)}>
        <table className="numbers">
          <caption>
            <VisibleText text={table.caption} />
          </caption>
          <thead>
            <tr>
              {table.columns.map((c, j) => (
                <th scope="col" key={j} data-kind={c.kind}>
                  <VisibleText text={c.label} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i} data-row-key={table.keys?.rows[i]}>
                {row.map((v, j) =>
                  j === 0 ? (
                    <th scope="row" key={j} data-value={v ?? ''}>
                      <VisibleText text={formatCell(v, table.columns[j]!.kind)} />
                    </th>
                  ) : (
                    <td key={j} data-value={v ?? ''} data-column-key={table.keys?.columns[j] ?? undefined}>
                      <VisibleText text={formatCell(v, table.columns[j]!.kind)} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" onClick={() => save('csv')} data-testid="table-csv" aria-label={`Save “${visibleTextString(table.title)}” as CSV`}>
          CSV
        </button>
        <button type="button" onClick={() => save('tex')} data-testid="table-latex" aria-label={`Save “${visibleTextString(table.title)}” as LaTeX`}>
          LaTeX
        </button>
      </div>
    </div>
  );
}
