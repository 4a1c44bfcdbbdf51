import { useMemo, useState } from 'react';
import { describeKappa } from '../../../shared/agreement/cohen.ts';
import { DIMENSION_NAMES } from '../../../shared/model/labels.ts';
import { computeAgreementByDimension, type CodeLevel } from '../../../shared/study/agreementByDimension.ts';
import { useCodebook } from '../hooks/useStudyData.ts';
import { useCoderPair } from '../hooks/useCoderPair.ts';
import { CoderPairPicker } from '../components/CoderPairPicker.tsx';

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

export function AgreementScreen() {
  const codebook = useCodebook();
  const { loading, annotators, incidents, labels, a, b, setCoders } = useCoderPair();
  const [level, setLevel] = useState<CodeLevel>('full');
  const order = useMemo(() => incidents.map((i) => i.id), [incidents]);
  const rows = useMemo(
    () => (codebook && a && b ? computeAgreementByDimension(labels, a.id, b.id, codebook, level, order) : []),
    [codebook, a, b, labels, level, order],
  );
  if (loading || !codebook) return <p role="status">Loading…</p>;

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Inter-rater agreement</h1>
      <p className="lead">Cohen's kappa between two coders, per dimension, over the incidents both coded. Categories are the codebook's declared set.</p>
      <CoderPairPicker annotators={annotators} a={a} b={b} onChange={setCoders} />
      <div className="toolbar">
        <label htmlFor="level">Compare codes at</label>
        <select id="level" value={level} onChange={(e) => setLevel(e.target.value as CodeLevel)} data-testid="agreement-level">
          <option value="full">full code (sub-category)</option>
          <option value="top">top-level category</option>
        </select>
      </div>
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
          </tr>
        </thead>
        <tbody>
          {rows.map(({ dimension, kappa, undeclared }) => (
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
                {kappa.nPairs > 0 && kappa.nPairs < 30 && (
                  <span className="muted" title="Fewer than 30 items: the estimate is unstable.">
                    {' '}
                    (n &lt; 30)
                  </span>
                )}
                {undeclared.length > 0 && <span className="warning"> {undeclared.length} undeclared code(s) left out</span>}
              </td>
              <td>
                {kappa.ci95Lower === null ? '—' : `${fmt(kappa.ci95Lower)} to ${fmt(kappa.ci95Upper)}`}
              </td>
              <td>{describeKappa(kappa.kappa)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">The study paper reports symptom 0.921, root cause 0.930 and mitigation 0.893 on its test set.</p>
    </div>
  );
}
