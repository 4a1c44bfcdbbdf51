import type { AgreementRequest } from '../../../../shared/study/agreementView.ts';
import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import type { CodedLabel } from '../../../../shared/coding/labelColumns.ts';
import type { StudySet } from '../../../../shared/model/incident.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { readActiveCodebook } from './codebooks.ts';
import { listCodedLabelsOf, listCodersByRound } from './labels.ts';
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
  return db.transaction('r', [db.labelColumns, db.people, db.settings, db.codebookVersions, db.summaries], async () => {
    const codersByRound = await listCodersByRound(db);
    const inRound = codersByRound.get(request.round) ?? new Set<string>();
    const coders = new Set([request.coderA, request.coderB]);
    if (inRound.size >= 3) for (const c of inRound) coders.add(c);
    const count = (set: StudySet) => db.summaries.where('studySet').equals(set).count();
    const [labels, people, codebook, taxonomy, validation, test, inSet] = await Promise.all([
      listCodedLabelsOf(db, [...coders]),
      listPeople(db),
      readActiveCodebook(db),
      count('taxonomy'),
      count('validation'),
      count('test'),
      request.studySet === 'all' ? undefined : db.summaries.where('studySet').equals(request.studySet).primaryKeys().then((ids) => new Set(ids)),
    ]);
    return { labels, people, codebook, setCounts: { taxonomy, validation, test }, inSet };
  });
}

/**
 * Changes when anything the agreement view shows may have changed: a label saved, a person added or renamed, the
 * codebook version, the split. Cheap: one native count and two small reads (the split is recorded in the settings,
 * so set membership is not scanned).
 */
export async function agreementChangeToken(db: WorkbenchDatabase): Promise<string> {
  const [revisions, people, settings] = await Promise.all([db.labelRevisions.count(), db.people.toArray(), db.settings.get('study')]);
  return JSON.stringify([revisions, people.map((p) => p.name), settings?.codebook, settings?.split]);
}
