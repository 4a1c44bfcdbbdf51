import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../db/activeStudy.ts';
import { getIncident, listIncidentSummaries } from '../db/repositories/incidents.ts';
import { listAllLabels, listDecisions } from '../db/repositories/labels.ts';
import { readActiveCodebook } from '../db/repositories/codebooks.ts';
import { listPeople } from '../db/repositories/people.ts';
import { readSettings } from '../db/repositories/settings.ts';

// Views follow the open study's database: each hook re-renders its screen when the rows it read change. The app
// remounts the screens when another study is opened, so each query runs against the study open now.
const db = () => getDatabase();

export const useIncidentSummaries = () => useLiveQuery(() => listIncidentSummaries(db()), []);
export const usePeople = () => useLiveQuery(() => listPeople(db()), []);
export const useCodebook = () => useLiveQuery(() => readActiveCodebook(db()), []);
export const useSettings = () => useLiveQuery(() => readSettings(db()), []);
export const useAllLabels = () => useLiveQuery(() => listAllLabels(db()), []);
export const useDecisions = () => useLiveQuery(() => listDecisions(db()), []);

/** One whole incident for the reader; null when there is none with that id. */
export function useIncident(id: string | null) {
  const result = useLiveQuery(async () => ({ id, incident: id === null ? null : ((await getIncident(db(), id)) ?? null) }), [id]);
  return result?.id === id ? result.incident : undefined;
}

