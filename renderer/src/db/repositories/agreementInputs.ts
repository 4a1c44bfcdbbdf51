import type { AgreementRequest } from '../../../../shared/study/agreementView.ts';
import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import type { CodedLabel } from '../../../../shared/coding/labelColumns.ts';
import type { StudySet } from '../../../../shared/model/incident.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { readActiveCodebook } from './codebooks.ts';
import { listCodedLabelsOf, listCodersByRound, listLabelTallies } from './labels.ts';
import { listPeople } from './people.ts';

export interface AgreementInputs {
  labels: CodedLabel[];
  people: Person[];
  codebook: Codebook | undefined;
  setCounts: Record<StudySet, number>;
  inSet: Set<string> | undefined;
}

/**
 * What one agreement request is computed from, read in one transaction so the numbers belong to one moment: the
 * codes of the two coders (every round, for the trend) and, with three or more coders in the round, theirs too,
 * from the column projection; the study set's incident ids from the summaries' index, never the incidents.
 */
export async function loadAgreementInputs(db: WorkbenchDatabase, request: AgreementRequest): Promise<AgreementInputs> {
  return db.transaction('r', [db.labelColumns, db.labelTallies, db.people, db.settings, db.codebookVersions, db.summaries], async () => {
    const codersByRound = await listCodersByRound(db);
    const inRound = codersByRound.get(request.round) ?? new Set<string>();
    const coders = new Set([request.coderA, request.coderB]);
    if (inRound.size >= 3) for (const c of inRound) coders.add(c);
    const [labels, people, settings, codebook, inSet] = await Promise.all([
      listCodedLabelsOf(db, [...coders]),
      listPeople(db),
      db.settings.get('study'),
      readActiveCodebook(db),
      request.studySet === 'all' ? undefined : db.summaries.where('studySet').equals(request.studySet).primaryKeys().then((ids) => new Set(ids)),
    ]);
    // The split records how many incidents each set got (counting by the index would walk 100k entries).
    const setCounts: Record<StudySet, number> = settings?.split?.counts ?? { taxonomy: 0, validation: 0, test: 0 };
    return { labels, people, codebook, setCounts, inSet };
  });
}

/**
 * Changes when anything the agreement view shows may have changed: a label saved (its tally's change count), a
 * person added, the codebook version, the split. Three small reads; nothing is counted by walking.
 */
export async function agreementChangeToken(db: WorkbenchDatabase): Promise<string> {
  const [tallies, people, settings] = await Promise.all([listLabelTallies(db), db.people.toArray(), db.settings.get('study')]);
  return JSON.stringify([tallies.map((t) => [t.round, t.annotatorId, t.dimension, t.changes]), people.map((p) => p.id), settings?.codebook, settings?.split]);
}
