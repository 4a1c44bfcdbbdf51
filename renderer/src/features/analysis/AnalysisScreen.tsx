import { useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { latestCohorts, type Cohort } from '../../../../shared/protocol/cohort.ts';
import type { CodeLevel } from '../../../../shared/report/codeMatrix.ts';
import { agreementReportTable } from '../../../../shared/report/agreementTable.ts';
import { applyReportOptions } from '../../../../shared/report/reportTable.ts';
import { finalLabelsCsv, proposalsCsv, resolutionsCsv } from '../../../../shared/report/studyExports.ts';
import type { StudyReport } from '../../../../shared/report/studyReport.ts';
import type { AgreementRequest } from '../../../../shared/study/agreementView.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { fileStem } from '../../../../shared/export/fileNames.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { listCohortVersions } from '../../db/repositories/cohorts.ts';
import { listProposalQueue } from '../../db/repositories/proposals.ts';
import { updateSettings } from '../../db/repositories/settings.ts';
import { useCodebook } from '../../hooks/useStudyData.ts';
import { useCoderPair } from '../../hooks/useCoderPair.ts';
import { useAgreementView } from '../../hooks/useAgreementView.ts';
import { useCodersSeen } from '../../hooks/useViewer.ts';
import { CoderPairPicker } from '../../components/CoderPairPicker.tsx';
import { ReportChart } from '../../components/ReportChart.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';
import { getPlatform } from '../../platform/platform.ts';
import { useMethodsSummary } from '../protocol/MethodsPanel.tsx';
import { askSelectionWorker, useWorkerAnswer, type SelectionRequest } from '../protocol/useSelection.ts';
import { ReportTableView } from './ReportTableView.tsx';
import { useAnalysisView } from './analysisView.ts';

type ReportAnswer = { id: number; kind: 'report'; report: StudyReport; loadMs: number; computeMs: number };
const ALL = '';
const REST = 'rest';

/**
 * The study's tables and figures (paper §IV–VIII) over a cohort, beside a second one where asked, from the view-model
 * shared/report builds in the selection worker; every table and figure exports, and the whole report saves as one HTML
 * file. Normalised mode is the study's setting: the screen and every export follow it.
 */
export function AnalysisScreen() {
  const db = getDatabase();
  const codebook = useCodebook();
  const { loading, people, a, b, setCoders, outcome, settings, round, decisions } = useCoderPair({ inIncidentOrder: false });
  const versions = useLiveQuery(() => listCohortVersions(db), [db]);
  const proposals = useLiveQuery(() => listProposalQueue(db), [db]);
  const seen = useCodersSeen(round);
  const { level, cohortId, compareWith, set: setView } = useAnalysisView();
  const setLevel = (next: CodeLevel) => setView({ level: next });
  const setCohortId = (next: string) => setView({ cohortId: next });
  const setCompareWith = (next: string) => setView({ compareWith: next });
  const [message, setMessage] = useState('');
  const [writing, setWriting] = useState<{ done: number; total: number; stop: AbortController } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const cohorts = useMemo(() => latestCohorts(versions ?? []).filter((c) => !c.retired), [versions]);
  const cohort: Cohort | null = cohorts.find((c) => c.id === cohortId) ?? null;
  const comparison: Cohort | 'rest' | null = compareWith === REST ? (cohort ? 'rest' : null) : (cohorts.find((c) => c.id === compareWith && c.id !== cohortId) ?? null);
  const normalised = settings?.normalisedReport === true;
  const coders = a && b ? `${visibleTextString(a.name)} and ${visibleTextString(b.name)}` : '';
  const coded = useMemo(
    () => (codebook && outcome && a && b ? { finalLabels: outcome.finalLabels, codebook, coders, openDisagreements: outcome.disagreements.length - outcome.resolvedCount } : null),
    [codebook, outcome, a, b, coders],
  );

  const request = useMemo<SelectionRequest | null>(
    () =>
      versions && seen.ready
        ? { dbName: db.name, round, kind: 'report', cohort, comparison, versions, coded, level, normalised, ...(seen.coders ? { coders: seen.coders } : {}) }
        : null,
    [db.name, round, cohort, comparison, versions, coded, level, normalised, seen.ready, seen.coders],
  );
  const { answer, error, computing } = useWorkerAnswer<ReportAnswer>(request, round);
  const agreementRequest = useMemo<AgreementRequest | null>(() => (a && b ? { coderA: a.id, coderB: b.id, level, round, studySet: 'all', codebookVersion: 'all', focus: 'symptom' } : null), [a, b, level, round]);
  const { view } = useAgreementView(agreementRequest);
  const methods = useMethodsSummary(cohorts, round, settings?.split ?? null);
  const agreement = useMemo(
    () => (view && codebook && a && b ? agreementReportTable(view.rows, codebook, [visibleTextString(a.name), visibleTextString(b.name)], round) : null),
    [view, codebook, a, b, round],
  );

  if (loading || !codebook || !settings) return <p role="status">Loading…</p>;
  const report = answer?.report ?? null;
  const save = (file: string, csv: string) => void getPlatform().saveTextFile(file, csv, 'text/csv');

  const writeHtml = async () => {
    if (!request) return;
    const stop = new AbortController();
    setWriting({ done: 0, total: 0, stop });
    setMessage('');
    try {
      const response = await askSelectionWorker(
        { ...request, html: { studyName: settings.name, generatedAt: new Date().toISOString(), methodsSummary: methods, agreement } } as SelectionRequest,
        { signal: stop.signal, onProgress: (p) => setWriting((w) => (w ? { ...w, ...p } : w)) },
      );
      if ('error' in response) throw new Error(response.error);
      const html = (response as ReportAnswer & { html?: string }).html ?? '';
      const saved = await getPlatform().saveTextFile(`${fileStem(settings.name)}-report.html`, html, 'text/html');
      setMessage(saved ? 'The report is saved as one HTML file.' : 'Not saved.');
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setWriting(null);
    }
  };

  return (
    <div className="screen analysis" data-testid="analysis" data-normalised={normalised}>
      <h1 tabIndex={-1} ref={heading}>
        Analysis
      </h1>
      <p className="lead">
        The study&apos;s tables and figures, as the paper reports them: general statistics over a cohort (coded or not), the distributions and heatmaps of
        the final codes (agreed codes and the lead&apos;s resolutions), and two cohorts side by side.
      </p>
      <div className="toolbar" role="group" aria-label="What the report covers">
        <label htmlFor="analysis-cohort">Cohort</label>
        <select id="analysis-cohort" value={cohort ? cohortId : ALL} onChange={(e) => setCohortId(e.target.value)} data-testid="analysis-cohort">
          <option value={ALL}>all incidents</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {visibleTextString(c.name)}
            </option>
          ))}
        </select>
        <label htmlFor="analysis-compare">Compare with</label>
        <select id="analysis-compare" value={comparison === null ? '' : compareWith} onChange={(e) => setCompareWith(e.target.value)} data-testid="analysis-compare">
          <option value="">nothing</option>
          {cohort && <option value={REST}>the other incidents</option>}
          {cohorts
            .filter((c) => c.id !== cohortId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {visibleTextString(c.name)}
              </option>
            ))}
        </select>
        <label htmlFor="heatmap-level">Codes</label>
        <select id="heatmap-level" value={level} onChange={(e) => setLevel(e.target.value as CodeLevel)} data-testid="heatmap-level">
          <option value="top">top level</option>
          <option value="full">full codes</option>
        </select>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={normalised}
            onChange={(e) => void updateSettings(db, { normalisedReport: e.target.checked })}
            data-testid="normalised"
          />
          Normalised (hide counts; times in multiples of the median time to mitigate)
        </label>
      </div>
      <CoderPairPicker people={people} a={a} b={b} onChange={setCoders} />
      <div className="toolbar" role="group" aria-label="Exports">
        <button type="button" disabled={!coded || normalised} onClick={() => coded && save('final-labels.csv', finalLabelsCsv(coded.finalLabels, codebook, round, [visibleTextString(a!.name), visibleTextString(b!.name)]))} data-testid="export-final-labels">
          Final labels (CSV)
        </button>
        <button type="button" disabled={normalised} onClick={() => save('resolutions.csv', resolutionsCsv(decisions, people))} data-testid="export-resolutions">
          Resolutions with reasons (CSV)
        </button>
        <button type="button" disabled={!proposals || normalised} onClick={() => save('codebook-proposals.csv', proposalsCsv(proposals ?? [], decisions))} data-testid="export-proposals">
          Proposed codebook changes (CSV)
        </button>
        {normalised && <span className="note">The data exports list every incident, so they are off while the report is normalised.</span>}
        <button type="button" disabled={!report || writing !== null || (methods === null && !normalised)} onClick={() => void writeHtml()} data-testid="export-report">
          Whole report (HTML)
        </button>
        <button type="button" onClick={() => void getPlatform().printToPdf(`${fileStem(settings.name)}-analysis.pdf`)} data-testid="print-report">
          Print / PDF
        </button>
      </div>
      {writing && (
        <div className="toolbar" data-testid="report-progress">
          <label htmlFor="report-progress-bar">Drawing the figures</label>
          <progress id="report-progress-bar" max={writing.total || 1} value={writing.done} />
          <span>
            {writing.done} of {writing.total || '…'}
          </span>
          <button type="button" onClick={() => writing.stop.abort()} data-testid="report-cancel">
            Cancel
          </button>
        </div>
      )}
      <p role="status" data-testid="analysis-status">
        <VisibleText text={error ?? message} />
      </p>
      {!report ? (
        <p role="status">{computing ? 'Computing the report…' : ''}</p>
      ) : (
        <>
        <nav aria-label="Report contents" className="toolbar report-contents">
          <span>Go to:</span>
          {[...(agreement ? [{ id: 'agreement', title: 'Agreement' }] : []), ...report.sections.map((x) => ({ id: x.id, title: x.title }))].map((x) => (
            <button
              key={x.id}
              type="button"
              className="link-button"
              onClick={() => {
                const target = document.getElementById(`report-${x.id}`);
                target?.scrollIntoView({ block: 'start' });
                target?.focus();
              }}
            >
              {visibleTextString(x.title)}
            </button>
          ))}
        </nav>
        <div data-testid="report" data-computing={computing} data-report-normalised={report.options.normalised} data-load-ms={answer!.loadMs.toFixed(0)} data-compute-ms={answer!.computeMs.toFixed(0)}>
          {agreement && (
            <section aria-labelledby="report-agreement">
              <h2 id="report-agreement" tabIndex={-1}>
                Agreement
              </h2>
              <ReportTableView table={applyReportOptions(agreement, report.options)} />
            </section>
          )}
          {report.sections.map((section) => (
            <section key={section.id} aria-labelledby={`report-${section.id}`} data-testid="report-section" data-section-id={section.id}>
              <h2 id={`report-${section.id}`} tabIndex={-1}>
                <VisibleText text={section.title} />
              </h2>
              <p>
                <VisibleText text={section.intro} />
              </p>
              <div className="report-charts">
                {section.charts.map((chart) => (
                  <ReportChart key={chart.id} spec={chart} />
                ))}
              </div>
              {section.tables.map((table) => (
                <ReportTableView key={table.id} table={table} />
              ))}
            </section>
          ))}
        </div>
        </>
      )}
    </div>
  );
}
