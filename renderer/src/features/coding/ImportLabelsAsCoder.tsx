import { useState } from 'react';
import { dimensionsOf, flattenCodes, type Codebook } from '../../../../shared/codebook/codebook.ts';
import { codeFromName } from '../../../../shared/codebook/refiQda.ts';
import { DEFAULT_CODE_SEPARATORS } from '../../../../shared/coding/externalLabels.ts';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { applyCodebookChange } from '../../db/repositories/codebooks.ts';
import { useCodebook, usePeople, useSettings } from '../../hooks/useStudyData.ts';
import { useActorName } from '../../hooks/useActorName.ts';
import { getPlatform } from '../../platform/platform.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { RowErrorTable } from '../../components/RowErrorTable.tsx';
import { createWorkerClient } from '../../workers/workerClient.ts';
import type { LabelImportCheck, LabelImportRequest, LabelImportResponse } from '../../workers/labelImport.worker.ts';

type Request = LabelImportRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
const ask = createWorkerClient<Request, LabelImportResponse>(() => new Worker(new URL('../../workers/labelImport.worker.ts', import.meta.url), { type: 'module' }));
type Read = Extract<LabelImportResponse, { kind: 'read' }>;

const IGNORE = '\u0000ignore';

/** The columns chosen: the incident id, the separators, and a column per dimension (a Map: dimension ids are data). */
interface ColumnChoice {
  incidentId: string;
  separators: string;
  codes: Map<Dimension, string>;
}

/**
 * Labels from elsewhere as a coder: a CSV or JSON Lines file of incident ids and codes (a published data set's
 * labels, a language model's extractions) becomes the labels of a named coder (a source), compared on the Agreement
 * screen like any annotator. Multi-valued cells keep their order: the first code is the primary one, the rest
 * secondary. Values that name no code are listed, to map to a code, ignore, or add to the codebook.
 */
export function ImportLabelsAsCoder() {
  const codebook = useCodebook();
  const people = usePeople();
  const settings = useSettings();
  const actor = useActorName();
  const [read, setRead] = useState<(Read & { fileName: string }) | null>(null);
  const [mapping, setMappingNow] = useState<ColumnChoice | null>(null);
  const [coder, setCoderNow] = useState<{ id: string | null; name: string }>({ id: null, name: '' });
  const [round, setRoundNow] = useState<number | null>(null);
  const [values, setValuesNow] = useState<Map<Dimension, Map<string, string>>>(new Map());
  const [check, setCheck] = useState<LabelImportCheck | null>(null);
  // Any change after a check makes it stale: the import is checked again before it can be written.
  const stale = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setCheck(null);
  };
  const setMapping = stale(setMappingNow);
  const setCoder = stale(setCoderNow);
  const setRound = stale(setRoundNow);
  // A value mapped after a check: the check stays on screen (the values are mapped in it) but must be made again.
  const [checkStale, setCheckStale] = useState(false);
  const setValues = (next: Map<Dimension, Map<string, string>>) => {
    setValuesNow(next);
    setCheckStale(true);
  };
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  if (!codebook || !people || !settings) return null;
  const dimensions = dimensionsOf(codebook);
  const sources = people.filter((p) => p.role === 'source');
  const roundNow = round ?? settings.currentRound;

  const choose = async () => {
    const [chosen] = await getPlatform().openFiles({ title: 'Labels to import as a coder', filters: [{ name: 'Labels', extensions: ['csv', 'jsonl', 'ndjson', 'json'] }] });
    if (!chosen) return;
    setStatus(`Reading ${chosen.name}…`);
    const answer = await run(() => ask({ kind: 'read', dbName: getDatabase().name, file: chosen.file, fileName: chosen.name }));
    if (!answer) return;
    if ('error' in answer || answer.kind !== 'read') {
      setStatus('error' in answer ? answer.error : 'Unexpected answer.');
      return;
    }
    setRead({ ...answer, fileName: chosen.name });
    setMapping({ incidentId: answer.idColumn, separators: answer.separators || DEFAULT_CODE_SEPARATORS, codes: new Map(answer.suggested) });
    setValuesNow(new Map());
    setCoder({ id: null, name: chosen.name.replace(/\.[^.]+$/, '') });
    setStatus(
      `${chosen.name}: ${answer.rows} row${answer.rows === 1 ? '' : 's'}, ${answer.columns.length} column${answer.columns.length === 1 ? '' : 's'}${answer.parseErrorCount ? `; ${answer.parseErrorCount} could not be read (see the list after Check)` : ''}.`,
    );
  };

  /** Runs a request to the worker; a worker that fails (out of memory) says so instead of leaving the panel busy. */
  const run = async <T,>(request: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    try {
      return await request();
    } catch (e) {
      setStatus(`The file of labels could not be read: ${(e as Error).message}`);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const request = (kind: 'plan' | 'write', m: ColumnChoice, v: Map<Dimension, Map<string, string>>) => ({
    kind,
    dbName: getDatabase().name,
    codes: [...m.codes],
    mapping: { incidentId: m.incidentId, separators: m.separators },
    valueMap: [...v].map(([d, pairs]) => [d, [...pairs].map(([raw, code]) => [raw, code === IGNORE ? '' : code])] as [Dimension, Array<[string, string]>]),
    coder,
    round: roundNow,
  });

  const runCheck = async (m = mapping, v = values) => {
    if (!m) return;
    const answer = await run(() => ask(request('plan', m, v)));
    if (!answer) return;
    if ('error' in answer) return setStatus(answer.error);
    if (answer.kind === 'plan') {
      setCheck(answer);
      setCheckStale(false);
      setStatus('');
    }
  };

  const write = async () => {
    if (!mapping) return;
    const answer = await run(() => ask(request('write', mapping, values)));
    if (!answer) return;
    if ('error' in answer) return setStatus(answer.error);
    if (answer.kind === 'written') {
      setStatus(`Imported ${answer.added} label revision${answer.added === 1 ? '' : 's'} as ${answer.person.name} (round ${roundNow}). Compare them on the Agreement screen.`);
      setCoder({ id: answer.person.id, name: answer.person.name });
      setRead(null);
      setMappingNow(null);
    }
  };

  const mapValue = (dimension: Dimension, raw: string, code: string) => {
    const next = new Map(values);
    const forDimension = new Map(next.get(dimension) ?? []);
    if (code === '') forDimension.delete(raw);
    else forDimension.set(raw, code);
    next.set(dimension, forDimension);
    setValues(next);
  };

  /** The source's own values as new codes of the dimension: each a new codebook version, labels map to them. */
  const addAsCodes = async (dimension: Dimension, raws: string[]) => {
    try {
      let added = 0;
      const next = new Map(values);
      const forDimension = new Map(next.get(dimension) ?? []);
      for (const raw of raws) {
        const code = codeFromName(raw);
        await applyCodebookChange(getDatabase(), { kind: 'add', dimension, parentPath: null, code, fields: { name: raw, description: `From ${read?.fileName ?? 'an imported file of labels'}.`, include: '', exclude: '', examples: [] } }, { by: actor || 'lead', reason: `Values of the labels imported as ${coder.name}` }, new Date());
        forDimension.set(raw, code);
        added += 1;
      }
      next.set(dimension, forDimension);
      setValues(next);
      setStatus(`Added ${added} code${added === 1 ? '' : 's'} to the codebook (each a new version).`);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };

  const columnOptions = (
    <>
      <option value="">— none —</option>
      {read?.columns.map((c) => (
        <option key={c.path} value={c.path}>
          {visibleTextString(c.path)}
          {c.samples.length ? ` (e.g. ${visibleTextString(c.samples.join(', ').slice(0, 40))})` : ''}
        </option>
      ))}
    </>
  );

  return (
    <section aria-labelledby="labels-as-coder-heading" data-testid="labels-as-coder">
      <h2 id="labels-as-coder-heading">Labels from elsewhere, as a coder</h2>
      <p className="muted">A published data set's labels or a language model's extractions (CSV or JSON Lines: an incident id and a code per dimension), compared with your annotators on the Agreement screen.</p>
      <button type="button" onClick={() => void choose()} disabled={busy} data-testid="choose-labels-file">
        Choose a file of labels…
      </button>
      {read && mapping && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void runCheck();
          }}
          data-testid="labels-mapping"
        >
          <label htmlFor="labels-id">Incident id column</label>
          <select id="labels-id" value={mapping.incidentId} onChange={(e) => setMapping({ ...mapping, incidentId: e.target.value })} data-testid="labels-id">
            {columnOptions}
          </select>
          {dimensions.map(({ id, name }) => (
            <div key={id} style={{ display: 'contents' }}>
              <label htmlFor={`labels-code-${id}`}>
                <VisibleText text={name} /> codes
              </label>
              <select
                id={`labels-code-${id}`}
                value={mapping.codes.get(id) ?? ''}
                onChange={(e) => {
                  const codes = new Map(mapping.codes);
                  if (e.target.value) codes.set(id, e.target.value);
                  else codes.delete(id);
                  setMapping({ ...mapping, codes });
                }}
                data-testid={`labels-code-${id}`}
              >
                {columnOptions}
              </select>
            </div>
          ))}
          <label htmlFor="labels-separators">Codes in one cell are separated by any of</label>
          <input id="labels-separators" value={mapping.separators} onChange={(e) => setMapping({ ...mapping, separators: e.target.value })} data-testid="labels-separators" />
          <label htmlFor="labels-coder">As the coder</label>
          <span className="toolbar">
            <select id="labels-coder" value={coder.id ?? ''} onChange={(e) => setCoder(e.target.value ? { id: e.target.value, name: sources.find((p) => p.id === e.target.value)?.name ?? '' } : { id: null, name: coder.name })} data-testid="labels-coder">
              <option value="">a new coder named…</option>
              {sources.map((p) => (
                <option key={p.id} value={p.id}>
                  {visibleTextString(p.name)}
                </option>
              ))}
            </select>
            {coder.id === null && (
              <>
                <label htmlFor="labels-coder-name" className="sr-only">
                  Name of the new coder
                </label>
                <input id="labels-coder-name" value={coder.name} onChange={(e) => setCoder({ id: null, name: e.target.value })} data-testid="labels-coder-name" />
              </>
            )}
          </span>
          <label htmlFor="labels-round">In round</label>
          <input id="labels-round" type="number" min={1} value={roundNow} onChange={(e) => Number(e.target.value) >= 1 && setRound(Math.floor(Number(e.target.value)))} data-testid="labels-round" />
          <span />
          <button type="submit" disabled={busy} data-testid="labels-check">
            Check
          </button>
        </form>
      )}
      {check && (
        <div className="preview" data-testid="labels-check-result">
          <p>
            {check.incidents} rows: <strong data-testid="labels-new">{check.labelled}</strong> labels to add or change, {check.unchanged} already as they are
            {check.unlabelled.length > 0 && `; no code for ${check.unlabelled.map((u) => `${u.count} in ${dimensions.find((d) => d.id === u.dimension)?.name ?? u.dimension}`).join(', ')}`}.
          </p>
          {check.unknown.length > 0 && <UnknownValues codebook={codebook} unknown={check.unknown} values={values} onMap={mapValue} onAdd={(d, raws) => void addAsCodes(d, raws)} />}
          {check.errorCount > 0 && (
            <div data-testid="labels-errors">
              <p>
                {check.errorCount} problem{check.errorCount === 1 ? '' : 's'}: those rows give no labels
                {check.errorCount > check.errors.length ? ` (the first ${check.errors.length} are listed)` : ''}.
              </p>
              <RowErrorTable errors={check.errors} fileName={read?.fileName ?? 'labels'} />
            </div>
          )}
          <div className="actions">
            <button type="button" onClick={() => void runCheck()} disabled={busy}>
              Check again
            </button>
            <button type="button" className="primary" onClick={() => void write()} disabled={busy || checkStale || check.labelled === 0} data-testid="labels-import">
              {checkStale ? 'Check again before importing' : `Import ${check.labelled} labels as ${visibleTextString(coder.name) || 'the coder'}`}
            </button>
          </div>
        </div>
      )}
      <p role="status" data-testid="labels-status">
        <VisibleText text={status} />
      </p>
    </section>
  );
}

function UnknownValues(props: {
  codebook: Codebook;
  unknown: LabelImportCheck['unknown'];
  values: Map<Dimension, Map<string, string>>;
  onMap: (dimension: Dimension, raw: string, code: string) => void;
  onAdd: (dimension: Dimension, raws: string[]) => void;
}) {
  const { codebook, unknown, values } = props;
  const byDimension = new Map<Dimension, typeof unknown>();
  for (const u of unknown) byDimension.set(u.dimension, [...(byDimension.get(u.dimension) ?? []), u]);
  return (
    <div data-testid="labels-unknown">
      {[...byDimension].map(([dimension, list]) => {
        const unmapped = list.filter((u) => !values.get(dimension)?.has(u.value)).map((u) => u.value);
        return (
          <table key={dimension}>
            <caption>
              Values of {dimensionsOf(codebook).find((d) => d.id === dimension)?.name ?? dimension} that name no code: map each, or ignore it
            </caption>
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col">Rows</th>
                <th scope="col">Means</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.value} data-testid="unknown-value" data-value={u.value}>
                  <th scope="row">
                    <VisibleText text={u.value} />
                  </th>
                  <td>
                    {u.count} (first row {u.firstRow})
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`unknown-${dimension}-${u.value}`}>
                      {visibleTextString(u.value)} means
                    </label>
                    <select id={`unknown-${dimension}-${u.value}`} value={values.get(dimension)?.get(u.value) ?? ''} onChange={(e) => props.onMap(dimension, u.value, e.target.value)} data-testid="unknown-map">
                      <option value="">— not mapped yet —</option>
                      <option value={IGNORE}>ignore this value</option>
                      {flattenCodes(codebook, dimension).map((c) => (
                        <option key={c.path} value={c.path}>
                          {`${'\u00A0\u00A0'.repeat(c.depth)}${visibleTextString(c.name)}`}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
            {unmapped.length > 0 && (
              <tfoot>
                <tr>
                  <td colSpan={3}>
                    <button type="button" onClick={() => props.onAdd(dimension, unmapped)} data-testid="unknown-add-codes">
                      Add the {unmapped.length} unmapped value{unmapped.length === 1 ? '' : 's'} to the codebook as codes of this source
                    </button>
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        );
      })}
    </div>
  );
}
