import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { dimensionsOf } from '../../../../shared/codebook/codebook.ts';
import { assignedSets, describeSets } from '../../../../shared/protocol/assignments.ts';
import { describeProgress } from '../../../../shared/protocol/progress.ts';
import { STUDY_SETS, type StudySet } from '../../../../shared/model/incident.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { assignSets, listAssignments } from '../../db/repositories/assignments.ts';
import { unblindRound } from '../../db/repositories/identity.ts';
import { listCodersByRound } from '../../db/repositories/labels.ts';
import { useCodebook, useSettings } from '../../hooks/useStudyData.ts';
import { useViewer } from '../../hooks/useViewer.ts';
import { getPlatform } from '../../platform/platform.ts';
import { useStudy } from '../../store/study.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { useWorkerAnswer } from '../protocol/useSelection.ts';
import { useStudyFileJob } from '../study/studyFileJob.ts';
import type { SelectionWorkerResponse } from '../../workers/selection.worker.ts';

type Progress = Extract<SelectionWorkerResponse, { kind: 'progress' }>;

const fileNameFor = (study: string, person: string) => `${`${study} for ${person}`.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() || 'study'}.starter.workbench.zip`;

/**
 * The lead's view of who codes what (paper §III-C: the taxonomy set first, then validation, then test): an
 * assignment per annotator and round, each one's progress per set, and the starter file that takes the study to an
 * annotator's machine (incidents, codebook, people, sets and assignments, nobody's labels).
 */
export function AssignmentsPanel() {
  const viewer = useViewer();
  const settings = useSettings();
  const codebook = useCodebook();
  const round = settings?.currentRound ?? 1;
  const assignments = useLiveQuery(() => listAssignments(getDatabase()), []);
  const coders = (viewer?.people ?? []).filter((p) => p.role !== 'source');
  const dimensions = codebook ? dimensionsOf(codebook).map((d) => d.id) : [];
  const assignedOf = (p: Person) => (assignments ? assignedSets(assignments, p.id, round) : null);
  const progress = useWorkerAnswer<Progress>(
    viewer?.leads && assignments && codebook ? { dbName: getDatabase().name, round, kind: 'progress', coders: coders.map((p) => p.id), dimensions, assigned: coders.map(assignedOf) } : null,
    round,
  );
  const [message, setMessage] = useState('');
  const fileJob = useStudyFileJob();
  const { entry } = useStudy();
  if (!viewer || !settings || !assignments || !codebook) return null;
  if (!viewer.leads) return null;
  const me = viewer.me;

  const assign = (person: Person, sets: StudySet[] | null) =>
    // Who assigned is a person of the study; with nobody chosen yet (a new study) the assignment waits for them.
    (me ? assignSets(getDatabase(), { annotatorId: person.id, round, sets, assignedBy: me.id }, new Date()) : Promise.reject(new Error('Choose who you are first (Who works on this machine): an assignment names who made it.')))
      .then((done) => setMessage(done ? `${person.name} codes ${describeSets(sets)} in round ${round}.` : 'No change.'))
      .catch((e: unknown) => setMessage((e as Error).message));

  const sendStarter = async (person: Person) => {
    if (!entry) return;
    const job = await fileJob.run({ type: 'export', dbName: entry.dbName, starter: { for: person.id } });
    if (job.step !== 'exported') {
      setMessage(job.step === 'failed' ? `No starter file: ${job.message}` : 'Cancelled.');
      return;
    }
    await getPlatform().saveBinaryFile(fileNameFor(settings.name, person.name), job.bytes, 'application/zip');
    setMessage(`Wrote the starter file for ${person.name} (${(job.bytes.length / 1024).toFixed(0)} KiB): the study without anyone's labels, which opens on their machine as them.`);
  };

  return (
    <section aria-labelledby="assignments-heading" data-testid="assignments">
      <h2 id="assignments-heading">Who codes what in round {round}</h2>
      <table data-testid="assignment-table">
        <caption className="sr-only">Assignments and progress in round {round}</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Codes</th>
            <th scope="col">Progress</th>
            <th scope="col">Their machine</th>
          </tr>
        </thead>
        <tbody>
          {coders.map((p) => {
            const sets = assignedOf(p);
            const mine = progress.answer?.coders.find((c) => c.annotatorId === p.id);
            return (
              <tr key={p.id} data-testid="assignment-row" data-person-name={p.name}>
                <th scope="row">
                  <VisibleText text={p.name} /> <span className="muted">({p.role})</span>
                </th>
                <td>
                  <fieldset className="inline-sets">
                    <legend className="sr-only">
                      Sets {visibleTextString(p.name)} codes in round {round}
                    </legend>
                    <label className="check">
                      <input type="checkbox" checked={sets === null} onChange={(e) => void assign(p, e.target.checked ? null : [])} data-testid="assign-all" />
                      every incident
                    </label>
                    {STUDY_SETS.map((s) => (
                      <label key={s} className="check">
                        <input
                          type="checkbox"
                          checked={sets !== null && sets.includes(s)}
                          onChange={(e) => void assign(p, e.target.checked ? [...(sets ?? []), s] : (sets ?? []).filter((x) => x !== s))}
                          data-testid={`assign-${s}`}
                        />
                        {s}
                      </label>
                    ))}
                  </fieldset>
                </td>
                <td data-testid="assignment-progress">
                  {mine ? (
                    <>
                      {describeProgress(mine.assigned)}
                      <br />
                      <span className="muted">{mine.bySet.map((b) => `${b.set ?? 'no set'} ${b.coded}/${b.incidents}`).join(' · ')}</span>
                    </>
                  ) : (
                    '…'
                  )}
                </td>
                <td>
                  <button type="button" onClick={() => void sendStarter(p)} disabled={fileJob.job.step === 'running'} data-testid="starter-file">
                    Starter file for {visibleTextString(p.name)}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p role="status" data-testid="assignment-message">
        <VisibleText text={message} />
      </p>
    </section>
  );
}

/**
 * Blinding, round by round: until the lead unblinds a round, annotators see only their own codes of it (no
 * agreement, resolution, analysis or label export shows them anyone else's). Unblinding is logged and final.
 */
export function BlindingPanel() {
  const viewer = useViewer();
  const byRound = useLiveQuery(() => listCodersByRound(getDatabase()), []);
  const [message, setMessage] = useState('');
  if (!viewer || !byRound) return null;
  const rounds = [...byRound.keys()].sort((a, b) => a - b);
  const isLead = viewer.me?.role === 'lead';
  return (
    <section aria-labelledby="blinding-heading" data-testid="blinding">
      <h2 id="blinding-heading">Blinding</h2>
      {rounds.length === 0 ? (
        <p className="muted">No codes yet: every round is blind until the lead unblinds it.</p>
      ) : (
        <ul className="plain">
          {rounds.map((r) => (
            <li key={r} data-testid="round-blinding" data-round={r} data-unblinded={viewer.unblinded.has(r)}>
              Round {r} ({byRound.get(r)!.size} coder{byRound.get(r)!.size === 1 ? '' : 's'}): {viewer.unblinded.has(r) ? 'unblinded: everyone sees every code' : 'blind: each annotator sees only their own codes'}
              {isLead && !viewer.unblinded.has(r) && (
                <>
                  {' '}
                  <button
                    type="button"
                    onClick={() =>
                      unblindRound(getDatabase(), r, new Date())
                        .then(() => setMessage(`Round ${r} is unblinded.`))
                        .catch((e: unknown) => setMessage((e as Error).message))
                    }
                    data-testid="unblind-round"
                  >
                    Unblind round {r}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!isLead && <p className="muted">Only a lead unblinds a round.</p>}
      <p role="status">{message}</p>
    </section>
  );
}
