import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../model/incident.ts';
import { searchTextOf, summarizeIncident } from '../model/incidentSummary.ts';
import { makeIncident } from '../model/testFactories.ts';
import { applyCriteria, codingStatesOf, criteriaFromForm, describeCriterion, EMPTY_SELECTION, facetValueCounts, formFromCriteria, type Criterion, type IncidentFacts } from './criteria.ts';
import { cohortVersionKey, drawComparison, evaluateCohort, latestCohorts, type Cohort } from './cohort.ts';

/** A small study: GenAI and other incidents, some active, some false alarms, some without root-cause text. */
function fixture(): Incident[] {
  const rows: Array<[string, Partial<Incident>]> = [
    ['1', { title: 'GPT-4 latency spike', status: 'resolved', severity: 'high', services: ['openai-api'], rootCauseText: 'GPU node failure', createdAt: '2024-01-05T00:00:00.000Z' }],
    ['2', { title: 'ChatGPT login errors', status: 'active', severity: 'high', services: ['chatgpt'], rootCauseText: 'auth', createdAt: '2024-02-01T00:00:00.000Z' }],
    ['3', { title: 'LLM responses garbled', status: 'mitigated', severity: 'medium', services: ['openai-api'], rootCauseText: '', createdAt: '2024-02-10T00:00:00.000Z' }],
    ['4', { title: 'Billing page slow', status: 'resolved', severity: 'low', services: ['billing'], rootCauseText: 'db', createdAt: '2024-03-01T00:00:00.000Z' }],
    ['5', { title: 'llm fine-tune API failing', status: 'resolved', severity: 'high', services: ['fine-tune'], rootCauseText: 'config', falseAlarm: true, createdAt: '2024-03-02T00:00:00.000Z' }],
    ['6', { title: 'Embeddings gpt timeouts', status: 'resolved', severity: null, services: ['openai-api'], rootCauseText: 'network', createdAt: '2024-04-01T00:00:00.000Z', description: 'Timeouts on the EMBEDDINGS endpoint' }],
    ['7', { title: 'Status page outage', status: 'resolved', severity: 'high', services: [], rootCauseText: 'dns', createdAt: null }],
    ['8', { title: 'GPT image generation down', status: 'resolved', severity: 'medium', services: ['images'], rootCauseText: 'deploy', falseAlarm: false, createdAt: '2024-05-01T00:00:00.000Z' }],
    ['9', { title: 'Dashboard errors', status: 'resolved', severity: 'high', services: ['dashboard'], rootCauseText: 'bug', createdAt: '2024-03-15T00:00:00.000Z' }],
    ['10', { title: 'API keys page slow', status: 'resolved', severity: 'medium', services: ['dashboard'], rootCauseText: 'cache', createdAt: '2024-02-20T00:00:00.000Z' }],
  ];
  return rows.map(([id, patch]) => makeIncident(id, patch));
}

const factsOf = (incidents: Incident[], coded: Set<string> = new Set(), disagreed: Set<string> = new Set()): IncidentFacts[] =>
  incidents.map((i) => ({ summary: summarizeIncident(i), text: searchTextOf(i), coding: codingStatesOf(coded.has(i.id), disagreed.has(i.id)) }));

/** The paper's criteria, five of them, in order. */
const PAPER_CRITERIA: Criterion[] = [
  { kind: 'facet', facet: 'status', values: ['active'], exclude: true },
  { kind: 'titleVocabulary', terms: ['GPT', 'llm'] },
  { kind: 'facet', facet: 'hasRootCauseText', values: ['true'], exclude: false },
  { kind: 'facet', facet: 'falseAlarm', values: ['true'], exclude: true },
  { kind: 'timeWindow', from: '2024-01-01T00:00:00.000Z', to: '2024-04-15T00:00:00.000Z' },
];

describe('applyCriteria', () => {
  it('gives the funnel the criteria describe, step by step', () => {
    const incidents = fixture();
    const funnel = applyCriteria(factsOf(incidents), PAPER_CRITERIA);
    // Worked by hand from the fixture, one criterion at a time.
    let left = incidents.filter((i) => i.status !== 'active');
    const counts = [left.length];
    left = left.filter((i) => /gpt|llm/i.test(i.title));
    counts.push(left.length);
    left = left.filter((i) => i.rootCauseText.trim() !== '');
    counts.push(left.length);
    left = left.filter((i) => i.falseAlarm !== true);
    counts.push(left.length);
    left = left.filter((i) => i.createdAt !== null && i.createdAt >= '2024-01-01' && i.createdAt < '2024-04-15');
    counts.push(left.length);
    expect(funnel.total).toBe(10);
    expect(funnel.steps.map((s) => s.remaining)).toEqual(counts);
    expect(counts).toEqual([9, 5, 4, 3, 2]);
    expect(funnel.ids).toEqual(left.map((i) => i.id));
    expect(funnel.ids).toEqual(['1', '6']);
  });

  it('matches severity, services, unknowns and excluded values', () => {
    const facts = factsOf(fixture());
    const ids = (c: Criterion) => applyCriteria(facts, [c]).ids;
    expect(ids({ kind: 'facet', facet: 'severity', values: ['unknown', 'low'], exclude: false })).toEqual(['4', '6']);
    expect(ids({ kind: 'facet', facet: 'service', values: ['openai-api', 'images'], exclude: false })).toEqual(['1', '3', '6', '8']);
    expect(ids({ kind: 'facet', facet: 'service', values: ['unknown'], exclude: false })).toEqual(['7']);
    expect(ids({ kind: 'facet', facet: 'falseAlarm', values: ['false'], exclude: false })).toEqual(['8']);
    expect(ids({ kind: 'facet', facet: 'studySet', values: ['none'], exclude: true })).toEqual([]);
  });

  it('searches title and text for every word, case-insensitively', () => {
    const facts = factsOf(fixture());
    expect(applyCriteria(facts, [{ kind: 'text', query: 'embeddings  TIMEOUTS' }]).ids).toEqual(['6']);
    expect(applyCriteria(facts, [{ kind: 'text', query: 'slow' }]).ids).toEqual(['4', '10']);
    expect(applyCriteria(facts, [{ kind: 'text', query: 'slow gpt' }]).ids).toEqual([]);
  });

  it('filters by coding state', () => {
    const facts = factsOf(fixture(), new Set(['1', '2', '3']), new Set(['2']));
    const ids = (values: string[]) => applyCriteria(facts, [{ kind: 'facet', facet: 'coding', values, exclude: false }]).ids;
    expect(ids(['coded'])).toEqual(['1', '2', '3']);
    expect(ids(['disagreed'])).toEqual(['2']);
    expect(ids(['uncoded'])).toHaveLength(7);
  });

  it('treats a column named like a prototype key as any other value', () => {
    const facts = factsOf([makeIncident('x', { services: ['constructor'], owningTeam: '__proto__' })]);
    expect(applyCriteria(facts, [{ kind: 'facet', facet: 'service', values: ['constructor'], exclude: false }]).ids).toEqual(['x']);
    expect(applyCriteria(facts, [{ kind: 'facet', facet: 'team', values: ['toString'], exclude: false }]).ids).toEqual([]);
    expect(facetValueCounts(facts, 'team')).toEqual([{ value: '__proto__', count: 1 }]);
  });

  it('keeps every step no larger than the one before, and the result equal to filtering with all (property)', () => {
    const incidents = fixture();
    fc.assert(
      fc.property(fc.shuffledSubarray(PAPER_CRITERIA), (criteria) => {
        const funnel = applyCriteria(factsOf(incidents), criteria);
        funnel.steps.forEach((s, i) => expect(s.remaining).toBeLessThanOrEqual(i === 0 ? funnel.total : funnel.steps[i - 1]!.remaining));
        const all = applyCriteria(factsOf(incidents), PAPER_CRITERIA).ids;
        if (criteria.length === PAPER_CRITERIA.length) expect(funnel.ids).toEqual(all);
      }),
    );
  });

  it('describes each criterion in words', () => {
    expect(PAPER_CRITERIA.map(describeCriterion)).toEqual([
      'Status is not active',
      'Title mentions "GPT" or "llm" (case-insensitive)',
      'Has root-cause text: yes',
      'False alarm: yes (left out)',
      'Created from 2024-01-01T00:00:00.000Z before 2024-04-15T00:00:00.000Z',
    ]);
  });
});

describe('cohorts', () => {
  const cohort = (patch: Partial<Cohort>): Cohort => ({ id: 'c', version: 1, name: 'GenAI', criteria: PAPER_CRITERIA, comparison: null, createdAt: '2024-06-01T00:00:00.000Z', createdBy: 'lead', retired: false, ...patch });

  it('draws a comparison group from the same time frame, the same size, reproducibly', () => {
    const facts = factsOf(fixture());
    const draw = drawComparison(facts, ['1', '6'], 5);
    // The frame is the cohort's first to last creation time: 2024-01-05 to 2024-04-01.
    const pool = fixture().filter((i) => !['1', '6'].includes(i.id) && i.createdAt !== null && i.createdAt >= '2024-01-05T00:00:00.000Z' && i.createdAt <= '2024-04-01T00:00:00.000Z');
    expect(draw.pool).toBe(pool.length);
    expect(draw.ids).toHaveLength(2);
    for (const id of draw.ids) expect(pool.map((i) => i.id)).toContain(id);
    expect(drawComparison([...facts].reverse(), ['6', '1'], 5).ids.sort()).toEqual([...draw.ids].sort());
    expect(draw.short).toBe(false);
    expect(drawComparison(facts, ['1', '6', '2', '3', '4', '5', '9'], 5)).toMatchObject({ short: true, pool: 1 });
  });

  it('evaluates a comparison cohort through the cohort it is drawn for', () => {
    const facts = factsOf(fixture());
    const base = cohort({});
    const other = cohort({ id: 'k', name: 'Other', criteria: [], comparison: { of: 'c', ofVersion: 1, seed: 5 } });
    // The base cohort edited after the draw: the draw still follows the version it was made for.
    const edited = cohort({ version: 2, criteria: [] });
    const byId = new Map([base, other, edited].map((c) => [cohortVersionKey(c.id, c.version), c]));
    const result = evaluateCohort(facts, other, byId);
    expect(result.ids.sort()).toEqual(drawComparison(facts, ['1', '6'], 5).ids.sort());
    expect(() => evaluateCohort(facts, cohort({ comparison: { of: 'missing', ofVersion: 1, seed: 1 } }), byId)).toThrow(/not stored/);
  });

  it('keeps the latest version of each cohort', () => {
    expect(latestCohorts([cohort({ version: 1 }), cohort({ version: 3, name: 'v3' }), cohort({ version: 2 })]).map((c) => c.name)).toEqual(['v3']);
  });
});

describe('the selection form', () => {
  it('makes criteria in the paper order, and a cohort\'s criteria fill the form back', () => {
    const form = {
      text: '  gpu ',
      titleTerms: 'GPT, llm,',
      facets: { falseAlarm: { values: ['true'], exclude: true }, status: { values: ['active'], exclude: true }, team: { values: [], exclude: false } },
      from: '2024-01-01',
      to: '2024-04-14',
    };
    const criteria = criteriaFromForm(form);
    expect(criteria).toEqual([
      { kind: 'facet', facet: 'status', values: ['active'], exclude: true },
      { kind: 'titleVocabulary', terms: ['GPT', 'llm'] },
      { kind: 'facet', facet: 'falseAlarm', values: ['true'], exclude: true },
      { kind: 'timeWindow', from: '2024-01-01T00:00:00.000Z', to: '2024-04-15T00:00:00.000Z' },
      { kind: 'text', query: 'gpu' },
    ]);
    expect(criteriaFromForm(formFromCriteria(criteria))).toEqual(criteria);
    expect(criteriaFromForm(EMPTY_SELECTION)).toEqual([]);
  });
});
