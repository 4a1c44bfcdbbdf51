import { useViewer } from '../../hooks/useViewer.ts';
import { LeadGate } from '../../components/LeadGate.tsx';
import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { dimensionName, dimensionsOf, flattenCodes, findNode, type Codebook } from '../../../../shared/codebook/codebook.ts';
import { codeFromName } from '../../../../shared/codebook/refiQda.ts';
import { describeCodebookEdit } from '../../../../shared/codebook/codebookChange.ts';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { applyCodebookChange, listCodebookVersions, undoLastCodebookChange } from '../../db/repositories/codebooks.ts';
import { useCodebook } from '../../hooks/useStudyData.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { CodeChangePanel, type ChangeDraft, type ChangeKind } from './CodeChangePanel.tsx';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { CodebookFiles } from './CodebookFiles.tsx';
import { SAY_WHO_YOU_ARE, useActorName } from '../../hooks/useActorName.ts';

/** A code's definition and notes, edited in place; saving makes a new version (nothing moves). */
function CodeDetails({ codebook, dimension, path, onDone, mayEdit }: { codebook: Codebook; dimension: Dimension; path: string; onDone: (message: string) => void; mayEdit: boolean }) {
  const node = findNode(codebook, dimension, path);
  const actor = useActorName();
  // The parent keys this form by code and codebook version, so it starts again from each version's values.
  const [fields, setFields] = useState(() => ({ name: node?.name ?? '', description: node?.description ?? '', include: node?.include ?? '', exclude: node?.exclude ?? '', examples: (node?.examples ?? []).join(', ') }));
  const [problem, setProblem] = useState('');
  if (!node) {
    const reserved = flattenCodes(codebook, dimension).find((c) => c.path === path);
    return reserved ? (
      <p data-testid="code-details">
        <strong>{reserved.name}</strong>: <VisibleText text={reserved.description} /> It is offered in every dimension and cannot be changed.
      </p>
    ) : null;
  }
  const save = async () => {
    setProblem('');
    if (!actor.trim()) {
      setProblem(SAY_WHO_YOU_ARE);
      return;
    }
    const examples = fields.examples.split(',').map((e) => e.trim()).filter((e) => e !== '');
    try {
      const done = await applyCodebookChange(getDatabase(), { kind: 'edit', dimension, path, fields: { name: fields.name, description: fields.description, include: fields.include, exclude: fields.exclude, examples } }, { by: actor, reason: 'Definition and notes edited' }, new Date());
      onDone(`Version ${done.version}: the definition and notes of "${path}" were saved.`);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const field = (key: keyof typeof fields, label: string, rows = 1) => (
    <>
      <label htmlFor={`code-${key}`}>{label}</label>
      {rows > 1 ? (
        <textarea id={`code-${key}`} rows={rows} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} data-testid={`code-${key}`} />
      ) : (
        <input id={`code-${key}`} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} data-testid={`code-${key}`} />
      )}
    </>
  );
  return (
    <form
      className="form-grid"
      data-testid="code-details"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <span>Code</span>
      <code>{path}</code>
      {field('name', 'Name')}
      {field('description', 'Definition', 3)}
      {field('include', 'Use it when (inclusion notes)', 2)}
      {field('exclude', 'Do not use it when (exclusion notes)', 2)}
      {field('examples', 'Example incidents (ids, comma-separated)')}
      <span />
      <button type="submit" data-testid="code-save" disabled={!mayEdit} title={mayEdit ? undefined : 'Changing the codebook is the lead\'s while a round is blind.'}>
        Save as a new version
      </button>
      {problem && (
        <p role="alert" style={{ gridColumn: '1 / -1' }}>
          <VisibleText text={problem} />
        </p>
      )}
    </form>
  );
}

/** A dimension of the study's own, coded besides the paper's three (it starts with no codes: Other and Not applicable). */
function AddDimension({ onDone }: { onDone: (message: string, dimension: Dimension) => void }) {
  const actor = useActorName();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState('');
  const add = async () => {
    setProblem('');
    const id = codeFromName(name);
    try {
      if (!actor.trim()) throw new Error(SAY_WHO_YOU_ARE);
      const done = await applyCodebookChange(getDatabase(), { kind: 'add-dimension', dimension: id, name }, { by: actor, reason: `New dimension ${name.trim()}` }, new Date());
      setName('');
      onDone(`Version ${done.version}: the dimension "${name.trim()}" (${id}) is coded from now on; add its codes.`, id);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label htmlFor="new-dimension">New dimension</label>
      <input id="new-dimension" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Detection gap" data-testid="new-dimension" />
      <button type="submit" data-testid="add-dimension">
        Add a dimension
      </button>
      {problem && <span role="alert"><VisibleText text={problem} /></span>}
    </form>
  );
}

function ChangeLog({ versions, mayUndo }: { versions: Codebook[]; mayUndo: boolean }) {
  const actor = useActorName();
  const [status, setStatus] = useState('');
  const undo = async () => {
    try {
      if (!actor) throw new Error(SAY_WHO_YOU_ARE);
      const done = await undoLastCodebookChange(getDatabase(), actor, new Date());
      const notes = [
        done.keptChanged ? `${done.keptChanged} changed since by their coders were left as they are` : '',
        done.leftOutside ? `${done.leftOutside} label${done.leftOutside === 1 ? '' : 's'} use codes this version does not have (given after the change) and stay until recoded` : '',
        done.proposalsReopened ? `${done.proposalsReopened} proposal${done.proposalsReopened === 1 ? '' : 's'} it had accepted ${done.proposalsReopened === 1 ? 'is' : 'are'} open again` : '',
      ].filter((n) => n !== '');
      setStatus(`Version ${done.version} undoes version ${done.version - 1}: ${done.labelsRestored} labels back where they were${notes.length ? `; ${notes.join('; ')}` : ''}.`);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Versions and change log</h2>
      <div className="table-scroll">
        <table data-testid="change-log">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Change</th>
              <th scope="col">Why</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
              <th scope="col">Labels carried over</th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version} data-testid="change-log-row">
                <th scope="row">{v.version}</th>
                <td>{v.change ? describeCodebookEdit(v.change.edit) : 'the first version'}</td>
                <td>
                  <VisibleText text={v.change?.reason ?? ''} />
                </td>
                <td>
                  <VisibleText text={v.change?.by ?? ''} />
                </td>
                <td>{v.change?.at.slice(0, 16).replace('T', ' ') ?? ''}</td>
                <td>{v.change?.labelsMoved ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versions.length > 1 && mayUndo && (
        <button type="button" onClick={() => void undo()} data-testid="codebook-undo">
          Undo version {versions.at(-1)!.version} (as a new version)
        </button>
      )}
      <p role="status" data-testid="undo-status">
        <VisibleText text={status} />
      </p>
    </section>
  );
}

export function CodebookScreen() {
  const codebook = useCodebook();
  const leads = useViewer()?.leads ?? false;
  const versions = useLiveQuery(() => listCodebookVersions(getDatabase()), []);
  const [dimension, setDimension] = useState<Dimension>('symptom');
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<ChangeDraft | null>(null);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  if (!codebook || !versions) return <p role="status">Loading…</p>;
  const codes = flattenCodes(codebook, dimension, { retired: true });
  const selectedCode = codes.find((c) => c.path === selected) ?? null;
  const start = (kind: ChangeKind, path: string | null) => setDraft({ kind, dimension, path, proposal: null });
  const done = (message: string) => {
    setDraft(null);
    if (message) setStatus(message);
    // The form is gone: the keyboard goes to what happened (or, on cancel, to the code acted on).
    requestAnimationFrame(() => (message ? statusRef.current : document.querySelector<HTMLElement>('[data-testid="code-node"][aria-current="true"]'))?.focus());
  };

  return (
    <div className="screen codebook">
      <h1 tabIndex={-1}>Codebook</h1>
      <p className="muted" data-testid="codebook-version">
        “<VisibleText text={codebook.name} />”, version {codebook.version}. Every change makes a new version; labels given under a code that is renamed, merged, split or retired are carried over as new revisions, and the change can be undone.
      </p>
      <p role="status" data-testid="codebook-status" ref={statusRef} tabIndex={-1}>
        <VisibleText text={status} />
      </p>
      <fieldset className="toolbar">
        <legend>Dimension</legend>
        {dimensionsOf(codebook).map(({ id: d, name }) => (
          <label key={d} className="check">
            <input
              type="radio"
              name="dimension"
              checked={dimension === d}
              onChange={() => {
                setDimension(d);
                setSelected(null);
                setDraft(null);
              }}
              data-testid={`dimension-${d}`}
            />
            <VisibleText text={name} />
          </label>
        ))}
      </fieldset>
      {leads && (
        <AddDimension
          onDone={(message, added) => {
            setStatus(message);
            setDimension(added);
            setSelected(null);
            setDraft(null);
          }}
        />
      )}
      <div className="split">
        <nav aria-label={`${dimensionName(codebook, dimension)} codes`} className="code-tree">
          <ul data-testid="code-tree">
            {codes.map((c) => (
              <li key={c.path} style={{ paddingLeft: `${c.depth * 1.2}rem` }}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={selected === c.path ? 'true' : undefined}
                  onClick={() => {
                    setSelected(c.path);
                    setDraft(null);
                  }}
                  data-testid="code-node"
                  data-path={c.path}
                >
                  <VisibleText text={c.name} /> <span className="muted">({c.path})</span>
                  {c.retired && <span className="muted"> · retired</span>}
                  {c.reserved && <span className="muted"> · in every dimension</span>}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => start('add', null)} data-testid="add-top-code">
            Add a top-level code
          </button>
        </nav>
        <div>
          {selectedCode && !draft && (
            <>
              <CodeDetails key={`${selected}-${codebook.version}`} codebook={codebook} dimension={dimension} path={selectedCode.path} onDone={done} mayEdit={leads} />
              {!selectedCode.reserved && !selectedCode.retired && (
                <div className="toolbar" role="group" aria-label="Change this code">
                  {(['add', 'rename', 'merge', 'split', 'retire'] as const).map((kind) => (
                    <button key={kind} type="button" onClick={() => start(kind, selectedCode.path)} data-testid={`action-${kind}`}>
                      {kind === 'add' ? 'Add a sub-code' : kind === 'rename' ? 'Rename…' : kind === 'merge' ? 'Merge into…' : kind === 'split' ? 'Split…' : 'Retire…'}
                    </button>
                  ))}
                </div>
              )}
            </>
          )}
          {draft && (
            // A change's preview says whose labels move from which code to which.
            <LeadGate what="Changing a code that labels may carry">
              <CodeChangePanel key={JSON.stringify([draft.kind, draft.path, draft.dimension, draft.proposal?.id])} codebook={codebook} draft={draft} onDone={done} />
            </LeadGate>
          )}
          {!selectedCode && !draft && <p className="muted">Choose a code to see its definition and change it.</p>}
        </div>
      </div>
      {/* Proposals name incidents and what coders thought of them. */}
      <LeadGate what="The list of proposals">
        <ProposalsPanel
          onAccept={(proposal) => {
            setDimension(proposal.dimension);
            setSelected(null);
            setDraft({ kind: 'add', dimension: proposal.dimension, path: proposal.targetPath, proposal, prefill: { code: proposal.code, name: proposal.name, description: proposal.text } });
          }}
        />
      </LeadGate>
      {/* An undo moves everyone's labels and says how many; an import replaces the codebook: the lead's. */}
      <ChangeLog versions={versions} mayUndo={leads} />
      {leads ? <CodebookFiles codebook={codebook} onDone={setStatus} /> : <p className="muted">Importing a codebook, adding a dimension and undoing a change are the lead's while a round is blind.</p>}
    </div>
  );
}
