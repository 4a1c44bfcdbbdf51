/// <reference lib="webworker" />
import { applyCriteria, codingStatesOf, compileCriterion, facetValueCounts, FACETS, type Criterion, type Facet, type IncidentFacts } from '../../../shared/protocol/criteria.ts';
import { cohortVersionKey, evaluateCohort, type Cohort } from '../../../shared/protocol/cohort.ts';
import { assignedProgress, dimensionsCoded, progressBySet, type SetProgress } from '../../../shared/protocol/progress.ts';
import { factsOf, loadIncidentBase, loadRoundCodes, roundCodesStamp, type IncidentBase } from '../db/repositories/selection.ts';
import { summariesStamp } from '../db/repositories/incidents.ts';
import { applySplit } from '../db/repositories/cohorts.ts';
import { countDecisions } from '../db/repositories/labels.ts';
import type { StudySet } from '../../../shared/model/incident.ts';
import type { SplitRecord } from '../../../shared/study/studySettings.ts';
import { workerDatabases } from './workerDatabases.ts';
import { buildStudyReport, type StudyReport, type StudyReportInput } from '../../../shared/report/studyReport.ts';
import type { CodeLevel } from '../../../shared/report/codeMatrix.ts';
import { renderReportHtml, type HtmlReportInput } from '../../../shared/report/htmlReport.ts';
import { chartSvg } from '../components/chartSvg.ts';
import { studyFinalCodes, type StudyFinalCodes } from '../../../shared/postmortem/codedIncidents.ts';
import { categoryStanding, findSimilarIncidents, type CategoryStanding, type SimilarIncident } from '../../../shared/postmortem/similar.ts';
import type { FinalCodeOfIncident } from '../../../shared/postmortem/prefill.ts';

/**
 * Selection off the main thread: a study's incidents (summaries and search texts, 100k of them) are read once into
 * the worker and kept while the incidents are unchanged; a round's codes are read on their own (a saved code changes
 * only them, and they are cheap to read from the label columns). Each filter, search, cohort or coding list is then
 * one pass over memory.
 *
 * `coders`: whose codes the coding states come from; absent for every coder. A viewer who may not see every code of
 * the round (an annotator in a blind round) asks with their own id only.
 */
type Scope = { dbName: string; round: number; coders?: string[] };

/** The list a coder works through: their assigned sets (null: every incident), a search, only what they have not coded. */
export interface CodingListQuery {
  annotatorId: string;
  dimensions: string[];
  sets: StudySet[] | null;
  query: string;
  uncodedOnly: boolean;
}

export type SelectionWorkerRequest =
  | ({ id: number; kind: 'select'; criteria: Criterion[]; withFacets: boolean } & Scope)
  /** `cohorts` to evaluate; `versions` every stored version (a comparison is drawn for one). */
  | ({ id: number; kind: 'cohorts'; cohorts: Cohort[]; versions: Cohort[] } & Scope)
  /** The incidents of a coder's list, in list order. */
  | ({ id: number; kind: 'codingList'; list: CodingListQuery } & Scope)
  /** The first incident of the list after `afterId` (wrapping round) that the coder has not coded in every dimension. */
  | ({ id: number; kind: 'nextUncoded'; list: CodingListQuery; afterId: string | null } & Scope)
  /** Each coder's progress per study set, and on what is assigned to them. */
  | ({ id: number; kind: 'progress'; coders: string[]; dimensions: string[]; assigned: Array<StudySet[] | null> } & Scope)
  /**
   * The study's report over a cohort (null: every incident), beside a second cohort ('rest': the incidents outside the
   * first) where asked: the general statistics read the summaries held here, so they never read a full record.
   */
  | ({
      id: number;
      kind: 'report';
      cohort: Cohort | null;
      comparison: Cohort | 'rest' | null;
      versions: Cohort[];
      coded: StudyReportInput['coded'];
      level: CodeLevel;
      normalised: boolean;
      /** Asked for the whole report as one HTML file (figures drawn here as SVG, with progress and a cancel). */
      html?: Omit<HtmlReportInput, 'report' | 'svgOf'>;
    } & Scope)
  /**
   * What an incident's postmortem learns from the study: its final codes (of coders A and B), the past incidents most
   * like it and where it stands in its root-cause category. The study's final codes are worked out once per change;
   * without an incident, only that (the screen warms them when it opens).
   */
  | ({ id: number; kind: 'postmortem'; incidentId: string | null; coderA: string; coderB: string; limit: number } & Scope)
  /** Writes a split (a long write over a large study: here, with progress, and stopped by a cancel). */
  | { id: number; dbName: string; round: number; kind: 'applySplit'; sets: Array<[string, StudySet]>; record: SplitRecord }
  /** Stops the request `cancel` if it is still writing. */
  | { id: number; cancel: number };

export interface CohortEvaluation {
  cohortId: string;
  version: number;
  steps: Array<{ description: string; remaining: number }>;
  total: number;
  ids: string[];
  comparison: { from: string | null; to: string | null; pool: number; short: boolean } | null;
}

export interface CoderProgress {
  annotatorId: string;
  bySet: SetProgress[];
  assigned: Omit<SetProgress, 'set'>;
}

export type SelectionWorkerResponse =
  | {
      id: number;
      kind: 'select';
      total: number;
      steps: Array<{ description: string; remaining: number }>;
      ids: string[];
      facets: Record<Facet, Array<{ value: string; count: number }>> | null;
      /** Reading the incidents (0 when they were held already) and applying the criteria, in ms. */
      loadMs: number;
      evaluateMs: number;
    }
  | { id: number; kind: 'cohorts'; results: CohortEvaluation[]; loadMs: number; evaluateMs: number }
  | { id: number; kind: 'codingList'; ids: string[]; loadMs: number }
  | { id: number; kind: 'nextUncoded'; incidentId: string | null }
  | { id: number; kind: 'progress'; coders: CoderProgress[] }
  | { id: number; kind: 'report'; report: StudyReport; loadMs: number; computeMs: number; html?: string }
  | { id: number; kind: 'postmortem'; codes: FinalCodeOfIncident[]; similar: SimilarIncident[]; standing: CategoryStanding | null; loadMs: number; computeMs: number }
  | { id: number; kind: 'applied' }
  | { id: number; progress: { done: number; total: number } }
  | { id: number; error: string };

type FacetCounts = Record<Facet, Array<{ value: string; count: number }>>;

/** The incidents of one study, held while they are unchanged (one study at a time: 100k incidents' text is worth keeping once). */
let held: { dbName: string; base: IncidentBase } | null = null;
/** Facts (with coding states) and their facet counts, for one study, round and set of coders, while nothing changed. */
let factsHeld: { key: string; facts: IncidentFacts[]; facets?: FacetCounts } | null = null;
// A study closed for good (deleted in another window): its incidents are dropped.
const databaseOf = workerDatabases((dbName) => {
  if (held?.dbName === dbName) held = null;
  if (factsHeld?.key.startsWith(`${dbName}\u0000`)) factsHeld = null;
  if (finalsHeld?.key.startsWith(`${dbName}\u0000`)) finalsHeld = null;
});

/** A read under way, shared by every request that arrives meanwhile (a screen asks several questions at once). */
const loading = new Map<string, Promise<IncidentBase>>();

async function baseOf(dbName: string): Promise<{ base: IncidentBase; loadMs: number }> {
  const db = await databaseOf(dbName);
  const stamp = await summariesStamp(db);
  if (held?.dbName === dbName && held.base.stamp === stamp) return { base: held.base, loadMs: 0 };
  const started = performance.now();
  const flight = `${dbName}\u0000${stamp}`;
  let pending = loading.get(flight);
  if (!pending) {
    pending = loadIncidentBase(db).finally(() => loading.delete(flight));
    loading.set(flight, pending);
  }
  const base = await pending;
  if (held?.dbName !== dbName || held.base.stamp !== base.stamp) held = { dbName, base };
  return { base: held.base, loadMs: performance.now() - started };
}

async function factsFor(scope: Scope): Promise<{ entry: NonNullable<typeof factsHeld>; loadMs: number }> {
  const db = await databaseOf(scope.dbName);
  const { base, loadMs } = await baseOf(scope.dbName);
  const coders = scope.coders ?? null;
  const key = `${scope.dbName}\u0000${JSON.stringify([scope.round, coders, base.stamp, await roundCodesStamp(db, scope.round)])}`;
  if (factsHeld?.key !== key) factsHeld = { key, facts: factsOf(base, await loadRoundCodes(db, scope.round, coders)) };
  return { entry: factsHeld, loadMs };
}

/** The coder's list in list order, and how many dimensions each incident has a code in. */
async function codingListOf(scope: Scope, list: CodingListQuery): Promise<{ ids: string[]; coded: Map<string, number>; loadMs: number }> {
  const db = await databaseOf(scope.dbName);
  const { base, loadMs } = await baseOf(scope.dbName);
  const coded = dimensionsCoded(await loadRoundCodes(db, scope.round, [list.annotatorId]), new Set(list.dimensions));
  const sets = list.sets === null ? null : new Set<StudySet | null>(list.sets);
  const matches = list.query.trim() === '' ? null : compileCriterion({ kind: 'text', query: list.query });
  // Only the text is tested here; the coder's own coding state is `coded`.
  const uncoded = codingStatesOf(false, false);
  const ids: string[] = [];
  for (let i = 0; i < base.summaries.length; i++) {
    const summary = base.summaries[i]!;
    if (sets && !sets.has(summary.studySet)) continue;
    if (list.uncodedOnly && (coded.get(summary.id) ?? 0) >= list.dimensions.length) continue;
    if (matches && !matches({ summary, text: base.texts[i]!, coding: uncoded })) continue;
    ids.push(summary.id);
  }
  return { ids, coded, loadMs };
}

/** The study's final codes for one pair and round, held while no summary, code or decision changed. */
let finalsHeld: { key: string; finals: StudyFinalCodes } | null = null;
/** Final codes being worked out, shared by every request that arrives meanwhile (the screen warms them on opening). */
const finalsLoading = new Map<string, Promise<StudyFinalCodes>>();

async function finalsOf(request: Extract<SelectionWorkerRequest, { kind: 'postmortem' }>): Promise<{ finals: StudyFinalCodes; loadMs: number }> {
  const db = await databaseOf(request.dbName);
  const { base, loadMs } = await baseOf(request.dbName);
  const key = `${request.dbName}\u0000${JSON.stringify([request.round, request.coderA, request.coderB, base.stamp, await roundCodesStamp(db, request.round), await countDecisions(db)])}`;
  if (finalsHeld?.key === key) return { finals: finalsHeld.finals, loadMs };
  let pending = finalsLoading.get(key);
  if (!pending) {
    pending = (async () => {
      const [labels, decisions] = await Promise.all([loadRoundCodes(db, request.round, [request.coderA, request.coderB]), db.decisions.toArray()]);
      return studyFinalCodes(base.summaries, labels, decisions, request.coderA, request.coderB, request.round);
    })().finally(() => finalsLoading.delete(key));
    finalsLoading.set(key, pending);
  }
  const finals = await pending;
  finalsHeld = { key, finals };
  return { finals, loadMs };
}

async function postmortemLessons(request: Extract<SelectionWorkerRequest, { kind: 'postmortem' }>): Promise<Extract<SelectionWorkerResponse, { kind: 'postmortem' }>> {
  const started = performance.now();
  const { finals, loadMs } = await finalsOf(request);
  const computeStarted = performance.now();
  const none = { id: request.id, kind: 'postmortem' as const, codes: [], similar: [], standing: null, loadMs, computeMs: 0 };
  // Only warming: the study's final codes are held for the postmortems to come.
  if (request.incidentId === null) return { ...none, computeMs: performance.now() - started };
  const { coded, codesOf } = finals;
  const target = coded.find((c) => c.id === request.incidentId);
  if (!target) throw new Error('That incident is not in the study (any more).');
  const similar = findSimilarIncidents(target, coded, request.limit);
  // Their mitigation text, from the few full records shown.
  const db = await databaseOf(request.dbName);
  const records = await db.incidents.bulkGet(similar.map((s) => s.incident.id));
  const withText = similar.map((s, i) => ({ ...s, incident: { ...s.incident, mitigationText: records[i]?.mitigationText ?? '' } }));
  return { ...none, codes: codesOf.get(request.incidentId) ?? [], similar: withText, standing: categoryStanding(target, coded), computeMs: performance.now() - computeStarted };
}

const stepsOf = (steps: ReturnType<typeof applyCriteria>['steps']) => steps.map((s) => ({ description: s.description, remaining: s.remaining }));

const cancelled = new Set<number>();

self.onmessage = async (event: MessageEvent<SelectionWorkerRequest>) => {
  const request = event.data;
  const post = (response: SelectionWorkerResponse) => (self as DedicatedWorkerGlobalScope).postMessage(response);
  if ('cancel' in request) {
    cancelled.add(request.cancel);
    return;
  }
  try {
    if (request.kind === 'applySplit') {
      const db = await databaseOf(request.dbName);
      await applySplit(db, new Map(request.sets), request.record, {
        onProgress: (done, total) => post({ id: request.id, progress: { done, total } }),
        isCancelled: () => cancelled.has(request.id),
      });
      post({ id: request.id, kind: 'applied' });
      return;
    }
    if (request.kind === 'postmortem') {
      post(await postmortemLessons(request));
      return;
    }
    if (request.kind === 'codingList') {
      const { ids, loadMs } = await codingListOf(request, request.list);
      post({ id: request.id, kind: 'codingList', ids, loadMs });
      return;
    }
    if (request.kind === 'nextUncoded') {
      const { ids, coded } = await codingListOf(request, { ...request.list, uncodedOnly: false });
      const start = request.afterId === null ? -1 : ids.indexOf(request.afterId);
      let found: string | null = null;
      for (let step = 1; step <= ids.length && found === null; step++) {
        const id = ids[(start + step + ids.length) % ids.length]!;
        if ((coded.get(id) ?? 0) < request.list.dimensions.length) found = id;
      }
      post({ id: request.id, kind: 'nextUncoded', incidentId: found });
      return;
    }
    if (request.kind === 'progress') {
      const db = await databaseOf(request.dbName);
      const { base } = await baseOf(request.dbName);
      const dimensions = new Set(request.dimensions);
      const coders = await Promise.all(
        request.coders.map(async (annotatorId, i): Promise<CoderProgress> => {
          const coded = dimensionsCoded(await loadRoundCodes(db, request.round, [annotatorId]), dimensions);
          const bySet = progressBySet(base.summaries, coded, dimensions.size);
          return { annotatorId, bySet, assigned: assignedProgress(bySet, request.assigned[i] ?? null) };
        }),
      );
      post({ id: request.id, kind: 'progress', coders });
      return;
    }
    const { entry, loadMs } = await factsFor(request);
    const { facts } = entry;
    const started = performance.now();
    if (request.kind === 'select') {
      const funnel = applyCriteria(facts, request.criteria);
      if (request.withFacets) entry.facets ??= Object.fromEntries(FACETS.map((f) => [f, facetValueCounts(facts, f)])) as FacetCounts;
      const facets = request.withFacets ? entry.facets! : null;
      post({ id: request.id, kind: 'select', total: funnel.total, steps: stepsOf(funnel.steps), ids: funnel.ids, facets, loadMs, evaluateMs: performance.now() - started });
      return;
    }
    const byId = new Map(request.versions.map((c) => [cohortVersionKey(c.id, c.version), c]));
    if (request.kind === 'report') {
      const { base } = await baseOf(request.dbName);
      const inCohort = request.cohort ? new Set(evaluateCohort(facts, request.cohort, byId).ids) : null;
      const incidents = inCohort ? base.summaries.filter((s) => inCohort.has(s.id)) : base.summaries;
      let comparison: StudyReportInput['comparison'] = null;
      if (request.comparison === 'rest') comparison = { name: 'the other incidents', incidents: inCohort ? base.summaries.filter((s) => !inCohort.has(s.id)) : [] };
      else if (request.comparison) {
        const other = new Set(evaluateCohort(facts, request.comparison, byId).ids);
        comparison = { name: request.comparison.name, incidents: base.summaries.filter((s) => other.has(s.id)) };
      }
      const report = buildStudyReport({ cohortName: request.cohort?.name ?? 'all incidents', incidents, comparison, coded: request.coded, level: request.level, normalised: request.normalised });
      if (!request.html) {
        post({ id: request.id, kind: 'report', report, loadMs, computeMs: performance.now() - started });
        return;
      }
      // One figure at a time, letting a cancel (a message of its own) in between.
      const charts = report.sections.flatMap((section) => section.charts);
      const svgs = new Map<string, string>();
      for (const chart of charts) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled.has(request.id)) throw new Error('The report was cancelled.');
        svgs.set(chart.id, chartSvg(chart));
        post({ id: request.id, progress: { done: svgs.size, total: charts.length } });
      }
      const html = renderReportHtml({ ...request.html, report, svgOf: (chart) => svgs.get(chart.id)! });
      post({ id: request.id, kind: 'report', report, loadMs, computeMs: performance.now() - started, html });
      return;
    }
    const results = request.cohorts.map((cohort): CohortEvaluation => {
      const result = evaluateCohort(facts, cohort, byId);
      const comparison = result.comparison ? { from: result.comparison.from, to: result.comparison.to, pool: result.comparison.pool, short: result.comparison.short } : null;
      return { cohortId: cohort.id, version: cohort.version, steps: stepsOf(result.funnel.steps), total: result.funnel.total, ids: result.ids, comparison };
    });
    post({ id: request.id, kind: 'cohorts', results, loadMs, evaluateMs: performance.now() - started });
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  } finally {
    cancelled.delete(request.id);
  }
};
