import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { identityLog } from '../../../../shared/coding/blinding.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { listStudyEvents, planSwitch, setOwnPassphrase, switchIdentity } from '../../db/repositories/identity.ts';
import { useViewer } from '../../hooks/useViewer.ts';
import { getCatalog } from '../../store/study.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { VisibleText } from '../../components/VisibleText.tsx';

type Step =
  | { kind: 'idle' }
  | { kind: 'protect'; targetId: string }
  | { kind: 'passphrase'; targetId: string; name: string };

/**
 * Who works on this machine. Choosing is an explicit act, logged; a switch never shows codes the person at the
 * keyboard could not see already unless the passphrase of the person switched to is given (the rules are in
 * shared/coding/blinding.ts). Someone who must protect their view before handing over is asked to set a passphrase.
 */
export function IdentityPanel({ compact = false }: { compact?: boolean }) {
  const viewer = useViewer();
  const [targetId, setTargetId] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState('');
  const [ownPass, setOwnPass] = useState({ current: '', next: '', again: '' });
  if (!viewer) return <p role="status">Loading…</p>;
  const { me, people, passphrases } = viewer;
  const candidates = people.filter((p) => p.role !== 'source' && p.id !== me?.id);

  const finish = async (id: string, passphrase?: string) => {
    try {
      const person = await switchIdentity(getDatabase(), getCatalog(), id, { passphrase, now: new Date() });
      setStep({ kind: 'idle' });
      setSecret('');
      setTargetId('');
      setMessage(`You work on this machine as ${person.name} now.`);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const begin = async (id: string) => {
    if (!id) return;
    setMessage('');
    const plan = await planSwitch(getDatabase(), getCatalog(), id);
    if (plan.rule.kind === 'refused') {
      setMessage(plan.rule.reason);
      return;
    }
    if (plan.protectFirst) {
      setStep({ kind: 'protect', targetId: id });
      return;
    }
    if (plan.rule.kind === 'passphrase') {
      setStep({ kind: 'passphrase', targetId: id, name: plan.target.name });
      return;
    }
    await finish(id);
  };

  const protectThenGo = async () => {
    if (step.kind !== 'protect') return;
    if (secret !== again) {
      setMessage('The two passphrases differ.');
      return;
    }
    try {
      await setOwnPassphrase(getDatabase(), getCatalog(), secret);
      setSecret('');
      setAgain('');
      setMessage('Your passphrase is set.');
      await begin(step.targetId);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="identity-heading" className="identity" data-testid="identity-panel">
      <h2 id="identity-heading">{compact ? 'Who are you?' : 'Who works on this machine'}</h2>
      <p data-testid="identity-current" data-person-name={me?.name ?? ''}>
        {me ? (
          <>
            You work here as <strong><VisibleText text={me.name} /></strong> ({me.role}){passphrases.has(me.id) ? ', protected by a passphrase' : ''}.
          </>
        ) : (
          'Nobody is chosen yet on this machine: choose who you are. Your codes are saved as yours, and you see only your own until the lead unblinds the round.'
        )}
      </p>
      {step.kind === 'idle' && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void begin(targetId);
          }}
        >
          <label htmlFor="switch-person">{me ? 'Switch to' : 'I am'}</label>
          <select id="switch-person" value={targetId} onChange={(e) => setTargetId(e.target.value)} data-testid="switch-person">
            <option value="">— choose —</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {visibleTextString(p.name)} ({p.role})
              </option>
            ))}
          </select>
          <button type="submit" disabled={!targetId} data-testid="switch-person-go">
            {me ? 'Switch' : 'Start'}
          </button>
        </form>
      )}
      {step.kind === 'protect' && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void protectThenGo();
          }}
          data-testid="protect-first"
        >
          <p className="warning" style={{ gridColumn: '1 / -1' }}>
            Before you hand this machine over, set a passphrase for yourself (<VisibleText text={me?.name ?? ''} />), so that nobody else can switch to you here and see your codes.
          </p>
          <label htmlFor="protect-secret">Your new passphrase</label>
          <input id="protect-secret" type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="protect-secret" autoFocus />
          <label htmlFor="protect-again">Again</label>
          <input id="protect-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="protect-again" />
          <span />
          <span className="actions">
            <button type="submit" className="primary" data-testid="protect-go">
              Set it and switch
            </button>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </span>
        </form>
      )}
      {step.kind === 'passphrase' && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void finish(step.targetId, secret);
          }}
          data-testid="target-passphrase"
        >
          <label htmlFor="target-secret">
            <VisibleText text={step.name} />
            's passphrase
          </label>
          <input id="target-secret" type="password" autoComplete="current-password" value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="target-secret" autoFocus />
          <button type="submit" className="primary" data-testid="target-go">
            Switch
          </button>
          <button type="button" onClick={() => setStep({ kind: 'idle' })}>
            Cancel
          </button>
        </form>
      )}
      <p role="status" data-testid="identity-message">
        <VisibleText text={message} />
      </p>
      {me && !compact && (
        <details className="own-passphrase">
          <summary>{passphrases.has(me.id) ? 'Change your passphrase' : 'Set a passphrase (needed on a machine others use too)'}</summary>
          <form
            className="form-grid"
            onSubmit={(e) => {
              e.preventDefault();
              if (ownPass.next !== ownPass.again) {
                setMessage('The two passphrases differ.');
                return;
              }
              setOwnPassphrase(getDatabase(), getCatalog(), ownPass.next, passphrases.has(me.id) ? ownPass.current : undefined)
                .then(() => {
                  setOwnPass({ current: '', next: '', again: '' });
                  setMessage('Your passphrase is set.');
                })
                .catch((err: unknown) => setMessage((err as Error).message));
            }}
          >
            {passphrases.has(me.id) && (
              <>
                <label htmlFor="own-current">Current passphrase</label>
                <input id="own-current" type="password" autoComplete="current-password" value={ownPass.current} onChange={(e) => setOwnPass({ ...ownPass, current: e.target.value })} />
              </>
            )}
            <label htmlFor="own-next">New passphrase</label>
            <input id="own-next" type="password" autoComplete="new-password" value={ownPass.next} onChange={(e) => setOwnPass({ ...ownPass, next: e.target.value })} data-testid="own-passphrase" />
            <label htmlFor="own-again">Again</label>
            <input id="own-again" type="password" autoComplete="new-password" value={ownPass.again} onChange={(e) => setOwnPass({ ...ownPass, again: e.target.value })} data-testid="own-passphrase-again" />
            <span />
            <button type="submit" data-testid="set-own-passphrase">
              Set passphrase
            </button>
          </form>
        </details>
      )}
      {!compact && <SwitchLog />}
    </section>
  );
}

/** The log of who started working here as whom: everyone sees it, so a switch is never a quiet one. */
function SwitchLog() {
  const viewer = useViewer();
  const events = useLiveQuery(() => listStudyEvents(getDatabase()), []);
  if (!viewer || !events) return null;
  const log = identityLog(events);
  if (log.length === 0) return null;
  const nameOf = (id: string | null) => (id === null ? 'nobody' : (viewer.people.find((p) => p.id === id)?.name ?? id));
  return (
    <details data-testid="identity-log">
      <summary>Identity switches on this study ({log.length})</summary>
      <ol className="plain">
        {log.slice(0, 50).map((e) => (
          <li key={e.id}>
            {e.at.replace('T', ' ').slice(0, 19)} UTC: <VisibleText text={nameOf(e.from)} /> → <VisibleText text={nameOf(e.to)} />
            {e.withPassphrase ? ' (with passphrase)' : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
