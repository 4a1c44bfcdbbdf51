import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../db/schema.ts';
import { listIncidents } from '../db/repositories/incidents.ts';
import { listAllLabels, listAnnotators, listLabelsOf, listResolutions } from '../db/repositories/labels.ts';
import { readActiveCodebook } from '../db/repositories/codebooks.ts';

// Views follow the database: each hook re-renders its screen when the rows it read change.
const db = () => getDatabase();

export const useIncidents = () => useLiveQuery(() => listIncidents(db()), []);
export const useAnnotators = () => useLiveQuery(() => listAnnotators(db()), []);
export const useCodebook = () => useLiveQuery(() => readActiveCodebook(db()), []);
export const useAllLabels = () => useLiveQuery(() => listAllLabels(db()), []);
export const useResolutions = () => useLiveQuery(() => listResolutions(db()), []);
/**
 * One annotator's labels, or undefined until they are loaded. The result is tagged with whose they are so
 * that, right after a switch of annotator, the previous annotator's labels are never shown (blind coding).
 */
export function useLabelsOf(annotatorId: string | null) {
  const result = useLiveQuery(
    async () => ({ annotatorId, labels: annotatorId === null ? [] : await listLabelsOf(db(), annotatorId) }),
    [annotatorId],
  );
  return result?.annotatorId === annotatorId ? result.labels : undefined;
}
