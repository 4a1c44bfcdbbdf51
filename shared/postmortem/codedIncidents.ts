import type { Incident } from '../model/incident.ts';
import { isBuiltInDimension, type Resolution } from '../model/labels.ts';
import { computeStudyOutcome, type PairableLabel } from '../study/finalLabels.ts';
import type { FinalCodeOfIncident } from './prefill.ts';
import type { CodedIncident } from './similar.ts';

export interface StudyFinalCodes {
  /** Every incident with its final codes by dimension (none where the coders have not settled one). */
  coded: CodedIncident[];
  /** Each incident's final codes, every dimension, with where they came from. */
  codesOf: Map<string, FinalCodeOfIncident[]>;
}

/**
 * What postmortems learn from: every incident of the study with the final codes of the pair of coders the lead compares
 * (agreed, or decided by the lead), in one round. The screen's worker and the CLI both build it here; incidents are
 * anything with an id, a title, a date and a time to mitigate (a summary is enough; the mitigation text is optional).
 */
export function studyFinalCodes(
  incidents: ReadonlyArray<Pick<Incident, 'id' | 'title' | 'createdAt' | 'timeToMitigateMinutes'> & { mitigationText?: string }>,
  labels: readonly PairableLabel[],
  decisions: readonly Resolution[],
  coderA: string,
  coderB: string,
  round: number,
): StudyFinalCodes {
  const codesOf = new Map<string, FinalCodeOfIncident[]>();
  for (const f of computeStudyOutcome(labels, decisions, coderA, coderB, null, round).finalLabels) {
    let list = codesOf.get(f.incidentId);
    if (!list) codesOf.set(f.incidentId, (list = []));
    list.push({ dimension: f.dimension, code: f.code, origin: f.origin });
  }
  const coded = incidents.map((i): CodedIncident => {
    const codes: CodedIncident['codes'] = {};
    for (const c of codesOf.get(i.id) ?? []) if (isBuiltInDimension(c.dimension)) codes[c.dimension] = c.code;
    return { id: i.id, title: i.title, createdAt: i.createdAt, timeToMitigateMinutes: i.timeToMitigateMinutes, mitigationText: i.mitigationText ?? '', codes };
  });
  return { coded, codesOf };
}
