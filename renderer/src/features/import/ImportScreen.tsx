import { LoadCloudDemo } from '../study/LoadCloudDemo.tsx';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { mappingMisfits } from '../../../../shared/import/fileFit.ts';
import { incidentsInSample, planFor } from '../../../../shared/import/preview.ts';
import type { FieldWarningSummary } from '../../../../shared/import/pipeline.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { countIncidents, listImports } from '../../db/repositories/incidents.ts';
import { listSavedPresets } from '../../db/repositories/presets.ts';
import { getPlatform, type ChosenFile } from '../../platform/platform.ts';
import { useImportJob, type MappingStep } from './importJob.ts';
import { MappingForm } from './MappingForm.tsx';
import { RowErrorTable } from '../../components/RowErrorTable.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';

const DEMO_FILE = 'github-status-incidents.jsonl';
const PHASE_NAMES = { reading: 'Reading, normalising and storing', finishing: 'Finishing' } as const;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  return seconds < 60 ? `${Math.ceil(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

/** One line per field that could not take some values: the rows were kept with the field empty. */
function FieldWarnings({ warnings }: { warnings: readonly FieldWarningSummary[] }) {
  if (warnings.length === 0) return null;
  return (
    <section aria-label="Fields left empty" className="warning" data-testid="field-warnings">
      <h2>Values some fields could not read</h2>
      <p>These rows were imported with the field empty; the value stays in the stored record. Go back to the mapping to map these values and import again (incidents are updated by id).</p>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.file}:${w.field}`} data-testid="field-warning" data-field={w.field} data-rows={w.rows}>
            <VisibleText text={`${w.file}: ${w.message}: `} />
            {w.values.slice(0, 8).map((v, i) => (
              <span key={v.value}>
                {i > 0 ? ', ' : ''}"<VisibleText text={v.value} />" ({v.rows})
              </span>
            ))}
            {w.values.length > 8 || w.moreValues > 0 ? ', …' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The mapping step: the form, what will be imported, and the import button, disabled when no record would become an incident. */
function MappingStepView({ job }: { job: MappingStep }) {
  const { setMapping, start, reset, reinspect } = useImportJob();
  const { source, formatId, mapping } = job;
  const importable = useMemo(() => incidentsInSample(planFor(source.fileName, source.format, formatId, mapping), source.sample), [source, formatId, mapping]);
  const misfits = useMemo(
    () => source.others.map((other) => ({ fileName: other.fileName, reasons: mappingMisfits(mapping, formatId, source, other) })).filter((m) => m.reasons.length > 0),
    [source, formatId, mapping],
  );
  const names = job.files.map((f) => f.name);
  return (
    <>
      <MappingForm
        source={job.source}
        formatId={job.formatId}
        mapping={job.mapping}
        appliedPreset={job.appliedPreset}
        warnings={job.warnings}
        onChange={setMapping}
        onEncoding={reinspect}
      />
      {names.length > 1 && (
        <p data-testid="file-list">
          {names.length} files are imported in one go with this mapping: <VisibleText text={names.join(', ')} />.
        </p>
      )}
      {misfits.length > 0 && (
        <div className="warning" role="alert" data-testid="file-misfits">
          <p>This mapping was made on {source.fileName} and does not fit every other file chosen with it; their rows may be refused. Import such files on their own.</p>
          <ul>
            {misfits.map(({ fileName, reasons }) => (
              <li key={fileName}>
                <VisibleText text={`${fileName}: ${reasons.join('; ')}`} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => start(new Date())} disabled={importable === 0} data-testid="start-import">
          Import {names.length === 1 ? job.source.fileName : `${names.length} files`}
        </button>
        <button type="button" onClick={reset}>
          Choose another file
        </button>
      </div>
      {importable === 0 && (
        <p className="warning" role="alert" data-testid="nothing-importable">
          {job.source.sample.length === 0
            ? job.source.complete && job.source.columns.length > 0 && job.source.errors.length === 0
              ? `${job.source.fileName} has column names but no rows.`
              : `No record could be read from ${job.source.fileName}; see the problems above.`
            : job.mapping.strict
              ? `None of the first ${job.source.sample.length} records becomes an incident in strict mode: each has a value a field cannot read (see the problems under the preview). Map those values, or turn strict mode off.`
              : `None of the first ${job.source.sample.length} records becomes an incident with this mapping: map a title or a text field.`}
        </p>
      )}
    </>
  );
}

/** After an import ends: back to the mapping as it was (when there is one), or start over. */
function NextSteps({ restart }: { restart: string }) {
  const { lastMapping, backToMapping, reset } = useImportJob();
  return (
    <div className="actions">
      {lastMapping && (
        <button type="button" onClick={backToMapping} data-testid="back-to-mapping">
          Back to the mapping
        </button>
      )}
      <button type="button" onClick={reset}>
        {restart}
      </button>
    </div>
  );
}

export function ImportScreen() {
  const { job, open, commit, cancel, backToMapping } = useImportJob();
  const [openError, setOpenError] = useState<string | null>(null);
  const busy = job.step === 'inspecting' || job.step === 'running' || job.step === 'confirm';
  // Not while an import runs: a live count would be re-run (a scan of the table) after every batch written.
  const incidentCount = useLiveQuery(() => (busy ? Promise.resolve(undefined) : countIncidents(getDatabase())), [busy]);
  const imports = useLiveQuery(() => listImports(getDatabase()), []);

  const chooseFile = async () => {
    setOpenError(null);
    try {
      const files = await getPlatform().openFiles({
        title: 'Open incident exports',
        filters: [{ name: 'Incident exports', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'ndjson', 'md'] }],
        multiple: true,
      });
      if (files.length > 0) open(files, await listSavedPresets(getDatabase()));
    } catch (e) {
      setOpenError(`The file could not be read: ${(e as Error).message}`);
    }
  };

  const loadDemo = async () => {
    setOpenError(null);
    try {
      const response = await fetch(`samples/${DEMO_FILE}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const demo: ChosenFile = { name: DEMO_FILE, file: await response.blob() };
      open([demo], []);
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
          Choose export files…
        </button>
        <button type="button" onClick={() => void loadDemo()} disabled={busy} data-testid="load-demo">
          Load the demo study (GitHub status history)
        </button>
        <LoadCloudDemo />
      </div>
      {openError && <p role="alert">{openError}</p>}
      <p className="muted" data-testid="incident-count">
        {incidentCount === undefined ? (busy ? 'Importing…' : '') : `${incidentCount} incident${incidentCount === 1 ? '' : 's'} in this study.`}
      </p>

      {job.step === 'inspecting' && (
        <p role="status" data-testid="inspecting">
          Reading {job.fileName}…{' '}
          <button type="button" onClick={cancel} data-testid="cancel-inspect">
            Cancel
          </button>
        </p>
      )}

      {job.step === 'mapping' && <MappingStepView job={job} />}

      {job.step === 'running' && job.phase === 'rolling back' && (
        <section aria-label="Import progress" className="progress">
          <label htmlFor="import-progress">Undoing what was written, batch by batch; the study will be exactly as it was before the import.</label>
          {/* No value: how long the undo takes is not known, so the bar shows activity, not a share. */}
          <progress id="import-progress" data-testid="import-progress" />
        </section>
      )}

      {job.step === 'running' && job.phase !== 'rolling back' && (
        <section aria-label="Import progress" className="progress">
          <label htmlFor="import-progress">
            {PHASE_NAMES[job.phase]}
            {job.fileCount > 1 && job.fileIndex > 0 ? ` (file ${job.fileIndex} of ${job.fileCount}, ${job.fileName})` : ''}: {job.rows} rows, {(job.bytesRead / 1048576).toFixed(1)} of{' '}
            {(job.totalBytes / 1048576).toFixed(1)} MiB
          </label>
          <progress id="import-progress" max={Math.max(job.totalBytes, 1)} value={job.bytesRead} data-testid="import-progress" data-rows={job.rows} />
          <p className="muted" role="status">
            {job.elapsedMs > 0 ? `${Math.round((job.rows / job.elapsedMs) * 1000)} rows/s` : ''}
            {job.elapsedMs > 0 && job.bytesRead > 0 ? `, about ${formatSeconds(((job.totalBytes - job.bytesRead) * job.elapsedMs) / job.bytesRead / 1000)} left` : ''}
          </p>
          <button type="button" onClick={cancel} data-testid="cancel-import">
            Cancel import
          </button>
        </section>
      )}

      {job.step === 'confirm' && (
        <section aria-label="Rows with errors found">
          {job.valid > 0 ? (
            <p role="alert">
              {job.errors.length} problem{job.errors.length === 1 ? '' : 's'} found in <VisibleText text={job.fileName} />. The {job.valid} valid incidents are held
              back until you choose: keep them, or cancel and leave the study as it was.
            </p>
          ) : (
            <p role="alert" data-testid="nothing-valid">
              No incident in <VisibleText text={job.fileName} /> can be imported: every record has a problem below. The study is unchanged.
            </p>
          )}
          <div className="actions">
            {job.valid > 0 && (
              <button type="button" className="primary" onClick={commit} data-testid="import-valid">
                Import the {job.valid === 1 ? 'valid incident' : `${job.valid} valid incidents`}
              </button>
            )}
            <button type="button" onClick={backToMapping} data-testid="back-to-mapping">
              Back to the mapping
            </button>
            <button type="button" onClick={cancel} data-testid="cancel-import">
              Cancel import
            </button>
          </div>
          <FieldWarnings warnings={job.warnings} />
          <RowErrorTable errors={job.errors} fileName={job.fileName} />
        </section>
      )}

      {job.step === 'done' && (
        <section aria-label="Import result">
          <p role="status" className="success" data-testid="import-done" data-timings={JSON.stringify(job.timings)}>
            Imported {job.fileName}: {job.added} new, {job.updated} updated, {job.rejected} rejected
            {job.elapsedMs > 0 ? ` (${job.rows} rows in ${(job.elapsedMs / 1000).toFixed(1)} s)` : ''}.
          </p>
          <FieldWarnings warnings={job.warnings} />
          <RowErrorTable errors={job.errors} fileName={job.fileName} />
          <NextSteps restart="Import another file" />
        </section>
      )}

      {job.step === 'cancelled' && (
        <p role="status" data-testid="import-cancelled">
          Import of <VisibleText text={job.fileName} /> cancelled; the study is exactly as it was.
        </p>
      )}
      {job.step === 'cancelled' && <NextSteps restart="Start again" />}
      {job.step === 'failed' && (
        <p role="alert" data-testid="import-failed">
          <VisibleText text={job.message} />
        </p>
      )}
      {job.step === 'failed' && <NextSteps restart="Start again" />}

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
