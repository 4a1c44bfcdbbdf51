import { codingStatesByIncident, codingStatesOf, type IncidentFacts } from '../../../../shared/protocol/criteria.ts';
import { labelsFromColumns } from '../../../../shared/coding/labelColumns.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { summariesStamp } from './incidents.ts';

/**
 * Every key of a compound index that starts with the round: [round] sorts before them all (a shorter array with the
 * same start is smaller), [round, []] after them all (an array sorts after every string and number).
 */
const inRound = (round: number): [[number], [number, never[]]] => [[round], [round, []]];

/**
 * What selection criteria are tested against, for every incident of a study, in list order: its summary, its
 * search text and its coding state in one round. Read in one transaction; held by the selection worker until the
 * stamp (summaries and the round's tallies) says something changed.
 */
export async function loadIncidentFacts(db: WorkbenchDatabase, round: number): Promise<{ facts: IncidentFacts[]; stamp: string }> {
  return db.transaction('r', [db.summaries, db.searchTexts, db.labelColumns, db.labelTallies, db.counters], async () => {
    const [stamp, summaries, texts, columns] = await Promise.all([
      selectionStamp(db, round),
      db.summaries.orderBy('order').toArray(),
      db.searchTexts.toArray(),
      db.labelColumns.where('[round+annotatorId+dimension+bucket]').between(...inRound(round)).toArray(),
    ]);
    const textOf = new Map(texts.map((t) => [t.id, t.text]));
    const states = codingStatesByIncident(labelsFromColumns(columns));
    const uncoded = codingStatesOf(false, false);
    const facts = summaries.map((summary) => ({ summary, text: textOf.get(summary.id) ?? summary.title.toLowerCase(), coding: states.get(summary.id) ?? uncoded }));
    return { facts, stamp };
  });
}

/** Changes whenever a summary changes or a code is saved in the round (two small reads). */
export async function selectionStamp(db: WorkbenchDatabase, round: number): Promise<string> {
  const [summaries, tallies] = await Promise.all([
    summariesStamp(db),
    db.labelTallies.where('[round+annotatorId+dimension]').between(...inRound(round)).toArray(),
  ]);
  return JSON.stringify([round, summaries, tallies.map((t) => [t.annotatorId, t.dimension, t.changes])]);
}
