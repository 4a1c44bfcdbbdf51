import { useRef, useState } from 'react';
import { create } from 'zustand';
import { ROLES, type Person, type Role } from '../../../../shared/model/labels.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { WorkbenchDatabase } from '../../db/schema.ts';
import type { StudyEntry } from '../../db/catalog.ts';
import { addPerson, updatePerson } from '../../db/repositories/people.ts';
import { updateSettings } from '../../db/repositories/settings.ts';
import { createStudy, deleteStudy, describeStudyContents, renameStudy } from '../../db/repositories/studies.ts';
import { isImportRunning } from '../../db/repositories/imports.ts';
import { usePeople, useSettings } from '../../hooks/useStudyData.ts';
import { getPlatform } from '../../platform/platform.ts';
import { getCatalog, useStudy } from '../../store/study.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ImportLabelPackages } from '../coding/LabelPackages.tsx';
import { describeSplit } from '../../../../shared/protocol/methodsSummary.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { useStudyFileJob } from './studyFileJob.ts';
import { IdentityPanel } from './IdentityPanel.tsx';
import { changeRole } from '../../db/repositories/identity.ts';
import { AssignmentsPanel, BlindingPanel } from '../coding/LeadPanels.tsx';
import { useViewer } from '../../hooks/useViewer.ts';
import { ImportLabelsAsCoder } from '../coding/ImportLabelsAsCoder.tsx';

/** Roles a person can be given here: sources of labels come with their labels (Import labels as a coder). */
const PERSON_ROLES = ROLES.filter((r) => r !== 'source');
const BLIND_NOTE = 'This is the lead\'s while a round is blind (it decides, or would show, what annotators may not see yet), until the lead unblinds the round.';

/** The last thing the Study screen said: kept outside the screen, which is remounted when another study opens. */
const useStudyMessage = create<{ message: string; say: (message: string) => void }>()((set) => ({ message: '', say: (message) => set({ message }) }));

const fileNameFor = (name: string) => `${name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() || 'study'}.workbench.zip`;

/** Studies on this machine: open, create, rename, duplicate, delete, and move between machines as a study file. */
function StudiesSection() {
  const { entry: current, studies, open: openStudy, refresh } = useStudy();
  const [newName, setNewName] = useState('');
  const { message, say: setMessage } = useStudyMessage();
  const deleteButtons = useRef(new Map<string, HTMLButtonElement>());
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirming, setConfirming] = useState<{ entry: StudyEntry; contents: Awaited<ReturnType<typeof describeStudyContents>> } | null>(null);
  const fileJob = useStudyFileJob();
  // A copy or a study file holds everyone's codes: while some are blind to the person here, those are the lead's.
  const viewer = useViewer();
  const seesAll = viewer?.seesAll ?? false;
  const leads = viewer?.leads ?? false;

  const act = async (what: () => Promise<string>) => {
    try {
      setMessage(await what());
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const createAndOpen = () =>
    act(async () => {
      const entry = await createStudy(getCatalog(), newName, new Date());
      setNewName('');
      await openStudy(entry);
      const renamed = entry.name !== newName.trim() ? ` (a study named "${newName.trim()}" exists already, so it is "${entry.name}")` : '';
      return `Created and opened "${entry.name}"${renamed}.`;
    });

  const open = (entry: StudyEntry) =>
    act(async () => {
      await openStudy(entry);
      return `Opened "${entry.name}".`;
    });

  const duplicate = (entry: StudyEntry) =>
    act(async () => {
      if (await isImportRunning(getDatabase())) return 'An import is running in this study: wait for it to finish before duplicating it.';
      // In the study-file worker: a study of 100k incidents is too much to copy on the main thread.
      const job = await fileJob.run({ type: 'duplicate', dbName: entry.dbName, copyName: `${entry.name} (copy)`, now: new Date().toISOString() });
      if (job.step !== 'imported') return job.step === 'failed' ? `Not duplicated: ${job.message}` : 'Duplicate cancelled.';
      await refresh();
      return `Duplicated "${entry.name}" as "${job.entry.name}".`;
    });

  /** Reads from a study's database: the open one, or a connection of its own that is closed after. */
  const readStudy = async <T,>(entry: StudyEntry, read: (db: WorkbenchDatabase) => Promise<T>): Promise<T> => {
    if (entry.id === current?.id) return read(getDatabase());
    const db = new WorkbenchDatabase(entry.dbName);
    try {
      return await read(db);
    } finally {
      db.close();
    }
  };
  const importBlocksDelete = (entry: StudyEntry) => `An import is writing into "${entry.name}": wait for it to finish, or cancel it, before deleting the study.`;

  const askDelete = async (entry: StudyEntry) => {
    const contents = await readStudy(entry, describeStudyContents);
    if (contents.importing) return setMessage(importBlocksDelete(entry));
    setConfirming({ entry, contents });
  };

  const closeConfirmation = (entry: StudyEntry) => {
    setConfirming(null);
    // Focus goes back where it was: the study's Delete button.
    deleteButtons.current.get(entry.id)?.focus();
  };

  const confirmDelete = (entry: StudyEntry) =>
    act(async () => {
      setConfirming(null);
      // Asked again: an import may have begun in another window while the dialog was open.
      if (await readStudy(entry, (db) => isImportRunning(db))) return importBlocksDelete(entry);
      if (entry.id === current?.id) {
        // The open study is closed first: another one is opened, or a new empty one made when it was the last.
        const other = studies.find((s) => s.id !== entry.id) ?? (await createStudy(getCatalog(), 'New study', new Date()));
        await openStudy(other);
      }
      await deleteStudy(getCatalog(), entry);
      await refresh();
      return `Deleted "${entry.name}".`;
    });

  const exportStudy = () =>
    act(async () => {
      if (!current) return '';
      if (await isImportRunning(getDatabase())) return 'An import is running in this study: export it once the import has finished, so the file holds the whole study.';
      const job = await fileJob.run({ type: 'export', dbName: current.dbName });
      if (job.step !== 'exported') return job.step === 'failed' ? `Not exported: ${job.message}` : 'Export cancelled.';
      await getPlatform().saveBinaryFile(fileNameFor(current.name), job.bytes, 'application/zip');
      return `Exported "${current.name}" (${(job.bytes.length / 1024).toFixed(0)} KiB).`;
    });

  const importStudy = () =>
    act(async () => {
      const [chosen] = await getPlatform().openFiles({ title: 'Import a study file', filters: [{ name: 'Study files', extensions: ['zip'] }] });
      if (!chosen) return '';
      const job = await fileJob.run({ type: 'import', file: chosen.file, fileName: chosen.name, now: new Date().toISOString() });
      if (job.step !== 'imported') return job.step === 'failed' ? `Not imported: ${job.message}` : 'Import cancelled.';
      await refresh();
      if (job.starter) {
        // A starter file is the study the lead sent to this machine: it opens at once, as the person it was made for.
        await openStudy(job.entry);
        return `Imported "${job.entry.name}" from ${chosen.name} (a starter file from the lead) and opened it${job.starter.as ? ` as ${job.starter.as}` : ''}. Code on the Code screen; send your labels back with "Export my labels".`;
      }
      return `Imported "${job.entry.name}" from ${chosen.name}. Open it from the list.`;
    });

  const running = fileJob.job.step === 'running' ? fileJob.job : null;
  return (
    <section aria-labelledby="studies-heading">
      <h2 id="studies-heading">Studies on this machine</h2>
      <table className="numbers" data-testid="study-list">
        <caption className="sr-only">Studies</caption>
        <thead>
          <tr>
            <th scope="col">Study</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {studies.map((s) => (
            <tr key={s.id} data-testid="study-row" data-study-name={s.name} data-db-name={s.dbName} aria-current={s.id === current?.id ? 'true' : undefined}>
              <th scope="row">
                {renaming?.id === s.id ? (
                  <form
                    onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void act(async () => {
                        await renameStudy(getCatalog(), s, getDatabase(), renaming.name);
                        setRenaming(null);
                        await refresh();
                        return `Renamed to "${renaming.name.trim()}".`;
                      });
                    }}
                  >
                    <label htmlFor="rename-study" className="sr-only">
                      New name
                    </label>
                    <input id="rename-study" maxLength={200} value={renaming.name} onChange={(e) => setRenaming({ id: s.id, name: e.target.value })} data-testid="rename-study-input" autoFocus />
                    <button type="submit" data-testid="rename-study-save">
                      Save name
                    </button>
                    <button type="button" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <>
                    <VisibleText text={s.name} /> {s.id === current?.id && <span className="muted">(open)</span>}
                  </>
                )}
              </th>
              <td>
                {s.id !== current?.id && (
                  <button type="button" onClick={() => void open(s)} data-testid="open-study">
                    Open
                  </button>
                )}
                {s.id === current?.id && renaming?.id !== s.id && (
                  <button type="button" onClick={() => setRenaming({ id: s.id, name: s.name })} data-testid="rename-study">
                    Rename
                  </button>
                )}
                {s.id === current?.id && (
                  <button type="button" onClick={() => void duplicate(s)} disabled={running !== null || !seesAll} title={seesAll ? undefined : BLIND_NOTE} data-testid="duplicate-study">
                    Duplicate
                  </button>
                )}
                <button
                  type="button"
                  ref={(el) => {
                    if (el) deleteButtons.current.set(s.id, el);
                    else deleteButtons.current.delete(s.id);
                  }}
                  onClick={() => void askDelete(s)}
                  data-testid="delete-study"
                >
                  Delete…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirming && (
        <ConfirmDialog
          testId="delete-confirmation"
          title={
            <>
              Delete the study “<VisibleText text={confirming.entry.name} />”?
            </>
          }
          safe="Keep it"
          danger="Delete this study"
          onSafe={() => closeConfirmation(confirming.entry)}
          onDanger={() => void confirmDelete(confirming.entry)}
        >
          <p>
            This removes from this machine its {confirming.contents.incidents} incidents, {confirming.contents.labelRevisions} saved labels (with their history),{' '}
            {confirming.contents.decisions} resolutions and {confirming.contents.people} people. It cannot be undone; export the study first if you may need it.
          </p>
        </ConfirmDialog>
      )}
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void createAndOpen();
        }}
      >
        <label htmlFor="new-study">New study</label>
        <input id="new-study" maxLength={200} value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="name" data-testid="new-study-name" />
        <button type="submit" data-testid="create-study">
          Create and open
        </button>
      </form>
      <div className="toolbar">
        <button type="button" onClick={() => void exportStudy()} disabled={running !== null || !seesAll} title={seesAll ? undefined : BLIND_NOTE} data-testid="export-study">
          Export this study (study file)
        </button>
        <button type="button" onClick={() => void importStudy()} disabled={running !== null} data-testid="import-study">
          Import a study file…
        </button>
      </div>
      {leads ? <ImportLabelPackages /> : <p className="muted">Importing annotators' label packages is the lead's while a round is blind.</p>}
      {!seesAll && <p className="muted">{BLIND_NOTE} (Export a study file, copy the study.)</p>}
      {running && (
        <div className="progress" aria-label="Study file progress">
          <label htmlFor="study-file-progress">
            {running.what === 'export' ? 'Exporting' : running.what === 'import' ? 'Importing' : running.what === 'demo' ? 'Loading the demo' : 'Duplicating'}: {running.label}
          </label>
          <progress id="study-file-progress" max={running.total} value={running.done} data-testid="study-file-progress" />
          <button type="button" onClick={fileJob.cancel} data-testid="cancel-study-file">
            Cancel
          </button>
        </div>
      )}
      <p role="status" data-testid="study-message">
        <VisibleText text={message} />
      </p>
    </section>
  );
}

function PersonRow({ person, mayChangeRoles }: { person: Person; mayChangeRoles: boolean }) {
  // A name being typed; null follows the stored name (which another window may change).
  const [draft, setDraft] = useState<string | null>(null);
  const name = draft ?? person.name;
  const setName = setDraft;
  const [state, setState] = useState('');
  const save = async (patch: { name?: string; role?: Role }) => {
    try {
      // A role decides what its person sees: given by a lead, and logged (changeRole); a name is anyone's to fix.
      if (patch.role) await changeRole(getDatabase(), getCatalog(), person.id, patch.role, new Date());
      if (patch.name !== undefined) await updatePerson(getDatabase(), person.id, { name: patch.name });
      setDraft(null);
      setState('Saved.');
    } catch (e) {
      setState((e as Error).message);
    }
  };
  return (
    <tr data-testid="person-row" data-person-id={person.id} data-person-name={person.name}>
      <th scope="row">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ name });
          }}
        >
          <label htmlFor={`person-name-${person.id}`} className="sr-only">
            Name of {person.name}
          </label>
          <input id={`person-name-${person.id}`} value={name} onChange={(e) => setName(e.target.value)} data-testid="person-name" />
          <button type="submit" disabled={name === person.name} data-testid="rename-person">
            Rename
          </button>
        </form>
      </th>
      <td>
        <label htmlFor={`person-role-${person.id}`} className="sr-only">
          Role of {person.name}
        </label>
        <select
          id={`person-role-${person.id}`}
          value={person.role}
          onChange={(e) => void save({ role: e.target.value as Role })}
          // A role decides what a person sees: while codes are blind to the person here, roles are the lead's to give.
          disabled={!mayChangeRoles || person.role === 'source'}
          title={mayChangeRoles ? undefined : BLIND_NOTE}
          data-testid="person-role"
        >
          {(person.role === 'source' ? ROLES : PERSON_ROLES).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td role="status">{state}</td>
    </tr>
  );
}

/** The study's people: annotators code blind, leads resolve. Ids are random, so two machines' profiles never collide. */
function PeopleSection() {
  const people = usePeople();
  const viewer = useViewer();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const [message, setMessage] = useState('');
  if (!people || !viewer) return <p role="status">Loading…</p>;
  // Roles are a lead's to give (changeRole refuses anyone else), except in a study that has no lead yet.
  const mayChangeRoles = viewer.me?.role === 'lead' || !people.some((p) => p.role === 'lead');
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <table className="numbers" data-testid="people">
        <caption className="sr-only">People in this study</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="sr-only">State</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <PersonRow key={p.id} person={p} mayChangeRoles={mayChangeRoles} />
          ))}
        </tbody>
      </table>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          // Added as an annotator; another role is then given as any role is (a lead's, logged).
          addPerson(getDatabase(), name, 'annotator', new Date())
            .then(async (p) => (role === 'annotator' ? p : changeRole(getDatabase(), getCatalog(), p.id, role, new Date())))
            .then((p) => {
              setName('');
              setMessage(`Added ${p.name}.`);
            })
            .catch((err: unknown) => setMessage((err as Error).message));
        }}
      >
        <label htmlFor="new-person">Add a person</label>
        <input id="new-person" value={name} onChange={(e) => setName(e.target.value)} placeholder="name" data-testid="new-person-name" />
        <label htmlFor="new-person-role">as</label>
        <select id="new-person-role" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-person-role">
          {(mayChangeRoles ? PERSON_ROLES : PERSON_ROLES.filter((r) => r === 'annotator')).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="add-person">
          Add
        </button>
        <span role="status" data-testid="people-message">
          {message}
        </span>
      </form>
    </section>
  );
}

/** Settings that travel with the study (in its database and its study file), never in localStorage. */
function SettingsSection() {
  const settings = useSettings();
  const viewer = useViewer();
  const [lead, setLead] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  if (!settings || !viewer) return <p role="status">Loading…</p>;
  const save = (patch: Parameters<typeof updateSettings>[1]) =>
    updateSettings(getDatabase(), patch)
      .then(() => setMessage('Saved.'))
      .catch((e: unknown) => setMessage((e as Error).message));
  // The round decides which codes are blind: the lead's to move while codes are blind to the person here.
  const mayEdit = viewer.leads;
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">This study's settings</h2>
      <div className="form-grid">
        <label htmlFor="current-round">Current labelling round</label>
        <input
          id="current-round"
          type="number"
          min={1}
          value={settings.currentRound}
          disabled={!mayEdit}
          title={mayEdit ? undefined : BLIND_NOTE}
          onChange={(e) => {
            const round = Number(e.target.value);
            if (Number.isInteger(round) && round >= 1) void save({ currentRound: round });
          }}
          data-testid="current-round"
        />
        <label htmlFor="lead-name-setting">Lead's name (signs resolutions)</label>
        <input
          id="lead-name-setting"
          value={lead ?? settings.leadName}
          disabled={!mayEdit}
          onChange={(e) => setLead(e.target.value)}
          onBlur={() => lead !== null && void save({ leadName: lead.trim() }).then(() => setLead(null))}
          data-testid="lead-name-setting"
        />
      </div>
      <p className="muted" data-testid="split-record">
        <VisibleText text={settings.split ? `Sets: ${describeSplit(settings.split)}` : 'The incidents are not split into sets yet (see Select).'} />{' '}
        Codes are given under codebook {settings.codebook.id}, version {settings.codebook.version}.
      </p>
      <p role="status" data-testid="settings-message">
        {message}
      </p>
    </section>
  );
}

export function StudyScreen() {
  // Labels from elsewhere join the study's codes: the lead's, while codes are blind to the person here.
  const leads = useViewer()?.leads ?? false;
  return (
    <div className="screen">
      <h1 tabIndex={-1}>Study</h1>
      <p className="lead">A study holds its incidents, codebook versions, people, sets, rounds, labels and resolutions, apart from every other study.</p>
      <IdentityPanel />
      <StudiesSection />
      <PeopleSection />
      <SettingsSection />
      <BlindingPanel />
      <AssignmentsPanel />
      {leads && <ImportLabelsAsCoder />}
    </div>
  );
}
