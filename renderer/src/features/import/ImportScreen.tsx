import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDatabase } from '../db/schema.ts';
import { countIncidents, listImports } from '../db/repositories/incidents.ts';
import { getPlatform } from '../platform/platform.ts';
import { useImportJob } from '../store/importJob.ts';
import { MappingForm } from '../components/MappingForm.tsx';
import { RowErrorTable } from '../components/RowErrorTable.tsx';

const DEMO_FILE = 'github-status-incidents.jsonl';
const PHASE_NAMES = { reading: 'Reading, normalising and storing', finishing: 'Finishing', 'rolling back': 'Undoing what was written' } as const;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  return seconds < 60 ? `${Math.ceil(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

export function ImportScreen() {
  const { job, open, setMapping, start, commit, cancel, reset } = useImportJob();
  const [openError, setOpenError] = useState<string | null>(null);
  const busy = job.step === 'inspecting' || job.step === 'running' || job.step === 'confirm';
  // Not while an import runs: a live count would be re-run (a scan of the table) after every batch written.
  const incidentCount = useLiveQuery(() => (busy ? Promise.resolve(undefined) : countIncidents(getDatabase())), [busy]);
  const imports = useLiveQuery(() => listImports(getDatabase()), []);

  const chooseFile = async () => {
    setOpenError(null);
    try {
      const file = await getPlatform().openFile({
        title: 'Open an incident export',
        filters: [{ name: 'Incident exports', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'ndjson', 'md'] }],
      });
      if (file) open(file);
    } catch (e) {
      setOpenError(`The file could not be read: ${(e as Error).message}`);
    }
  };

  const loadDemo = async () => {
    setOpenError(null);
    try {
      const response = await fetch(`samples/${DEMO_FILE}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      open({ name: DEMO_FILE, file: await response.blob() });
    } catch (e) {
      setOpenError(`The demo data could not be loaded: ${(e as Error).message}`);
    }
  };

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Import incidents</h1>
      <p className="lead">
        Load an incident export: CSV, JSON or JSON Lines from Statuspage, PagerDuty, Jira, ServiceNow, Opsgenie, incident.io or any other
        tool, or a Markdown list of post-mortems. Every record is kept unchanged beside its normalised form; re-importing a file updates incidents
        by id and never touches labels.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void chooseFile()} disabled={busy} data-testid="choose-file">
          Choose an export file…
        </button>
        <button type="button" onClick={() => void loadDemo()} disabled={busy} data-testid="load-demo">
          Load the demo study (GitHub status history)
        </button>
      </div>
      {openError && <p role="alert">{openError}</p>}
      <p className="muted" data-testid="incident-count">
        {incidentCount === undefined ? (busy ? 'Importing…' : '') : `${incidentCount} incident${incidentCount === 1 ? '' : 's'} in this study.`}
      </p>

      {job.step === 'inspecting' && <p role="status">Reading {job.fileName}…</p>}

      {job.step === 'mapping' && (
        <>
          <MappingForm source={job.source} formatId={job.formatId} mapping={job.mapping} onChange={setMapping} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => start(new Date())} disabled={!job.mapping.fields.title} data-testid="start-import">
              Import {job.source.fileName}
            </button>
            <button type="button" onClick={reset}>
              Choose another file
            </button>
          </div>
          {!job.mapping.fields.title && <p className="warning">Map a column to Title first: every incident needs one.</p>}
        </>
      )}

      {job.step === 'running' && (
        <section aria-label="Import progress" className="progress">
          <label htmlFor="import-progress">
            {PHASE_NAMES[job.phase]}: {job.rows} rows, {(job.bytesRead / 1048576).toFixed(1)} of {(job.totalBytes / 1048576).toFixed(1)} MiB
          </label>
          <progress id="import-progress" max={Math.max(job.totalBytes, 1)} value={job.bytesRead} data-testid="import-progress" data-rows={job.rows} />
          <p className="muted" role="status">
            {job.elapsedMs > 0 ? `${Math.round((job.rows / job.elapsedMs) * 1000)} rows/s` : ''}
            {job.elapsedMs > 0 && job.bytesRead > 0 ? `, about ${formatSeconds(((job.totalBytes - job.bytesRead) * job.elapsedMs) / job.bytesRead / 1000)} left` : ''}
          </p>
          <button type="button" onClick={cancel} disabled={job.phase === 'rolling back'} data-testid="cancel-import">
            Cancel import
          </button>
        </section>
      )}

      {job.step === 'confirm' && (
        <section aria-label="Rows with errors found">
          <p role="alert">
            {job.errors.length} problem{job.errors.length === 1 ? '' : 's'} found in {job.fileName}. The valid incidents are held back until you
            choose: keep them, or cancel and leave the study as it was.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={commit} data-testid="import-valid">
              Import the {job.valid} valid incidents
            </button>
            <button type="button" onClick={cancel} data-testid="cancel-import">
              Cancel import
            </button>
          </div>
          <RowErrorTable errors={job.errors} fileName={job.fileName} />
        </section>
      )}

      {job.step === 'done' && (
        <section aria-label="Import result">
          <p role="status" className="success" data-testid="import-done" data-timings={JSON.stringify(job.timings)}>
            Imported {job.fileName}: {job.added} new, {job.updated} updated, {job.rejected} rejected
            {job.elapsedMs > 0 ? ` (${job.rows} rows in ${(job.elapsedMs / 1000).toFixed(1)} s)` : ''}.
          </p>
          <RowErrorTable errors={job.errors} fileName={job.fileName} />
          <button type="button" onClick={reset}>
            Import another file
          </button>
        </section>
      )}

      {job.step === 'cancelled' && (
        <p role="status" data-testid="import-cancelled">
          Import of {job.fileName} cancelled; the study is exactly as it was.{' '}
          <button type="button" onClick={reset}>
            Start again
          </button>
        </p>
      )}
      {job.step === 'failed' && (
        <p role="alert" data-testid="import-failed">
          {job.message}{' '}
          <button type="button" onClick={reset}>
            Start again
          </button>
        </p>
      )}

      {imports && imports.length > 0 && (
        <section aria-label="Import history">
          <h2>Imports so far</h2>
          <ul className="plain" data-testid="import-history">
            {imports.map((l) => (
              <li key={l.seq}>
                {l.importedAt.slice(0, 16).replace('T', ' ')} — {l.fileName} ({l.format}): {l.added} new, {l.updated} updated, {l.rejected} rejected
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
