import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { flattenCodes, type Codebook, type FlatCode } from '../../../../shared/codebook/codebook.ts';
import { describeCodebookEdit } from '../../../../shared/codebook/codebookChange.ts';
import { join, parentOf, recordOf, type CodebookEdit } from '../../../../shared/codebook/codebookEdits.ts';
import type { Proposal } from '../../../../shared/codebook/proposals.ts';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { applyCodebookChange, previewCodebookChange, type ChangePreview } from '../../db/repositories/codebooks.ts';
import { listIncidentsWithCode } from '../../db/repositories/labels.ts';
import { usePeople } from '../../hooks/useStudyData.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { SAY_WHO_YOU_ARE, useActorName } from '../../hooks/useActorName.ts';

export type ChangeKind = 'add' | 'edit' | 'rename' | 'merge' | 'split' | 'retire';

/** What the change form starts with: an action on a code (or a new top-level code), maybe from a proposal. */
export interface ChangeDraft {
  kind: ChangeKind;
  dimension: Dimension;
  /** The code acted on; for "add", the parent (null: top level). */
  path: string | null;
  proposal: Proposal | null;
  prefill?: { code?: string; name?: string; description?: string };
}

const KIND_NAMES: Record<ChangeKind, string> = {
  add: 'Add a code',
  edit: 'Edit the definition and notes',
  rename: 'Rename',
  merge: 'Merge into another code',
  split: 'Split into several codes',
  retire: 'Retire',
};

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function CodeOptions({ codes, exclude }: { codes: FlatCode[]; exclude?: string }) {
  return (
    <>
      {codes
        .filter((c) => c.path !== exclude)
        .map((c) => (
          <option key={c.path} value={c.path}>
            {'\u00a0\u00a0'.repeat(c.depth)}
            {visibleTextString(c.name)} ({c.path})
          </option>
        ))}
    </>
  );
}

/**
 * One change to the codebook: its fields, then a preview of what it does (the next version, and which labels of
 * whom move, from → to), then, with a reason, applying it. Nothing is written before "Apply".
 */
export function CodeChangePanel({ codebook, draft, onDone }: { codebook: Codebook; draft: ChangeDraft; onDone: (message: string) => void }) {
  const { dimension, path, kind } = draft;
  const actor = useActorName();
  const people = usePeople();
  const codes = flattenCodes(codebook, dimension);
  const node = path ? codes.find((c) => c.path === path) : undefined;
  const treeNode = path ? flattenCodes(codebook, dimension, { retired: true }).find((c) => c.path === path) : undefined;
  const [code, setCode] = useState(draft.prefill?.code ?? (kind === 'rename' && path ? lastSegment(path) : ''));
  const [name, setName] = useState(draft.prefill?.name ?? (kind === 'rename' ? (node?.name ?? '') : ''));
  const [description, setDescription] = useState(draft.prefill?.description ?? '');
  const [target, setTarget] = useState('');
  const [parts, setParts] = useState<Array<{ code: string; name: string; description: string }>>([
    { code: path ? lastSegment(path) : '', name: node?.name ?? '', description: '' },
    { code: '', name: '', description: '' },
  ]);
  const [assign, setAssign] = useState<Map<string, string>>(new Map());
  // Where a new code goes: the code the form was opened on (or the proposal's), while it exists; the lead can move it.
  const [under, setUnder] = useState(kind === 'add' && path && codes.some((c) => c.path === path) ? path : '');
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening the form takes the keyboard to it.
  useEffect(() => heading.current?.focus(), []);
  const [reason, setReason] = useState(draft.proposal ? `Proposal: ${draft.proposal.text}` : '');
  const [previewed, setPreviewed] = useState<{ key: string; preview: ChangePreview } | null>(null);
  const [problem, setProblem] = useState('');
  const incidents = useLiveQuery(() => (kind === 'split' && path ? listIncidentsWithCode(getDatabase(), dimension, path) : Promise.resolve([])), [kind, path, dimension]);
  // A preview belongs to the fields it was made from: any edit hides it until the next preview.
  const fieldsKey = JSON.stringify([code, name, description, target, parts, [...assign], kind, path, under]);
  const preview = previewed?.key === fieldsKey ? previewed.preview : null;

  const edit = (): CodebookEdit | string => {
    switch (kind) {
      case 'add':
        return { kind: 'add', dimension, parentPath: under === '' ? null : under, code: code.trim(), fields: { name, description, include: '', exclude: '', examples: [] } };
      case 'rename':
        return path ? { kind: 'rename', dimension, path, code: code.trim(), name } : 'Choose a code.';
      case 'merge':
        return path && target ? { kind: 'merge', dimension, from: [path], into: target } : 'Choose the code to merge into.';
      case 'split': {
        if (!path) return 'Choose a code.';
        const into = parts.filter((p) => p.code.trim() || p.name.trim()).map((p) => ({ code: p.code.trim(), name: p.name.trim(), description: p.description.trim() }));
        return { kind: 'split', dimension, path, into, assign: [...assign] };
      }
      case 'retire':
        return path && target ? { kind: 'retire', dimension, path, replacement: target } : 'Choose the code its labels go to.';
      case 'edit':
        return 'Editing is done in the code\'s details.';
    }
  };

  const run = async (apply: boolean) => {
    setProblem('');
    const change = edit();
    if (typeof change === 'string') {
      setProblem(change);
      return;
    }
    if (!actor.trim()) {
      setProblem(SAY_WHO_YOU_ARE);
      return;
    }
    try {
      if (!apply) {
        setPreviewed({ key: fieldsKey, preview: await previewCodebookChange(getDatabase(), change, { by: actor, reason, proposalId: draft.proposal?.proposalId ?? null }, new Date()) });
        return;
      }
      const done = await applyCodebookChange(getDatabase(), change, { by: actor, reason, proposal: draft.proposal, ...(preview ? { expectedMoves: preview.moves.length } : {}) }, new Date());
      onDone(`Version ${done.version}: ${describeCodebookEdit(recordOf(change))}; ${done.labelsMoved} label${done.labelsMoved === 1 ? '' : 's'} carried over${done.decisionsMoved ? `, ${done.decisionsMoved} decisions with them` : ''}.`);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };

  const nameOf = (id: string) => people?.find((p) => p.id === id)?.name ?? id;
  const parent = path ? parentOf(path) : null;
  const splitCodes = parts.filter((p) => p.code.trim());
  return (
    <section aria-labelledby="change-heading" className="change-panel" data-testid="change-panel">
      <h3 id="change-heading" ref={heading} tabIndex={-1}>
        {KIND_NAMES[kind]}
        {path && kind !== 'add' && (
          <>
            : “<VisibleText text={treeNode?.name ?? path} />”
          </>
        )}
        {kind === 'add' && (under ? <> under “<VisibleText text={codes.find((c) => c.path === under)?.name ?? under} />”</> : ' at the top level')}
      </h3>
      {draft.proposal && (
        <p className="muted">
          From a proposal by <VisibleText text={nameOf(draft.proposal.proposedBy)} />: <VisibleText text={draft.proposal.text} />
        </p>
      )}
      <form
        onSubmit={(e) => {
          // Enter in any field previews the change; nothing is written before Apply.
          e.preventDefault();
          void run(false);
        }}
      >
      <div className="form-grid">
        {kind === 'add' && (
          <>
            <label htmlFor="change-under">Under</label>
            <select id="change-under" value={under} onChange={(e) => setUnder(e.target.value)} data-testid="change-under">
              <option value="">(the top level)</option>
              <CodeOptions codes={codes.filter((c) => !c.reserved)} />
            </select>
          </>
        )}
        {(kind === 'add' || kind === 'rename') && (
          <>
            <label htmlFor="change-code">Code (lower case, digits, hyphens)</label>
            <input id="change-code" value={code} onChange={(e) => setCode(e.target.value)} data-testid="change-code" />
            <label htmlFor="change-name">Name</label>
            <input id="change-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="change-name" />
          </>
        )}
        {kind === 'add' && (
          <>
            <label htmlFor="change-definition">Definition</label>
            <textarea id="change-definition" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} data-testid="change-definition" />
          </>
        )}
        {(kind === 'merge' || kind === 'retire') && (
          <>
            <label htmlFor="change-target">{kind === 'merge' ? 'Merge into' : 'Its labels go to'}</label>
            <select id="change-target" value={target} onChange={(e) => setTarget(e.target.value)} data-testid="change-target">
              <option value="">— choose a code —</option>
              <CodeOptions codes={codes} exclude={path ?? undefined} />
            </select>
          </>
        )}
      </div>
      {kind === 'split' && (
        <fieldset>
          <legend>The new codes (the first may keep the old code)</legend>
          {parts.map((p, i) => (
            <div key={i} className="toolbar">
              <label htmlFor={`split-code-${i}`}>Code {i + 1}</label>
              <input id={`split-code-${i}`} value={p.code} onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, code: e.target.value } : q)))} data-testid={`split-code-${i}`} />
              <label htmlFor={`split-name-${i}`}>Name</label>
              <input id={`split-name-${i}`} value={p.name} onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, name: e.target.value } : q)))} data-testid={`split-name-${i}`} />
              <label htmlFor={`split-definition-${i}`}>Definition</label>
              <input id={`split-definition-${i}`} value={p.description} onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, description: e.target.value } : q)))} />
            </div>
          ))}
          <button type="button" onClick={() => setParts([...parts, { code: '', name: '', description: '' }])}>
            Add another new code
          </button>
          {incidents && incidents.length > 0 && (
            <fieldset>
              <legend>Where each incident&apos;s labels go ({incidents.length} incidents carry the code; unassigned ones go to the first new code)</legend>
              <div className="table-scroll">
                {incidents.slice(0, 500).map((id) => (
                  <div key={id} className="toolbar">
                    <label htmlFor={`assign-${id}`}>
                      <VisibleText text={id} />
                    </label>
                    <select
                      id={`assign-${id}`}
                      value={assign.get(id) ?? ''}
                      onChange={(e) => {
                        const next = new Map(assign);
                        if (e.target.value) next.set(id, e.target.value);
                        else next.delete(id);
                        setAssign(next);
                      }}
                      data-testid="split-assign"
                      data-incident-id={id}
                    >
                      <option value="">the first new code</option>
                      {splitCodes.map((p) => (
                        <option key={p.code} value={p.code.trim()}>
                          {p.name || p.code} ({join(parent, p.code.trim())})
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
            </fieldset>
          )}
        </fieldset>
      )}
      <div className="form-grid">
        <label htmlFor="change-reason">Why (kept in the change log)</label>
        <input id="change-reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="change-reason" />
      </div>
      <div className="toolbar">
        <button type="submit" data-testid="change-preview">
          Preview
        </button>
        <button type="button" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      </form>
      {problem && (
        <p role="alert" data-testid="change-problem">
          <VisibleText text={problem} />
        </p>
      )}
      {preview && (
        <div className="preview" data-testid="change-preview-result" role="status">
          <p>
            This makes version {preview.next.version}: {describeCodebookEdit(preview.next.change!.edit)}.{' '}
            <strong data-testid="preview-moves">{preview.moves.length}</strong> label{preview.moves.length === 1 ? '' : 's'} would be carried over
            {preview.decisions ? `, and ${preview.decisions} decision${preview.decisions === 1 ? '' : 's'} with them` : ''}.
          </p>
          {preview.moves.length > 0 && (
            <table>
              <caption className="sr-only">Labels that move, per person and per code</caption>
              <thead>
                <tr>
                  <th scope="col">Whose</th>
                  <th scope="col">Labels</th>
                </tr>
              </thead>
              <tbody>
                {[...preview.byAnnotator].map(([id, n]) => (
                  <tr key={id} data-testid="preview-person">
                    <th scope="row">
                      <VisibleText text={nameOf(id)} />
                    </th>
                    <td>{n}</td>
                  </tr>
                ))}
                {[...preview.byCodes].map(([codes, n]) => (
                  <tr key={codes}>
                    <th scope="row">
                      <VisibleText text={codes} />
                    </th>
                    <td>{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" onClick={() => void run(true)} data-testid="change-apply">
            Apply: make version {preview.next.version}
          </button>
        </div>
      )}
    </section>
  );
}
