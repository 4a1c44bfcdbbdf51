import { Type, type Static } from '@sinclair/typebox';
import { OneOf } from '../files/schemaTypes.ts';
import type { IncidentSummary } from '../model/incidentSummary.ts';

/**
 * Selection criteria (study paper §III-A: active incidents excluded, GenAI services by vocabulary and service list,
 * severity, root-cause text, no false alarms, a time window). One criterion language serves the incident list's
 * filters and the named cohorts, so a filter can be saved as a cohort as it stands.
 */

/** The values of an incident a facet criterion tests; null values count as "unknown". */
export const FACETS = ['status', 'severity', 'service', 'team', 'detectionType', 'falseAlarm', 'hasRootCauseText', 'studySet', 'coding'] as const;
export type Facet = (typeof FACETS)[number];
export const FACET_NAMES: Record<Facet, string> = {
  status: 'Status',
  severity: 'Severity',
  service: 'Service',
  team: 'Team',
  detectionType: 'Detection',
  falseAlarm: 'False alarm',
  hasRootCauseText: 'Has root-cause text',
  studySet: 'Study set',
  coding: 'Coding',
};
/** The value a missing (null) facet value is matched as. */
export const UNKNOWN = 'unknown';
/** The coding facet's values: codes exist, none exist, two coders differ on a dimension. */
export const CODING_STATES = ['coded', 'uncoded', 'disagreed'] as const;
export type CodingState = (typeof CODING_STATES)[number];

export const CriterionSchema = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('facet'),
        facet: OneOf(FACETS),
        values: Type.Array(Type.String(), { minItems: 1, description: 'Any of these values matches ("unknown" matches a missing value).' }),
        exclude: Type.Boolean({ description: 'Keep the incidents that do NOT match (e.g. exclude active incidents).' }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('titleVocabulary'),
        terms: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Case-insensitive; a title containing any term matches.' }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { kind: Type.Literal('text'), query: Type.String({ minLength: 1, description: 'Every word must appear in the title or text (case-insensitive).' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('timeWindow'),
        from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Exclusive.' }),
      },
      { additionalProperties: false, description: 'Created within [from, to); undated incidents fall outside any window.' },
    ),
  ],
  { title: 'Criterion' },
);
export type Criterion = Static<typeof CriterionSchema>;
export type FacetCriterion = Extract<Criterion, { kind: 'facet' }>;

/** What criteria are tested against: an incident's summary, its search text (lower case) and its coding states. */
export interface IncidentFacts {
  summary: IncidentSummary;
  /** Title and text in lower case (searchTextOf). */
  text: string;
  coding: ReadonlySet<CodingState>;
}

const NOT_CODED: ReadonlySet<CodingState> = new Set(['uncoded']);
export const codingStatesOf = (coded: boolean, disagreed: boolean): ReadonlySet<CodingState> =>
  !coded ? NOT_CODED : new Set<CodingState>(disagreed ? ['coded', 'disagreed'] : ['coded']);

function facetValues(facts: IncidentFacts, facet: Facet): readonly string[] {
  const s = facts.summary;
  const one = (v: string | boolean | null) => [v === null ? UNKNOWN : String(v)];
  switch (facet) {
    case 'status':
      return one(s.status);
    case 'severity':
      return one(s.severity);
    case 'service':
      return s.services.length === 0 ? [UNKNOWN] : s.services;
    case 'team':
      return one(s.owningTeam);
    case 'detectionType':
      return one(s.detectionType);
    case 'falseAlarm':
      return one(s.falseAlarm);
    case 'hasRootCauseText':
      return one(s.hasRootCauseText);
    case 'studySet':
      return [s.studySet ?? 'none'];
    case 'coding':
      return [...facts.coding];
  }
}

/** Lower-cased words of a search query (runs of whitespace split it). */
export const queryWords = (query: string) => query.toLowerCase().split(/\s+/u).filter((w) => w !== '');

/** A test for one criterion, prepared once (lower-cased terms, parsed instants) and run per incident. */
export function compileCriterion(criterion: Criterion): (facts: IncidentFacts) => boolean {
  switch (criterion.kind) {
    case 'facet': {
      const wanted = new Set(criterion.values);
      const facet = criterion.facet;
      return (facts) => facetValues(facts, facet).some((v) => wanted.has(v)) !== criterion.exclude;
    }
    case 'titleVocabulary': {
      const terms = criterion.terms.map((t) => t.toLowerCase());
      return (facts) => {
        const title = facts.summary.title.toLowerCase();
        return terms.some((t) => title.includes(t));
      };
    }
    case 'text': {
      const words = queryWords(criterion.query);
      return (facts) => words.every((w) => facts.text.includes(w));
    }
    case 'timeWindow': {
      const { from, to } = criterion;
      // ISO instants in UTC compare as text.
      return (facts) => {
        const at = facts.summary.createdAt;
        return at !== null && (from === null || at >= from) && (to === null || at < to);
      };
    }
  }
}

const YES_NO_FACETS: ReadonlySet<Facet> = new Set(['falseAlarm', 'hasRootCauseText']);

/** A facet value as people read it: yes / no for the yes-or-no facets, "(unknown)" for a missing value. */
export function facetValueName(facet: Facet, value: string): string {
  if (value === UNKNOWN) return '(unknown)';
  if (YES_NO_FACETS.has(facet)) return value === 'true' ? 'yes' : value === 'false' ? 'no' : value;
  if (facet === 'studySet' && value === 'none') return '(not split)';
  return value;
}

/** One criterion in words, for the funnel and the methods summary. */
export function describeCriterion(criterion: Criterion): string {
  switch (criterion.kind) {
    case 'facet': {
      const values = criterion.values.map((v) => facetValueName(criterion.facet, v)).join(' or ');
      if (YES_NO_FACETS.has(criterion.facet)) return `${FACET_NAMES[criterion.facet]}: ${values}${criterion.exclude ? ' (left out)' : ''}`;
      return `${FACET_NAMES[criterion.facet]} ${criterion.exclude ? 'is not' : 'is'} ${values}`;
    }
    case 'titleVocabulary':
      return `Title mentions ${criterion.terms.map((t) => `"${t}"`).join(' or ')} (case-insensitive)`;
    case 'text':
      return `Title or text contains ${queryWords(criterion.query).map((w) => `"${w}"`).join(' and ')}`;
    case 'timeWindow':
      return `Created ${criterion.from ? `from ${criterion.from}` : ''}${criterion.from && criterion.to ? ' ' : ''}${criterion.to ? `before ${criterion.to}` : ''}`.trim();
  }
}

export interface FunnelStep {
  criterion: Criterion;
  description: string;
  /** Incidents left after this step. */
  remaining: number;
}

export interface Funnel {
  total: number;
  steps: FunnelStep[];
  /** The ids left after every step, in the order the facts were given. */
  ids: string[];
}

/**
 * Applies criteria in order and counts what is left after each one: the funnel a study reports ("N incidents, of
 * which M were not active, ..."). One pass over the incidents, however many criteria.
 */
export function applyCriteria(facts: readonly IncidentFacts[], criteria: readonly Criterion[]): Funnel {
  const tests = criteria.map(compileCriterion);
  const remaining = new Array<number>(criteria.length).fill(0);
  const ids: string[] = [];
  for (const f of facts) {
    let passed = 0;
    while (passed < tests.length && tests[passed]!(f)) {
      remaining[passed]! += 1;
      passed += 1;
    }
    if (passed === tests.length) ids.push(f.summary.id);
  }
  return { total: facts.length, steps: criteria.map((criterion, i) => ({ criterion, description: describeCriterion(criterion), remaining: remaining[i]! })), ids };
}

/** The distinct values of a facet across incidents, most frequent first (what a filter offers). */
export function facetValueCounts(facts: readonly IncidentFacts[], facet: Facet): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const f of facts) for (const v of facetValues(f, facet)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/**
 * Each incident's coding state in one round, from every coder's codes: coded (anyone gave a code), disagreed (two
 * coders gave different codes on one dimension). Incidents missing from the map are uncoded.
 */
export function codingStatesByIncident(labels: Iterable<{ incidentId: string; annotatorId: string; dimension: string; code: string }>): Map<string, ReadonlySet<CodingState>> {
  const firstCode = new Map<string, string>();
  const disagreed = new Set<string>();
  const coded = new Set<string>();
  for (const l of labels) {
    coded.add(l.incidentId);
    const key = `${l.incidentId}\u0000${l.dimension}`;
    const seen = firstCode.get(key);
    if (seen === undefined) firstCode.set(key, l.code);
    else if (seen !== l.code) disagreed.add(l.incidentId);
  }
  const out = new Map<string, ReadonlySet<CodingState>>();
  for (const id of coded) out.set(id, codingStatesOf(true, disagreed.has(id)));
  return out;
}

/**
 * The selection form: what the incident list's filters hold. Criteria are made from it in the paper's order (state,
 * service, vocabulary, severity, root-cause text, false alarms, time), then the other filters, so a saved cohort's
 * funnel reads as the paper's does.
 */
export interface SelectionForm {
  text: string;
  /** Comma-separated terms. */
  titleTerms: string;
  facets: Partial<Record<Facet, { values: string[]; exclude: boolean }>>;
  /** Calendar days, YYYY-MM-DD; `to` is the last day included. Empty: open. */
  from: string;
  to: string;
}

export const EMPTY_SELECTION: SelectionForm = { text: '', titleTerms: '', facets: {}, from: '', to: '' };

const FORM_ORDER: ReadonlyArray<Facet | 'titleVocabulary' | 'timeWindow' | 'text'> = [
  'status',
  'service',
  'titleVocabulary',
  'severity',
  'hasRootCauseText',
  'falseAlarm',
  'timeWindow',
  'team',
  'detectionType',
  'studySet',
  'coding',
  'text',
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

export function criteriaFromForm(form: SelectionForm): Criterion[] {
  const out: Criterion[] = [];
  for (const step of FORM_ORDER) {
    if (step === 'titleVocabulary') {
      const terms = form.titleTerms.split(',').map((t) => t.trim()).filter((t) => t !== '');
      if (terms.length) out.push({ kind: 'titleVocabulary', terms });
    } else if (step === 'timeWindow') {
      const from = DAY.test(form.from) ? `${form.from}T00:00:00.000Z` : null;
      const to = DAY.test(form.to) ? nextDay(form.to) : null;
      if (from || to) out.push({ kind: 'timeWindow', from, to });
    } else if (step === 'text') {
      if (queryWords(form.text).length) out.push({ kind: 'text', query: form.text.trim() });
    } else {
      const facet = form.facets[step];
      if (facet && facet.values.length) out.push({ kind: 'facet', facet: step, values: [...facet.values], exclude: facet.exclude });
    }
  }
  return out;
}

/** The form a cohort's criteria fill (to show or edit a cohort); the last criterion of a kind wins. */
export function formFromCriteria(criteria: readonly Criterion[]): SelectionForm {
  const form: SelectionForm = { text: '', titleTerms: '', facets: {}, from: '', to: '' };
  for (const c of criteria) {
    if (c.kind === 'facet') form.facets[c.facet] = { values: [...c.values], exclude: c.exclude };
    else if (c.kind === 'titleVocabulary') form.titleTerms = c.terms.join(', ');
    else if (c.kind === 'text') form.text = c.query;
    else {
      form.from = c.from ? c.from.slice(0, 10) : '';
      form.to = c.to ? new Date(Date.parse(c.to) - 86_400_000).toISOString().slice(0, 10) : '';
    }
  }
  return form;
}
