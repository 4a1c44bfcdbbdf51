import type { Incident } from './incident.ts';
import type { Dimension, LabelRevision, Person, Resolution } from './labels.ts';
import { countHiddenCharacters } from '../text/hiddenText.ts';

/**
 * Pure, ordered upgrade steps of stored records. Each step takes the shape one version wrote and returns
 * the next; the database's upgrade functions call them, and each has a fixture test.
 */

/** Schema version 1 of an incident: before detection, triage, discussion and hidden-text fields existed. */
export type IncidentV1 = Omit<
  Incident,
  'owningTeam' | 'teamHistory' | 'transferHops' | 'detectedAt' | 'detectionType' | 'monitorName' | 'falseAlarm' | 'hasTroubleshootingGuide' | 'serviceStage' | 'discussion' | 'hiddenCharacters' | 'studySet'
> & { studySet?: Incident['studySet'] };

/** Version 2 of an incident: its study set was optional (absent until a split). */
export type IncidentV2 = Omit<Incident, 'studySet'> & { studySet?: Incident['studySet'] };

export function upgradeIncidentV1toV2(old: IncidentV1): IncidentV2 {
  return {
    ...old,
    owningTeam: null,
    teamHistory: [],
    transferHops: null,
    detectedAt: null,
    detectionType: null,
    monitorName: null,
    falseAlarm: null,
    hasTroubleshootingGuide: null,
    serviceStage: null,
    discussion: [],
    hiddenCharacters: countHiddenCharacters([old.title, old.description, old.rootCauseText, old.mitigationText].join('')),
  };
}

/** Version 3: an incident not (yet) in a study set says so with null. */
export function upgradeIncidentV2toV3(old: IncidentV2): Incident {
  return { ...old, studySet: old.studySet ?? null };
}

/** Versions 1 and 2 of the stored shapes that version 3 replaces. */
export interface AnnotatorV2 {
  id: string;
  name: string;
  createdAt: string;
}
export interface LabelV2 {
  incidentId: string;
  annotatorId: string;
  dimension: Dimension;
  code: string;
  rationale: string;
  codebookId: string;
  codebookVersion?: number;
  round?: number;
  savedAt: string;
}
export interface ResolutionV2 {
  incidentId: string;
  dimension: Dimension;
  code: string;
  choice: 'A' | 'B' | 'other';
  rationale: string;
  resolvedBy: string;
  resolvedAt: string;
  codeA: string;
  codeB: string;
  proposedCodebookChange?: string;
}

/**
 * Version 3 of people, labels and decisions. Annotators get random ids (version 2 gave every install the same
 * `annotator-a`, so two machines' "A" collided) and the annotator role; each label becomes the first revision of its
 * slot, in round 1 and codebook version 1 where it had none; each decision records its round, the two coders and
 * the revisions it decided between (found by their codes; a decision matching no coder pair any more was stale, and
 * keeps the first two annotators). `newId` makes the random ids, so this stays pure.
 */
export function upgradeStudyV2toV3(
  old: { annotators: readonly AnnotatorV2[]; labels: readonly LabelV2[]; resolutions: readonly ResolutionV2[] },
  newId: () => string,
): { people: Person[]; revisions: LabelRevision[]; resolutions: Resolution[]; idMap: Map<string, string> } {
  const idMap = new Map<string, string>();
  const people: Person[] = [...old.annotators]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((a) => {
      const id = newId();
      idMap.set(a.id, id);
      return { id, name: a.name, role: 'annotator', createdAt: a.createdAt };
    });
  const personFor = (oldId: string): string => {
    let id = idMap.get(oldId);
    if (!id) {
      // A label of an annotator whose profile is gone: the profile comes back under a new id, so the label keeps an owner.
      id = newId();
      idMap.set(oldId, id);
      people.push({ id, name: oldId, role: 'annotator', createdAt: '1970-01-01T00:00:00.000Z' });
    }
    return id;
  };
  const revisions: LabelRevision[] = old.labels.map((l) => ({
    id: newId(),
    incidentId: l.incidentId,
    annotatorId: personFor(l.annotatorId),
    dimension: l.dimension,
    round: l.round ?? 1,
    code: l.code,
    rationale: l.rationale,
    codebookId: l.codebookId,
    codebookVersion: l.codebookVersion ?? 1,
    savedAt: l.savedAt,
    previousId: null,
  }));
  const resolutions: Resolution[] = old.resolutions.map((r) => {
    const onItem = revisions.filter((l) => l.incidentId === r.incidentId && l.dimension === r.dimension);
    // The two labels decided between: codeA's and codeB's, by two different coders in the same round.
    const a = onItem.find((l) => l.code === r.codeA && onItem.some((m) => m.code === r.codeB && m.annotatorId !== l.annotatorId && m.round === l.round));
    const b = a && onItem.find((l) => l.code === r.codeB && l.annotatorId !== a.annotatorId && l.round === a.round);
    // A stale decision (the codes changed since) keeps the study's first two annotators, never one coder twice.
    const [first, second] = people;
    return {
      id: newId(),
      incidentId: r.incidentId,
      dimension: r.dimension,
      round: a?.round ?? 1,
      coderA: a?.annotatorId ?? first?.id ?? 'unknown-a',
      coderB: b?.annotatorId ?? second?.id ?? 'unknown-b',
      revisionA: a?.id ?? 'unknown',
      revisionB: b?.id ?? 'unknown',
      codeA: r.codeA,
      codeB: r.codeB,
      code: r.code,
      choice: r.choice,
      rationale: r.rationale,
      resolvedBy: r.resolvedBy,
      resolvedAt: r.resolvedAt,
      proposedCodebookChange: r.proposedCodebookChange ?? '',
      previousId: null,
    };
  });
  return { people, revisions, resolutions, idMap };
}
