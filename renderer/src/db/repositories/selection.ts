import { codingStatesByIncident, codingStatesOf, type CodingState, type IncidentFacts } from '../../../../shared/protocol/criteria.ts';
import { labelsFromColumns, type CodedLabel } from '../../../../shared/coding/labelColumns.ts';
import type { IncidentSummary } from '../../../../shared/model/incidentSummary.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { summariesStamp } from './incidents.ts';

/**
 * Every key of a compound index that starts with the round: [round] sorts before them all (a shorter array with the
 * same start is smaller), [round, []] after them all (an array sorts after every string and number).
 */
const inRound = (round: number): [[number], [number, never[]]] => [[round], [round, []]];

/** What changes only with the incidents: every summary in list order with its search text. */
export interface IncidentBase {
  stamp: string;
  summaries: IncidentSummary[];
  texts: string[];
}

/** Every incident's summary and search text, in list order, read in one transaction (the selection worker holds them). */
export async function loadIncidentBase(db: WorkbenchDatabase): Promise<IncidentBase> {
  return db.transaction('r', [db.summaries, db.searchTexts, db.counters], async () => {
    const [stamp, summaries, texts] = await Promise.all([summariesStamp(db), db.summaries.orderBy('order').toArray(), db.searchTexts.toArray()]);
    const textOf = new Map(texts.map((t) => [t.id, t.text]));
    return { stamp, summaries, texts: summaries.map((s) => textOf.get(s.id) ?? s.title.toLowerCase()) };
  });
}

/** The current codes of a round (of the given coders only, or of all), from the label columns: cheap next to the base. */
export async function loadRoundCodes(db: WorkbenchDatabase, round: number, coders: readonly string[] | null): Promise<CodedLabel[]> {
  const columns =
    coders === null
      ? await db.labelColumns.where('[round+annotatorId+dimension+bucket]').between(...inRound(round)).toArray()
      : (await Promise.all(coders.map((c) => db.labelColumns.where('[annotatorId+round]').equals([c, round]).toArray()))).flat();
  return labelsFromColumns(columns);
}

/** Facts from a base and a round's codes: what criteria are tested against. */
export function factsOf(base: IncidentBase, codes: readonly CodedLabel[]): IncidentFacts[] {
  const states = codingStatesByIncident(codes);
  const uncoded: ReadonlySet<CodingState> = codingStatesOf(false, false);
  return base.summaries.map((summary, i) => ({ summary, text: base.texts[i]!, coding: states.get(summary.id) ?? uncoded }));
}

/**
 * What selection criteria are tested against, for every incident of a study, in list order: its summary, its search
 * text and its coding state in one round (from every coder's codes, or only from `coders`': an annotator in a blind
 * round must not learn where others disagree). Tests and small studies read it in one go; the worker reads the base
 * and the codes apart, since a saved code changes only the codes.
 */
export async function loadIncidentFacts(db: WorkbenchDatabase, round: number, coders: readonly string[] | null = null): Promise<{ facts: IncidentFacts[]; stamp: string }> {
  const [base, codes, stamp] = await Promise.all([loadIncidentBase(db), loadRoundCodes(db, round, coders), selectionStamp(db, round)]);
  return { facts: factsOf(base, codes), stamp };
}

/** Changes whenever a code is saved in the round (one small read). */
export async function roundCodesStamp(db: WorkbenchDatabase, round: number): Promise<string> {
  const tallies = await db.labelTallies.where('[round+annotatorId+dimension]').between(...inRound(round)).toArray();
  return JSON.stringify(tallies.map((t) => [t.annotatorId, t.dimension, t.changes]));
}

/** Changes whenever a summary changes or a code is saved in the round (two small reads). */
export async function selectionStamp(db: WorkbenchDatabase, round: number): Promise<string> {
  const [summaries, codes] = await Promise.all([summariesStamp(db), roundCodesStamp(db, round)]);
  return JSON.stringify([round, summaries, codes]);
}
