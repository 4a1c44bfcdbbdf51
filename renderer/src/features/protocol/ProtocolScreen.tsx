import { LeadGate } from '../../components/LeadGate.tsx';
import { useCodersSeen } from '../../hooks/useViewer.ts';
import { useDeferredValue, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CODING_STATES, criteriaFromForm, FACET_NAMES, facetValueName, formFromCriteria, type Facet } from '../../../../shared/protocol/criteria.ts';
import type { Cohort } from '../../../../shared/protocol/cohort.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { listCohorts, saveCohort } from '../../db/repositories/cohorts.ts';
import { useSettings } from '../../hooks/useStudyData.ts';
import { useActorName } from '../../hooks/useActorName.ts';
import { IncidentList } from '../../components/IncidentList.tsx';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { useSelectionForm } from './selectionStore.ts';
import { useCohortEvaluations, useSelection, type Selection } from './useSelection.ts';
import { useSummariesById } from './useSummariesById.ts';
import { SplitPanel } from './SplitPanel.tsx';
import { MethodsPanel } from './MethodsPanel.tsx';

/** Facets offered as a few checkboxes; service and team have many values and are offered as lists. */
const CHECKBOX_FACETS: readonly Facet[] = ['status', 'severity', 'detectionType', 'falseAlarm', 'hasRootCauseText', 'studySet', 'coding'];
const LIST_FACETS: readonly Facet[] = ['service', 'team'];
/** How many of a list facet's values are offered (the most frequent); the rest are reached by typing to filter. */
const LIST_LIMIT = 200;


function CheckboxFacet({ facet, counts }: { facet: Facet; counts: Array<{ value: string; count: number }> }) {
  const chosen = useSelectionForm((s) => s.form.facets[facet]) ?? { values: [], exclude: false };
  const setFacet = useSelectionForm((s) => s.setFacet);
  const values = facet === 'coding' ? CODING_STATES.map((value) => counts.find((c) => c.value === value) ?? { value, count: 0 }) : counts;
  const toggle = (value: string, on: boolean) => setFacet(facet, on ? [...chosen.values, value] : chosen.values.filter((v) => v !== value), chosen.exclude);
  return (
    <fieldset className="facet" data-testid={`facet-${facet}`}>
      <legend>{FACET_NAMES[facet]}</legend>
      {values.map(({ value, count }) => (
        <label key={value} className="check">
          <input type="checkbox" checked={chosen.values.includes(value)} onChange={(e) => toggle(value, e.target.checked)} data-testid={`facet-${facet}-${value}`} />
          <VisibleText text={facetValueName(facet, value)} /> <span className="muted">({count})</span>
        </label>
      ))}
      <label className="check exclude">
        <input type="checkbox" checked={chosen.exclude} onChange={(e) => setFacet(facet, chosen.values, e.target.checked)} data-testid={`facet-${facet}-exclude`} />
        leave these out
      </label>
    </fieldset>
  );
}

function ListFacet({ facet, counts }: { facet: Facet; counts: Array<{ value: string; count: number }> }) {
  const chosen = useSelectionForm((s) => s.form.facets[facet]) ?? { values: [], exclude: false };
  const setFacet = useSelectionForm((s) => s.setFacet);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matching = needle ? counts.filter((c) => c.value.toLowerCase().includes(needle)) : counts;
    // Chosen values stay listed even when the filter or the limit would hide them.
    const top = matching.slice(0, LIST_LIMIT);
    for (const v of chosen.values) if (!top.some((c) => c.value === v)) top.push({ value: v, count: counts.find((c) => c.value === v)?.count ?? 0 });
    return top;
  }, [counts, filter, chosen.values]);
  const id = `facet-list-${facet}`;
  return (
    <fieldset className="facet" data-testid={`facet-${facet}`}>
      <legend>{FACET_NAMES[facet]}</legend>
      <label htmlFor={`${id}-filter`} className="muted">
        Find a {FACET_NAMES[facet].toLowerCase()} ({counts.length} in all)
      </label>
      <input id={`${id}-filter`} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <label htmlFor={id} className="sr-only">
        {FACET_NAMES[facet]} values
      </label>
      <select
        id={id}
        multiple
        size={Math.min(6, Math.max(2, shown.length))}
        value={chosen.values}
        onChange={(e) => setFacet(facet, [...e.target.selectedOptions].map((o) => o.value), chosen.exclude)}
        data-testid={`facet-${facet}-values`}
      >
        {shown.map(({ value, count }) => (
          <option key={value} value={value}>
            {visibleTextString(facetValueName(facet, value))} ({count})
          </option>
        ))}
      </select>
      <label className="check exclude">
        <input type="checkbox" checked={chosen.exclude} onChange={(e) => setFacet(facet, chosen.values, e.target.checked)} data-testid={`facet-${facet}-exclude`} />
        leave these out
      </label>
    </fieldset>
  );
}

export function Funnel({ total, steps, testId }: { total: number; steps: Selection['steps']; testId: string }) {
  return (
    <ol className="funnel" data-testid={testId}>
      <li>
        All incidents: <strong data-testid="funnel-total">{total}</strong>
      </li>
      {steps.map((s, i) => (
        <li key={i} data-testid="funnel-step">
          <VisibleText text={s.description} />: <strong data-testid="funnel-remaining">{s.remaining}</strong>
        </li>
      ))}
    </ol>
  );
}

function CohortsPanel({ cohorts, round }: { cohorts: Cohort[]; round: number }) {
  const load = useSelectionForm((s) => s.load);
  // Who saved a cohort is recorded when known (nobody may be chosen yet when the first cohorts are made).
  const me = useActorName();
  const active = cohorts.filter((c) => !c.retired);
  const { answer } = useCohortEvaluations(cohorts, round, useCodersSeen(round));
  const [seed, setSeed] = useState(1);
  const [status, setStatus] = useState('');
  const byId = new Map(cohorts.map((c) => [c.id, c]));
  const drawComparison = async (cohort: Cohort) => {
    try {
      const saved = await saveCohort(getDatabase(), { name: `Other incidents (compared with “${cohort.name}” version ${cohort.version}, seed ${seed})`, criteria: [], comparison: { of: cohort.id, ofVersion: cohort.version, seed }, createdBy: me, retired: false }, new Date());
      setStatus(`Drew "${saved.name}" with seed ${seed}.`);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  const retire = async (cohort: Cohort) => {
    await saveCohort(getDatabase(), { id: cohort.id, name: cohort.name, criteria: cohort.criteria, comparison: cohort.comparison, createdBy: me, retired: true }, new Date());
    setStatus(`Retired "${cohort.name}" (its versions are kept).`);
  };
  if (active.length === 0) return <p className="muted">No cohorts yet: set the filters, then save them as a cohort.</p>;
  return (
    <div>
      <label htmlFor="comparison-seed">Seed for comparison draws</label>{' '}
      <input id="comparison-seed" type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)) || 0)} style={{ width: '6rem' }} data-testid="comparison-seed" />
      <ul className="cohorts" data-testid="cohort-list">
        {active.map((c) => {
          const result = answer?.results.find((r) => r.cohortId === c.id);
          return (
            <li key={c.id} data-testid="cohort" data-cohort-name={c.name}>
              <strong>
                <VisibleText text={c.name} />
              </strong>{' '}
              <span className="muted">
                version {c.version} · <span data-testid="cohort-size">{result ? result.ids.length : '…'}</span> incidents
                {c.comparison && (
                  <>
                    {' '}
                    · drawn for “<VisibleText text={byId.get(c.comparison.of)?.name ?? c.comparison.of} />” (version {c.comparison.ofVersion}) with seed {c.comparison.seed}
                  </>
                )}
                {result?.comparison?.short && ' · fewer other incidents in the time frame than the cohort has'}
              </span>
              {result && !c.comparison && <Funnel total={result.total} steps={result.steps} testId="cohort-funnel" />}
              <div className="toolbar">
                {!c.comparison && (
                  <button type="button" onClick={() => load(formFromCriteria(c.criteria), c.id)} data-testid="cohort-load">
                    Edit in the filters
                  </button>
                )}
                {!c.comparison && (
                  <button type="button" onClick={() => void drawComparison(c)} data-testid="cohort-compare">
                    Draw a comparison cohort
                  </button>
                )}
                <button type="button" onClick={() => void retire(c)}>
                  Retire
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p role="status">
        <VisibleText text={status} />
      </p>
    </div>
  );
}

function SaveCohort({ cohorts }: { cohorts: Cohort[] }) {
  const { form, cohortId, load } = useSelectionForm();
  const editing = cohorts.find((c) => c.id === cohortId) ?? null;
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const me = useActorName();
  const save = async (asNew: boolean) => {
    const cohortName = asNew ? name.trim() : (editing?.name ?? name.trim());
    if (!cohortName) {
      setStatus('Give the cohort a name.');
      return;
    }
    try {
      const saved = await saveCohort(getDatabase(), { ...(asNew || !editing ? {} : { id: editing.id }), name: cohortName, criteria: criteriaFromForm(form), comparison: null, createdBy: me, retired: false }, new Date());
      load(form, saved.id);
      setName('');
      setStatus(`Saved "${saved.name}" as version ${saved.version}.`);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        // Enter in the name saves a new cohort.
        e.preventDefault();
        void save(true);
      }}
    >
      <label htmlFor="cohort-name">Cohort name</label>
      <input id="cohort-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. GenAI incidents" data-testid="cohort-name" />
      <button type="submit" data-testid="cohort-save">
        Save as a new cohort
      </button>
      {editing && (
        <button type="button" onClick={() => void save(false)} data-testid="cohort-update">
          Save as version {editing.version + 1} of “<VisibleText text={editing.name} />”
        </button>
      )}
      <span role="status">
        <VisibleText text={status} />
      </span>
    </form>
  );
}

export function ProtocolScreen() {
  const settings = useSettings();
  const round = settings?.currentRound ?? 1;
  const { form, setForm, clear, cohortId } = useSelectionForm();
  // Typing in the search box must stay responsive: the selection follows a moment behind.
  const deferredForm = useDeferredValue(form);
  const criteria = useMemo(() => criteriaFromForm(deferredForm), [deferredForm]);
  const { answer, error, computing } = useSelection(criteria, round, useCodersSeen(round));
  const cohorts = useLiveQuery(() => listCohorts(getDatabase()), []);
  const ids = useMemo(() => answer?.ids ?? [], [answer]);
  const list = useSummariesById(ids);
  const [selected, setSelected] = useState(0);
  const editing = cohorts?.find((c) => c.id === cohortId);

  return (
    <div className="screen protocol">
      <h1 tabIndex={-1}>Select incidents</h1>
      <p className="muted">
        Choose the incidents to study by stated criteria (the study paper, §III-A), save them as a cohort, and split a cohort into taxonomy, validation and test sets.
      </p>
      <div className="protocol-grid">
        <section aria-labelledby="filters-heading" className="filters">
          <h2 id="filters-heading">Criteria</h2>
          {editing && (
            <p className="muted" data-testid="editing-cohort">
              Editing “<VisibleText text={editing.name} />” (version {editing.version}).
            </p>
          )}
          <label htmlFor="search">Search title and text</label>
          <input id="search" type="search" value={form.text} onChange={(e) => setForm({ text: e.target.value })} placeholder="every word must appear" data-testid="search" />
          <label htmlFor="title-terms">Title mentions any of (comma-separated, case-insensitive)</label>
          <input id="title-terms" value={form.titleTerms} onChange={(e) => setForm({ titleTerms: e.target.value })} placeholder="gpt, llm" data-testid="title-terms" />
          <fieldset className="facet">
            <legend>Created</legend>
            <label htmlFor="from">from</label> <input id="from" type="date" value={form.from} onChange={(e) => setForm({ from: e.target.value })} data-testid="from" />{' '}
            <label htmlFor="to">to (inclusive)</label> <input id="to" type="date" value={form.to} onChange={(e) => setForm({ to: e.target.value })} data-testid="to" />
            {form.from && form.to && form.from > form.to && (
              <span role="alert" className="warning">
                “from” is after “to”: no incident can match.
              </span>
            )}
          </fieldset>
          {answer?.facets && LIST_FACETS.map((f) => <ListFacet key={f} facet={f} counts={answer.facets![f]} />)}
          {answer?.facets && CHECKBOX_FACETS.map((f) => <CheckboxFacet key={f} facet={f} counts={answer.facets![f]} />)}
          <button type="button" onClick={clear} data-testid="clear-filters">
            Clear every criterion
          </button>
        </section>
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading">
            <span data-testid="match-count" data-ready={answer !== null && !computing} data-load-ms={answer?.loadMs.toFixed(0)} data-evaluate-ms={answer?.evaluateMs.toFixed(0)}>
              {answer ? answer.ids.length : '…'}
            </span> of {answer?.total ?? '…'} incidents match
            {computing && <span className="muted"> (updating…)</span>}
          </h2>
          {error && <p role="alert">{error}</p>}
          {answer && <Funnel total={answer.total} steps={answer.steps} testId="funnel" />}
          {cohorts && <SaveCohort cohorts={cohorts} />}
          {answer && answer.ids.length > 0 && (
            <IncidentList count={answer.ids.length} rowAt={list.rowAt} onRange={list.onRange} selectedIndex={selected} onSelect={setSelected} badge={(i) => `${i.status ?? 'unknown status'} · ${i.severity ?? 'unknown severity'} · ${i.studySet ?? 'not split'}`} label="Matching incidents" />
          )}
        </section>
      </div>
      <section aria-labelledby="cohorts-heading">
        <h2 id="cohorts-heading">Cohorts</h2>
        {cohorts && <CohortsPanel cohorts={cohorts} round={round} />}
      </section>
      {/* Splitting moves coded incidents between sets, and the methods summary states agreement: the lead's. */}
      {cohorts && settings && (
        <LeadGate what="Splitting the incidents into sets and the methods summary">
          <SplitPanel cohorts={cohorts.filter((c) => !c.retired)} round={round} settings={settings} />
          <MethodsPanel cohorts={cohorts} round={round} settings={settings} />
        </LeadGate>
      )}
    </div>
  );
}
