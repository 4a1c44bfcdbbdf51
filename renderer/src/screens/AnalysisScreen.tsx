import { useMemo, useState } from 'react';
import { computeSymptomRootCauseMatrix } from '../../../shared/analysis/symptomRootCause.ts';
import { describeCode } from '../../../shared/codebook/codebook.ts';
import { categoriesAt, type CodeLevel } from '../../../shared/study/agreementByDimension.ts';
import { useCodebook } from '../hooks/useStudyData.ts';
import { useCoderPair } from '../hooks/useCoderPair.ts';
import { CoderPairPicker } from '../components/CoderPairPicker.tsx';
import { HeatmapChart } from '../components/HeatmapChart.tsx';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function AnalysisScreen() {
  const codebook = useCodebook();
  const { loading, people, a, b, setCoders, outcome } = useCoderPair();
  const [level, setLevel] = useState<CodeLevel>('top');
  const matrix = useMemo(() => {
    if (!codebook || !outcome) return null;
    return computeSymptomRootCauseMatrix(outcome.finalLabels, categoriesAt(codebook, 'symptom', level), categoriesAt(codebook, 'rootCause', level), level);
  }, [codebook, outcome, level]);
  if (loading || !codebook || !matrix || !outcome) return <p role="status">Loading…</p>;

  const symptomNames = matrix.symptoms.map((s) => describeCode(codebook, 'symptom', s));
  const causeNames = matrix.rootCauses.map((r) => describeCode(codebook, 'rootCause', r));
  const open = outcome.disagreements.length - outcome.resolvedCount;

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Symptom → root cause</h1>
      <p className="lead">
        Each cell is the share of a symptom's incidents that have that root cause (the study paper's Fig. 7), from the final codes: codes both
        coders agreed on, and the lead's resolutions.
      </p>
      <CoderPairPicker people={people} a={a} b={b} onChange={setCoders} />
      <div className="toolbar">
        <label htmlFor="heatmap-level">Categories</label>
        <select id="heatmap-level" value={level} onChange={(e) => setLevel(e.target.value as CodeLevel)} data-testid="heatmap-level">
          <option value="top">top level</option>
          <option value="full">full codes</option>
        </select>
      </div>
      <p role="status" data-testid="heatmap-n">
        {matrix.n} incident{matrix.n === 1 ? '' : 's'} with a final symptom and root cause.
        {open > 0 ? ` ${open} disagreement${open === 1 ? '' : 's'} still open are left out.` : ''}
      </p>
      <HeatmapChart rows={symptomNames} columns={causeNames} shares={matrix.shares} label="Heatmap of root-cause shares per symptom; the same values are in the table below." testId="heatmap" />
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Heatmap values">
        <table className="numbers" data-testid="heatmap-table">
          <caption>Share of each symptom's incidents by root cause (count in brackets)</caption>
          <thead>
            <tr>
              <th scope="col">Symptom</th>
              {causeNames.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.symptoms.map((s, si) => (
              <tr key={s}>
                <th scope="row">{symptomNames[si]}</th>
                {matrix.rootCauses.map((r, ri) => (
                  <td key={r} data-testid="heatmap-cell" data-symptom={s} data-root-cause={r} data-share={matrix.shares[si]![ri] ?? ''} data-count={matrix.counts[si]![ri]}>
                    {pct(matrix.shares[si]![ri]!)} ({matrix.counts[si]![ri]})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
