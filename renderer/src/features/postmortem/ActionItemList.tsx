import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ACTION_ITEM_STATUSES, actionItemsCsv, studyActionItems, type ActionItem } from '../../../../shared/postmortem/draft.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { getDatabase } from '../../db/activeStudy.ts';
import { getPlatform } from '../../platform/platform.ts';
import { listPostmortemHeads } from '../../db/repositories/postmortems.ts';

const ANY = '';

/** Every action item of the study's postmortems (their current versions), filtered by owner, status and due date; as CSV. */
export function ActionItemList({ onOpen }: { onOpen: (incidentId: string) => void }) {
  const db = getDatabase();
  const heads = useLiveQuery(() => listPostmortemHeads(db), [db]);
  const [owner, setOwner] = useState(ANY);
  const [status, setStatus] = useState<ActionItem['status'] | typeof ANY>(ANY);
  const [dueBy, setDueBy] = useState('');
  const [message, setMessage] = useState('');
  const all = useMemo(() => studyActionItems(heads ?? []), [heads]);
  const owners = useMemo(() => [...new Set(all.map((r) => r.owner))].sort(), [all]);
  const rows = useMemo(() => studyActionItems(heads ?? [], { ...(owner !== ANY ? { owner } : {}), ...(status !== ANY ? { status } : {}), ...(dueBy !== '' ? { dueBy } : {}) }), [heads, owner, status, dueBy]);
  if (!heads) return <p role="status">Loading…</p>;
  const exportCsv = async () => setMessage((await getPlatform().saveTextFile('action-items.csv', actionItemsCsv(rows), 'text/csv')) ? `Saved action-items.csv (${rows.length} items).` : 'Not saved.');
  return (
    <section aria-labelledby="actions-heading" data-testid="action-item-list">
      <h2 id="actions-heading">Action items of every postmortem</h2>
      <div className="toolbar">
        <label>
          Owner{' '}
          <select value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="filter-owner">
            <option value={ANY}>anyone</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o === '' ? '(no owner)' : visibleTextString(o)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as ActionItem['status'] | typeof ANY)} data-testid="filter-status">
            <option value={ANY}>any</option>
            {ACTION_ITEM_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Due on or before <input type="date" value={dueBy} onChange={(e) => setDueBy(e.target.value)} data-testid="filter-due" />
        </label>
        <button type="button" onClick={() => void exportCsv()} disabled={rows.length === 0} data-testid="export-action-items">
          Export CSV
        </button>
        <span role="status">{message}</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{all.length === 0 ? 'No postmortem has an action item yet.' : 'No action item matches.'}</p>
      ) : (
        <table data-testid="action-item-table">
          <caption>
            {rows.length} of {all.length} action items, soonest due first
          </caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">What</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.incidentId}:${r.id}`} data-testid="action-item-row" data-incident-id={r.incidentId}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(r.incidentId)}>
                    <VisibleText text={r.incidentId} />
                  </button>
                </td>
                <td>
                  <VisibleText text={r.text} />
                </td>
                <td>
                  <VisibleText text={r.owner} />
                </td>
                <td>{r.due ?? '—'}</td>
                <td>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
