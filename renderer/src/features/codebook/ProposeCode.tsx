import { VisibleText } from '../../components/VisibleText.tsx';
import { useState } from 'react';
import { dimensionsOf, flattenCodes, type Codebook } from '../../../../shared/codebook/codebook.ts';
import { codeFromName } from '../../../../shared/codebook/refiQda.ts';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { saveProposal } from '../../db/repositories/proposals.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';

/**
 * Open coding while labelling (paper §III-C): an annotator who finds no fitting code proposes one (or a change to a
 * code) on the incident at hand; it waits for the lead on the Codebook screen. Proposals never change the codebook.
 */
export function ProposeCode({ codebook, incidentId, annotatorId }: { codebook: Codebook; incidentId: string; annotatorId: string }) {
  const [dimension, setDimension] = useState<Dimension>('rootCause');
  const [kind, setKind] = useState<'new-code' | 'change'>('new-code');
  const [where, setWhere] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const submit = async () => {
    try {
      if (kind === 'change' && !where) throw new Error('Choose the code the change is about.');
      await saveProposal(
        getDatabase(),
        { kind, dimension, targetPath: where || null, code: kind === 'new-code' ? codeFromName(name) : '', name: kind === 'new-code' ? name : '', text, incidentId, proposedBy: annotatorId },
        new Date(),
      );
      setName('');
      setText('');
      setStatus('Proposed; the lead decides on it on the Codebook screen.');
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  const codes = flattenCodes(codebook, dimension).filter((c) => !c.reserved);
  return (
    <details className="propose" data-testid="propose">
      <summary>Propose a code or a change to one</summary>
      <div className="form-grid">
        <label htmlFor="propose-dimension">Dimension</label>
        <select id="propose-dimension" value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)} data-testid="propose-dimension">
          {dimensionsOf(codebook).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <label htmlFor="propose-kind">Proposal</label>
        <select id="propose-kind" value={kind} onChange={(e) => setKind(e.target.value as 'new-code' | 'change')} data-testid="propose-kind">
          <option value="new-code">a new code</option>
          <option value="change">a change to a code</option>
        </select>
        <label htmlFor="propose-where">{kind === 'new-code' ? 'Under' : 'Code'}</label>
        <select id="propose-where" value={where} onChange={(e) => setWhere(e.target.value)} data-testid="propose-where">
          <option value="">{kind === 'new-code' ? '(the top level)' : '— choose —'}</option>
          {codes.map((c) => (
            <option key={c.path} value={c.path}>
              {'\u00a0\u00a0'.repeat(c.depth)}
              {visibleTextString(c.name)}
            </option>
          ))}
        </select>
        {kind === 'new-code' && (
          <>
            <label htmlFor="propose-name">Name</label>
            <input id="propose-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="propose-name" />
          </>
        )}
        <label htmlFor="propose-text">{kind === 'new-code' ? 'Definition' : 'The change, and why'}</label>
        <textarea id="propose-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} data-testid="propose-text" />
        <span />
        <button type="button" onClick={() => void submit()} data-testid="propose-submit">
          Propose
        </button>
      </div>
      <p role="status" data-testid="propose-status">
        <VisibleText text={status} />
      </p>
    </details>
  );
}
