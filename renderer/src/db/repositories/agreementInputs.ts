import type { AgreementRequest } from '../../../../shared/study/agreementView.ts';
import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import type { CodedLabel } from '../../../../shared/coding/labelColumns.ts';
import type { StudySet } from '../../../../shared/model/incident.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { labelsAsOfVersion } from '../../../../shared/coding/labelHistory.ts';
import { listCodebookVersions, readActiveCodebook } from './codebooks.ts';
import { listCodedLabelsOf, listLabelTallies } from './labels.ts';
import { listPeople } from './people.ts';

export interface AgreementInputs {
  labels: CodedLabel[];
  people: Person[];
  codebook: Codebook | undefined;
  /** Every stored version of the codebook, for the version picker. */
  versions: number[];
  setCounts: Record<StudySet, number>;
  inSet: Set<string> | undefined;
}

/** A coder's decoded codes, kept while that coder's tallies show no change (a worker keeps one across requests). */
export type CoderCodesCache = Map<string, { version: string; labels: CodedLabel[] }>;

/**
 * What one agreement request is computed from, read in one transaction so the numbers belong to one moment: the
 * codes of the two coders (every round, for the trend) and, with three or more coders in the round, theirs too,
 * from the column projection; the study set's incident ids from the summaries' index, never the incidents. Under
 * an earlier codebook version, the codes are those that stood then (from the revisions) and the categories that
 * version's.
 */
export async function loadAgreementInputs(db: WorkbenchDatabase, request: AgreementRequest, cache: CoderCodesCache = new Map()): Promise<AgreementInputs> {
  return db.transaction('r', [db.labelColumns, db.labelTallies, db.labelRevisions, db.people, db.settings, db.codebookVersions, db.summaries], async () => {
    const tallies = await listLabelTallies(db);
    const inRound = new Set(tallies.filter((t) => t.round === request.round && t.count > 0).map((t) => t.annotatorId));
    const coders = new Set([request.coderA, request.coderB]);
    if (inRound.size >= 3) for (const c of inRound) coders.add(c);
    // A coder's codes are read again only when one of their tallies changed since they were read.
    const versionOf = (coder: string) => JSON.stringify(tallies.filter((t) => t.annotatorId === coder).map((t) => [t.round, t.dimension, t.changes]));
    const codesOf = async (coder: string) => {
      const version = versionOf(coder);
      const cached = cache.get(coder);
      if (cached?.version === version) return cached.labels;
      const labels = await listCodedLabelsOf(db, [coder]);
      cache.set(coder, { version, labels });
      return labels;
    };
    const [labelsByCoder, people, settings, current, stored, inSet] = await Promise.all([
      Promise.all([...coders].map(codesOf)),
      listPeople(db),
      db.settings.get('study'),
      readActiveCodebook(db),
      listCodebookVersions(db),
      request.studySet === 'all' ? undefined : db.summaries.where('studySet').equals(request.studySet).primaryKeys().then((ids) => new Set(ids)),
    ]);
    // The split records how many incidents each set got (counting by the index would walk 100k entries).
    const setCounts: Record<StudySet, number> = settings?.split?.counts ?? { taxonomy: 0, validation: 0, test: 0 };
    const versions = stored.map((c) => c.version);
    const asOf = request.codebookVersion;
    if (asOf !== 'all' && current && asOf < current.version) {
      const revisions = (await db.labelRevisions.toArray()).filter((r) => coders.has(r.annotatorId));
      const labels = labelsAsOfVersion(revisions, asOf).map(({ incidentId, annotatorId, dimension, round, code, codebookVersion }) => ({ incidentId, annotatorId, dimension, round, code, codebookVersion }));
      return { labels, people, codebook: stored.find((c) => c.version === asOf), versions, setCounts, inSet };
    }
    return { labels: labelsByCoder.flat(), people, codebook: current, versions, setCounts, inSet };
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
