import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { pickPair } from '../../../../shared/study/coderPair.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { IncidentList } from '../../components/IncidentList.tsx';
import { getDatabase } from '../../db/activeStudy.ts';
import { getSummaries, positionOf } from '../../db/repositories/incidents.ts';
import { listDraftedIncidentIds, listPostmortemTemplates } from '../../db/repositories/postmortems.ts';
import { useIncidentWindow } from '../../hooks/useIncidentWindow.ts';
import { useCodebook, usePeople, useSettings } from '../../hooks/useStudyData.ts';
import { useSession } from '../../store/session.ts';
import { ActionItemList } from './ActionItemList.tsx';
import { PostmortemEditor } from './PostmortemEditor.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import { usePostmortemView, type PostmortemTab } from './postmortemView.ts';
import { askSelectionWorker } from '../protocol/useSelection.ts';

const TABS: ReadonlyArray<{ id: PostmortemTab; name: string }> = [
  { id: 'draft', name: 'Postmortem of an incident' },
  { id: 'actions', name: 'Action items' },
  { id: 'template', name: 'Template' },
];

/**
 * Postmortems: an incident's report drafted from its data, its final codes and what similar incidents taught; the
 * action items of every postmortem; the study's template.
 */
export function PostmortemScreen() {
  const db = getDatabase();
  const settings = useSettings();
  const people = usePeople();
  const codebook = useCodebook();
  const templates = useLiveQuery(() => listPostmortemTemplates(db), [db]);
  const drafted = useLiveQuery(() => listDraftedIncidentIds(db), [db]);
  const { coderA, coderB } = useSession();
  const { tab, incidentId, set, templateWork } = usePostmortemView();
  const round = settings?.currentRound ?? 1;
  const list = useIncidentWindow(null, round);
  const [index, setIndex] = useState(0);
  // Back on the screen with an incident open: the list shows it selected (its position is counted once).
  useEffect(() => {
    const open0 = usePostmortemView.getState().incidentId;
    if (open0 === null) return;
    let live = true;
    void positionOf(db, open0).then((at) => live && at !== null && setIndex(at));
    return () => {
      live = false;
    };
  }, [db]);
  const [goTo, setGoTo] = useState('');
  const [goProblem, setGoProblem] = useState('');
  const people0 = people ?? [];
  const ready = settings !== undefined;
  const { a, b } = pickPair(people0, coderA, coderB);
  const pairKey = a && b ? `${a.id}\u0000${b.id}` : null;
  // While the author picks an incident, the worker reads the study and works out its final codes (seconds at 100k).
  useEffect(() => {
    if (pairKey === null || !ready) return;
    const [coderA0, coderB0] = pairKey.split('\u0000') as [string, string];
    void askSelectionWorker({ dbName: db.name, round, kind: 'postmortem', incidentId: null, coderA: coderA0, coderB: coderB0, limit: 0 }).catch(() => undefined);
  }, [db.name, round, pairKey, ready]);
  const select = useCallback(
    (i: number) => {
      setIndex(i);
      const row = list.rowAt(i);
      if (row) set({ incidentId: row.id });
    },
    [list, set],
  );
  const open = async (id: string) => {
    // The id as typed, else without the spaces around it (ids from files may have them).
    const [exact, trimmed] = await getSummaries(db, [id, id.trim()]);
    const found = exact?.id ?? trimmed?.id;
    if (found === undefined) {
      setGoProblem(`No incident has the id ${JSON.stringify(visibleTextString(id))}.`);
      return;
    }
    id = found;
    setGoProblem('');
    set({ incidentId: id, tab: 'draft' });
    // Where it is in the list (a count over the list's index: read after the postmortem is asked for, not before).
    const at = await positionOf(db, id);
    if (at !== null && usePostmortemView.getState().incidentId === id) setIndex(at);
  };

  if (!settings || !people || !codebook || !templates || list.count === undefined) return <p role="status">Loading…</p>;
  const me = people.find((p) => p.id === settings.whoAmI);
  const pair = a && b ? { a: a.id, b: b.id } : null;
  const template = templates[0]!;
  return (
    <div className="screen postmortem-screen">
      <h1 tabIndex={-1}>Postmortems</h1>
      <div className="toolbar" role="group" aria-label="Postmortem views">
        {TABS.map((t) => (
          <button key={t.id} type="button" aria-pressed={tab === t.id} onClick={() => set({ tab: t.id })} data-testid={`pm-tab-${t.id}`}>
            {t.name}
            {t.id === 'template' && templateWork?.dbName === db.name ? ' (changes not saved)' : ''}
          </button>
        ))}
      </div>
      {!me ? (
        <p className="warning" role="note">
          Choose who you are on the Study screen first: every version of a postmortem says who saved it.
        </p>
      ) : tab === 'actions' ? (
        <ActionItemList onOpen={(id) => void open(id)} />
      ) : tab === 'template' ? (
        <TemplateEditor key={template.id} template={template} me={me} people={people} />
      ) : list.count === 0 ? (
        <p>No incidents yet: import some first.</p>
      ) : (
        <div className="postmortem-main">
          <div className="postmortem-list-column">
            <form
              className="toolbar"
              onSubmit={(e) => {
                e.preventDefault();
                void open(goTo);
              }}
            >
              <label>
                Incident id <input value={goTo} onChange={(e) => setGoTo(e.target.value)} data-testid="pm-go-id" />
              </label>
              <button type="submit" data-testid="pm-go">
                Open
              </button>
              {goProblem && <span role="alert">{goProblem}</span>}
            </form>
            <IncidentList
              count={list.count}
              rowAt={list.rowAt}
              onRange={list.onRange}
              selectedIndex={index}
              onSelect={select}
              label="Incidents"
              badge={(i) => (drafted?.has(i.id) ? 'postmortem drafted' : '')}
            />
          </div>
          <div className="postmortem-editor-column">
            {incidentId === null ? (
              <p className="muted">Choose an incident: its postmortem opens here, prefilled from its data and codes.</p>
            ) : (
              <PostmortemEditor key={incidentId} incidentId={incidentId} me={me} people={people} pair={pair} round={round} codebook={codebook} template={template} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
