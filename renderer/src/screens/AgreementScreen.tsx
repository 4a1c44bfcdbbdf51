import { useMemo, useState } from 'react';
import { describeKappa } from '../../../shared/agreement/cohen.ts';
import { describeCode, dimensionName, dimensionsOf } from '../../../shared/codebook/codebook.ts';
import type { Dimension } from '../../../shared/model/labels.ts';
import type { CodeLevel } from '../../../shared/study/agreementByDimension.ts';
import type { AgreementRequest } from '../../../shared/study/agreementView.ts';
import { labelsToTidyCsv, labelsToWideCsv } from '../../../shared/study/labelExport.ts';
import { STUDY_SETS, type StudySet } from '../../../shared/protocol/split.ts';
import { useCodebook, usePeople, useSettings } from '../hooks/useStudyData.ts';
import { pickPair } from '../../../shared/study/coderPair.ts';
import { useAgreementView } from '../hooks/useAgreementView.ts';
import { useSession } from '../store/session.ts';
import { getPlatform } from '../platform/platform.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { listIncidentIds } from '../db/repositories/incidents.ts';
import { listAllLabels } from '../db/repositories/labels.ts';
import { CoderPairPicker } from '../components/CoderPairPicker.tsx';
import { ReportChart } from '../components/ReportChart.tsx';
import { heatmapChart } from '../../../shared/report/charts.ts';

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

export function AgreementScreen() {
  const codebook = useCodebook();
  const settings = useSettings();
  const people = usePeople();
  const { coderA, coderB, setCoders } = useSession();
  const [level, setLevel] = useState<CodeLevel>('full');
  const [focus, setFocus] = useState<Dimension>('symptom');
  const [studySet, setStudySet] = useState<StudySet | 'all'>('all');
  const [chosenRound, setRound] = useState<number | null>(null);
  const [version, setVersion] = useState<number | 'all'>('all');
  const { a, b } = pickPair(people ?? [], coderA, coderB);
  const round = chosenRound ?? settings?.currentRound ?? 1;
  const request = useMemo<AgreementRequest | null>(
    () => (a && b ? { coderA: a.id, coderB: b.id, level, round, studySet, codebookVersion: version, focus } : null),
    [a, b, level, round, studySet, version, focus],
  );
  const { view, error, computing, timing } = useAgreementView(request);
  if (!codebook || !settings || !people) return <p role="status">Loading…</p>;
  const rows = view?.rows ?? [];
  const rounds = [...new Set([...(view?.rounds ?? []), settings.currentRound, round])].sort((x, y) => x - y);
  const name = (code: string) => describeCode(codebook, focus, code);
  const save = (file: string, csv: string) => void getPlatform().saveTextFile(file, csv, 'text/csv');
  const exportLabels = async (shape: 'tidy' | 'wide') => {
    const db = getDatabase();
    const [labels, order] = await Promise.all([listAllLabels(db), listIncidentIds(db)]);
    if (shape === 'tidy') save('labels-tidy.csv', labelsToTidyCsv(labels, people));
    else save('labels-wide.csv', labelsToWideCsv(labels, people, order));
  };
  const focused = view?.confusion ?? null;

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Inter-rater agreement</h1>
      <p className="lead">Agreement between two coders, per dimension, over the incidents both coded. Categories are the codebook's declared set.</p>
      <CoderPairPicker people={people} a={a} b={b} onChange={setCoders} />
      <div className="toolbar">
        <label htmlFor="level">Compare codes at</label>
        <select id="level" value={level} onChange={(e) => setLevel(e.target.value as CodeLevel)} data-testid="agreement-level">
          <option value="full">full code (sub-category)</option>
          <option value="top">top-level category</option>
        </select>
        <label htmlFor="scope-set">Set</label>
        <select id="scope-set" value={studySet} onChange={(e) => setStudySet(e.target.value as StudySet | 'all')} data-testid="agreement-set">
          <option value="all">all incidents</option>
          {STUDY_SETS.map((s) => (
            <option key={s} value={s}>
              {s} set ({view?.setCounts[s] ?? 0})
            </option>
          ))}
        </select>
        <label htmlFor="scope-round">Round</label>
        <select id="scope-round" value={String(round)} onChange={(e) => setRound(Number(e.target.value))} data-testid="agreement-round">
          {rounds.map((r) => (
            <option key={r} value={r}>
              round {r}
            </option>
          ))}
        </select>
        <label htmlFor="scope-version">Codebook version</label>
        <select id="scope-version" value={String(version)} onChange={(e) => setVersion(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="agreement-version">
          <option value="all">current codes (version {view?.versions.at(-1) ?? '…'})</option>
          {(view?.versions ?? []).map((v) => (
            <option key={v} value={v}>
              codes as they stood under version {v}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => void exportLabels('tidy')} data-testid="export-tidy">
          Export labels (tidy CSV)
        </button>
        <button type="button" onClick={() => void exportLabels('wide')} data-testid="export-wide">
          Export labels (wide CSV for R irr / psych)
        </button>
      </div>
      <p role="status" className="muted" data-testid="agreement-status">
        {error ? `The agreement could not be computed: ${error}` : computing ? 'Computing…' : `Round ${round}.`}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Agreement statistics">
        <table className="numbers" data-testid="agreement-table" data-computing={computing} data-round={round} data-worker-ms={timing}>
          <caption>
            {a?.name ?? '—'} vs {b?.name ?? '—'}, {level === 'full' ? 'full codes' : 'top-level categories'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Items coded by both</th>
              <th scope="col">Observed agreement</th>
              <th scope="col">Expected agreement</th>
              <th scope="col">Cohen's kappa</th>
              <th scope="col">95% CI</th>
              <th scope="col">Strength (Landis–Koch)</th>
              <th scope="col">Scott's pi</th>
              <th scope="col">Krippendorff's alpha</th>
              <th scope="col">Gwet's AC1 (SE)</th>
              <th scope="col">PABAK</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ dimension, kappa }) => (
              <tr key={dimension} data-testid={`agreement-${dimension}`}>
                <th scope="row">{dimensionName(codebook, dimension)}</th>
                <td data-testid={`n-${dimension}`} data-value={kappa.nPairs}>
                  {kappa.nPairs}
                </td>
                <td data-testid={`po-${dimension}`} data-value={kappa.observedAgreement ?? ''}>
                  {fmt(kappa.observedAgreement)}
                </td>
                <td data-testid={`pe-${dimension}`} data-value={kappa.expectedAgreement ?? ''}>
                  {fmt(kappa.expectedAgreement)}
                </td>
                <td data-testid={`kappa-${dimension}`} data-value={kappa.kappa ?? ''}>
                  {fmt(kappa.kappa)}
                </td>
                <td>{kappa.ci95Lower === null ? '—' : `${fmt(kappa.ci95Lower)} to ${fmt(kappa.ci95Upper)}`}</td>
                <td title={kappa.kappa === null ? 'Kappa is undefined here: no items coded by both, or a single category used' : undefined}>{kappa.kappa === null ? '—' : describeKappa(kappa.kappa)}</td>
                <td data-testid={`pi-${dimension}`} data-value={kappa.scottPi ?? ''}>
                  {fmt(kappa.scottPi)}
                </td>
                <td data-testid={`alpha-${dimension}`} data-value={kappa.krippendorffAlphaNominal ?? ''}>
                  {fmt(kappa.krippendorffAlphaNominal)}
                </td>
                <td data-testid={`ac1-${dimension}`} data-value={kappa.gwetAc1 ?? ''}>
                  {fmt(kappa.gwetAc1)} ({fmt(kappa.gwetAc1Se)})
                </td>
                <td>{fmt(kappa.pabak)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((r) => r.warnings.length > 0 || r.undeclared.length > 0) && (
        <ul className="warning" data-testid="agreement-warnings">
          {rows.flatMap((r) => [
            ...r.warnings.map((w) => (
              <li key={`${r.dimension}:${w}`}>
                {dimensionName(codebook, r.dimension)}: {w}
              </li>
            )),
            ...(r.undeclared.length
              ? [
                  <li key={`${r.dimension}:undeclared`}>
                    {dimensionName(codebook, r.dimension)}: codes not in the codebook left out: {r.undeclared.join(', ')}
                  </li>,
                ]
              : []),
          ])}
        </ul>
      )}
      {rows.some((r) => r.setAlpha) && (
        <table className="numbers" data-testid="set-alpha">
          <caption>Code sets: where a coder gave secondary codes, Krippendorff's alpha over each incident's codes (primary and secondary) with the MASI distance, as nltk computes it</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Items coded by both</th>
              <th scope="col">Of them with secondary codes</th>
              <th scope="col">Alpha (MASI)</th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => r.setAlpha)
              .map(({ dimension, kappa, setAlpha }) => (
                <tr key={dimension}>
                  <th scope="row">{dimensionName(codebook, dimension)}</th>
                  <td>{kappa.nPairs}</td>
                  <td>{setAlpha!.withSecondary}</td>
                  <td data-testid={`set-alpha-${dimension}`} data-value={setAlpha!.alpha ?? ''}>
                    {fmt(setAlpha!.alpha)}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {view?.allCoders && (
        <table className="numbers" data-testid="all-coders">
          <caption>All {view.allCoders.coders.length} coders in round {round}</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Items</th>
              <th scope="col">Observed agreement</th>
              <th scope="col">Fleiss' kappa</th>
              <th scope="col">Krippendorff's alpha</th>
              <th scope="col">Gwet's AC1 (SE)</th>
              <th scope="col">Mean pairwise kappa</th>
            </tr>
          </thead>
          <tbody>
            {view.allCoders.byDimension.map(({ dimension, stats }) => (
              <tr key={dimension}>
                <th scope="row">{dimensionName(codebook, dimension)}</th>
                <td>{stats.nItems}</td>
                <td data-testid={`all-po-${dimension}`} data-value={stats.observedAgreement ?? ''}>
                  {fmt(stats.observedAgreement)}
                </td>
                <td>{fmt(stats.fleissKappa)}</td>
                <td>{fmt(stats.krippendorffAlphaNominal)}</td>
                <td>
                  {fmt(stats.gwetAc1)} ({fmt(stats.gwetAc1Se)})
                </td>
                <td>{fmt(stats.meanPairwiseCohenKappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">The study paper reports symptom 0.921, root cause 0.930 and mitigation 0.893 on its test set.</p>

      {view && view.trend.length > 1 && (
        <table className="numbers" data-testid="agreement-trend">
          <caption>Cohen's kappa by labelling round</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              {dimensionsOf(codebook).map(({ id: d }) => (
                <th scope="col" key={d}>
                  {dimensionName(codebook, d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.trend.map((t) => (
              <tr key={t.round}>
                <th scope="row">{t.round}</th>
                {t.kappa.map((r) => (
                  <td key={r.dimension}>
                    {fmt(r.kappa)} (n = {r.n})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <p className="muted">
        The study sets come from the split on the Select screen{settings.split ? ` (seed ${settings.split.seed})` : ' (not split yet)'}.
      </p>

      <h2>Where the coders differ</h2>
      <div className="toolbar">
        <label htmlFor="focus">Dimension</label>
        <select id="focus" value={focus} onChange={(e) => setFocus(e.target.value as Dimension)} data-testid="agreement-focus">
          {dimensionsOf(codebook).map(({ id: d }) => (
            <option key={d} value={d}>
              {dimensionName(codebook, d)}
            </option>
          ))}
        </select>
      </div>
      {focused && (() => {
        return (
          <>
            <ReportChart
              spec={heatmapChart(
                'confusion-matrix',
                `Confusion matrix: ${dimensionName(codebook, focus)}`,
                focused.categories.map((c) => `${a?.name ?? 'A'}: ${name(c.category)}`),
                focused.categories.map((c) => name(c.category)),
                focused.shares,
                `Confusion matrix for ${dimensionName(codebook, focus)}: each row is one of ${a?.name ?? 'A'}'s codes, split by the codes ${b?.name ?? 'B'} gave the same incidents; the counts are in the table below.`,
              )}
            />
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Per-category agreement">
              <table className="numbers" data-testid="per-category">
                <caption>Per category: counts by each coder and one-vs-rest kappa</caption>
                <thead>
                  <tr>
                    <th scope="col">Category</th>
                    <th scope="col">{a?.name ?? 'A'}</th>
                    <th scope="col">{b?.name ?? 'B'}</th>
                    <th scope="col">Both</th>
                    <th scope="col">Kappa</th>
                  </tr>
                </thead>
                <tbody>
                  {focused.categories.map(({ category: c, byA, byB, both, kappa }) => (
                    <tr key={c}>
                      <th scope="row">{name(c)}</th>
                      <td>{byA}</td>
                      <td>{byB}</td>
                      <td>{both}</td>
                      <td data-testid="category-kappa" data-category={c} data-value={kappa ?? ''}>
                        {fmt(kappa)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      })()}
    </div>
  );
}
