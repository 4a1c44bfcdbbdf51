import type { IncidentInSet } from '../../../../shared/study/agreementView.ts';
import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import type { Label, Person } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { readActiveCodebook } from './codebooks.ts';
import { listPeople } from './people.ts';

/** What the agreement view is computed from, read in one transaction so the numbers belong to one moment. */
export async function loadAgreementInputs(db: WorkbenchDatabase): Promise<{ labels: Label[]; people: Person[]; codebook: Codebook | undefined; incidents: IncidentInSet[] }> {
  return db.transaction('r', [db.currentLabels, db.people, db.settings, db.codebookVersions, db.summaries], async () => {
    const [labels, people, codebook, summaries] = await Promise.all([db.currentLabels.toArray(), listPeople(db), readActiveCodebook(db), db.summaries.orderBy('order').toArray()]);
    return { labels, people, codebook, incidents: summaries.map((s) => ({ id: s.id, studySet: s.studySet })) };
  });
}
