import { useMemo, useState } from 'react';
import { describeKappa } from '../../../shared/agreement/cohen.ts';
import { describeCode } from '../../../shared/codebook/codebook.ts';
import { DIMENSION_NAMES, DIMENSIONS, type Dimension } from '../../../shared/model/labels.ts';
import { computeAgreementByDimension, computeAllCodersByDimension, type CodeLevel } from '../../../shared/study/agreementByDimension.ts';
import { labelsToTidyCsv, labelsToWideCsv } from '../../../shared/study/labelExport.ts';
import { useCodebook } from '../hooks/useStudyData.ts';
import { useCoderPair } from '../hooks/useCoderPair.ts';
import { getPlatform } from '../platform/platform.ts';
import { getDatabase } from '../db/schema.ts';
import { assignStudySets } from '../db/repositories/incidents.ts';
import { splitIntoStudySets, STUDY_SETS, type StudySet } from '../../../shared/study/studySets.ts';
import { CoderPairPicker } from '../components/CoderPairPicker.tsx';
import { HeatmapChart } from '../components/HeatmapChart.tsx';

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

export function AgreementScreen() {
  const codebook = useCodebook();
  const { loading, annotators, incidents, labels, a, b, setCoders } = useCoderPair();
  const [level, setLevel] = useState<CodeLevel>('full');
  const [focus, setFocus] = useState<Dimension>('symptom');
  const [studySet, setStudySet] = useState<StudySet | 'all'>('all');
  const [round, setRound] = useState<number | 'all'>('all');
  const [version, setVersion] = useState<number | 'all'>('all');
  const [seed, setSeed] = useState(1);
  const [splitState, setSplitState] = useState('');
  const order = useMemo(() => incidents.map((i) => i.id), [incidents]);
  const inSet = useMemo(() => (studySet === 'all' ? undefined : new Set(incidents.filter((i) => i.studySet === studySet).map((i) => i.id))), [incidents, studySet]);
  const rounds = useMemo(() => [...new Set(labels.map((l) => l.round ?? 1))].sort((x, y) => x - y), [labels]);
  const versions = useMemo(() => [...new Set(labels.map((l) => l.codebookVersion ?? 1))].sort((x, y) => x - y), [labels]);
  const codebookVersion = version === 'all' ? undefined : version;
  const rows = useMemo(
    () => (codebook && a && b ? computeAgreementByDimension(labels, a.id, b.id, codebook, level, order, { incidentIds: inSet, round: round === 'all' ? undefined : round, codebookVersion }) : []),
    [codebook, a, b, labels, level, order, inSet, round, codebookVersion],
  );
  const trend = useMemo(
    () =>
      codebook && a && b
        ? rounds.map((r) => ({ round: r, byDimension: computeAgreementByDimension(labels, a.id, b.id, codebook, level, order, { incidentIds: inSet, round: r, codebookVersion }) }))
        : [],
    [codebook, a, b, labels, level, order, inSet, rounds, codebookVersion],
  );
  // With three or more coders, the many-coder statistics over all of them, per dimension.
  const codersWithLabels = useMemo(() => annotators.filter((x) => labels.some((l) => l.annotatorId === x.id)), [annotators, labels]);
  const allCoders = useMemo(
    () =>
      codebook && codersWithLabels.length >= 3
        ? computeAllCodersByDimension(labels, codersWithLabels.map((c) => c.id), codebook, level, order, { incidentIds: inSet, round: round === 'all' ? undefined : round, codebookVersion })
        : null,
    [codebook, codersWithLabels, labels, level, order, inSet, round, codebookVersion],
  );
  const split = async () => {
    await assignStudySets(getDatabase(), splitIntoStudySets(order, seed));
    setSplitState(`Split ${order.length} incidents 40/20/40 with seed ${seed}.`);
  };
  if (loading || !codebook) return <p role="status">Loading…</p>;
  const focused = rows.find((r) => r.dimension === focus);
  const name = (code: string) => describeCode(codebook, focus, code);
  const save = (file: string, csv: string) => void getPlatform().saveTextFile(file, csv, 'text/csv');

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Inter-rater agreement</h1>
      <p className="lead">Agreement between two coders, per dimension, over the incidents both coded. Categories are the codebook's declared set.</p>
      <CoderPairPicker annotators={annotators} a={a} b={b} onChange={setCoders} />
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
              {s} set ({incidents.filter((i) => i.studySet === s).length})
            </option>
          ))}
        </select>
        <label htmlFor="scope-round">Round</label>
        <select id="scope-round" value={String(round)} onChange={(e) => setRound(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="agreement-round">
          <option value="all">all rounds</option>
          {rounds.map((r) => (
            <option key={r} value={r}>
              round {r}
            </option>
          ))}
        </select>
        <label htmlFor="scope-version">Codebook version</label>
        <select id="scope-version" value={String(version)} onChange={(e) => setVersion(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="agreement-version">
          <option value="all">all versions</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              version {v}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => save('labels-tidy.csv', labelsToTidyCsv(labels, annotators))} data-testid="export-tidy">
          Export labels (tidy CSV)
        </button>
        <button type="button" onClick={() => save('labels-wide.csv', labelsToWideCsv(labels, annotators, order))} data-testid="export-wide">
          Export labels (wide CSV for R irr / psych)
        </button>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Agreement statistics">
        <table className="numbers" data-testid="agreement-table">
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
                <th scope="row">{DIMENSION_NAMES[dimension]}</th>
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
                <td>{describeKappa(kappa.kappa)}</td>
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
                {DIMENSION_NAMES[r.dimension]}: {w}
              </li>
            )),
            ...(r.undeclared.length
              ? [
                  <li key={`${r.dimension}:undeclared`}>
                    {DIMENSION_NAMES[r.dimension]}: codes not in the codebook left out: {r.undeclared.join(', ')}
                  </li>,
                ]
              : []),
          ])}
        </ul>
      )}
      {allCoders && (
        <table className="numbers" data-testid="all-coders">
          <caption>All {codersWithLabels.length} coders</caption>
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
            {allCoders.map(({ dimension, stats }) => (
              <tr key={dimension}>
                <th scope="row">{DIMENSION_NAMES[dimension]}</th>
                <td>{stats.nItems}</td>
                <td>{fmt(stats.observedAgreement)}</td>
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

      {trend.length > 1 && (
        <table className="numbers" data-testid="agreement-trend">
          <caption>Cohen's kappa by labelling round</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              {DIMENSIONS.map((d) => (
                <th scope="col" key={d}>
                  {DIMENSION_NAMES[d]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.map((t) => (
              <tr key={t.round}>
                <th scope="row">{t.round}</th>
                {t.byDimension.map((r) => (
                  <td key={r.dimension}>
                    {fmt(r.kappa.kappa)} (n = {r.kappa.nPairs})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <details className="value-map">
        <summary>Study sets (taxonomy 40% / validation 20% / test 40%, at random)</summary>
        <div className="toolbar">
          <label htmlFor="split-seed">Seed</label>
          <input id="split-seed" type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} style={{ width: '6rem' }} data-testid="split-seed" />
          <button type="button" onClick={() => void split()} data-testid="split-sets">
            Split all incidents into sets
          </button>
          <span role="status">{splitState}</span>
        </div>
      </details>

      <h2>Where the coders differ</h2>
      <div className="toolbar">
        <label htmlFor="focus">Dimension</label>
        <select id="focus" value={focus} onChange={(e) => setFocus(e.target.value as Dimension)} data-testid="agreement-focus">
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {DIMENSION_NAMES[d]}
            </option>
          ))}
        </select>
      </div>
      {focused && focused.kappa.nPairs > 0 && (() => {
        const used = focused.table.categories.map((c, i) => ({ c, i })).filter(({ i }) => focused.table.counts[i]!.some((v) => v > 0) || focused.table.counts.some((row) => row[i]! > 0));
        const shares = used.map(({ i }) => {
          const total = focused.table.counts[i]!.reduce((s, v) => s + v, 0);
          return used.map(({ i: j }) => (total === 0 ? null : focused.table.counts[i]![j]! / total));
        });
        return (
          <>
            <HeatmapChart
              rows={used.map(({ c }) => `${a?.name ?? 'A'}: ${name(c)}`)}
              columns={used.map(({ c }) => name(c))}
              shares={shares}
              label={`Confusion matrix for ${DIMENSION_NAMES[focus]}: each row is one of ${a?.name ?? 'A'}'s codes, split by the codes ${b?.name ?? 'B'} gave the same incidents; the counts are in the table below.`}
              testId="confusion-matrix"
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
                  {used.map(({ c, i }) => (
                    <tr key={c}>
                      <th scope="row">{name(c)}</th>
                      <td>{focused.table.counts[i]!.reduce((s, v) => s + v, 0)}</td>
                      <td>{focused.table.counts.reduce((s, row) => s + row[i]!, 0)}</td>
                      <td>{focused.table.counts[i]![i]}</td>
                      <td data-testid="category-kappa" data-category={c} data-value={focused.kappa.perCategoryKappa[c] ?? ''}>
                        {fmt(focused.kappa.perCategoryKappa[c] ?? null)}
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
