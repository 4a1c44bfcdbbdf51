import type { Codebook } from '../codebook/codebook.ts';
import { currentLabels } from '../coding/labelHistory.ts';
import { incidentOrderKey, searchTextOf, summarizeIncident } from '../model/incidentSummary.ts';
import { cohortVersionKey, evaluateCohort, latestCohorts, type Cohort } from '../protocol/cohort.ts';
import { codingStatesByIncident, type IncidentFacts } from '../protocol/criteria.ts';
import { writeMethodsSummary } from '../protocol/methodsSummary.ts';
import { computeAgreementByDimension } from '../study/agreementByDimension.ts';
import { pickPair } from '../study/coderPair.ts';
import { computeStudyOutcome } from '../study/finalLabels.ts';
import type { StudyTables } from '../study/studyFile.ts';
import { visibleTextString } from '../text/hiddenText.ts';
import { agreementReportTable } from './agreementTable.ts';
import type { CodeLevel } from './codeMatrix.ts';
import type { ReportTable } from './reportTable.ts';
import { buildStudyReport, type StudyReport, type StudyReportInput } from './studyReport.ts';

/**
 * The study report of a study file's tables, as the Analysis screen builds it from the database: the same view-model
 * (buildStudyReport), the same agreement table and methods summary, so `workbench report` rebuilds a study's figures
 * in a pipeline and they match the screen's.
 */
export interface ReportRequest {
  /** A saved cohort's name (its latest version); absent: every incident. */
  cohort?: string;
  /** 'rest': the incidents outside the cohort; a name: another saved cohort. */
  compare?: string;
  /** Names of the two coders compared; absent: the pair the Analysis screen compares first (pickPair). */
  coders?: [string, string];
  level: CodeLevel;
  /** Normalised whatever the study's setting says (a study set to normalised is always reported so). */
  normalised: boolean;
}

export interface StudyReportBundle {
  studyName: string;
  report: StudyReport;
  agreement: ReportTable | null;
  methodsSummary: string;
}

export function reportFromStudyTables(tables: StudyTables, request: ReportRequest): StudyReportBundle {
  const settings = tables.settings[0];
  if (!settings) throw new Error('The study file has no settings row.');
  const codebook: Codebook | undefined = tables.codebookVersions.find((c) => c.id === settings.codebook.id && c.version === settings.codebook.version);
  if (!codebook) throw new Error(`The study's codebook (${settings.codebook.id}, version ${settings.codebook.version}) is not in the file.`);
  const round = settings.currentRound;
  const incidents = [...tables.incidents].sort((x, y) => (incidentOrderKey(x) < incidentOrderKey(y) ? -1 : 1));
  const summaries = incidents.map(summarizeIncident);
  const labels = currentLabels(tables.labelRevisions);
  const states = codingStatesByIncident(labels.filter((l) => l.round === round));
  const facts: IncidentFacts[] = incidents.map((incident, i) => ({ summary: summaries[i]!, text: searchTextOf(incident), coding: states.get(incident.id) ?? new Set() }));

  const versions = tables.cohorts;
  const latest = latestCohorts(versions).filter((c) => !c.retired);
  const byKey = new Map(versions.map((c) => [cohortVersionKey(c.id, c.version), c]));
  // Names in messages show their hidden characters: a name that does not match for a reason no one can see would.
  const named = (name: string): Cohort => {
    const found = latest.find((c) => c.name === name);
    if (!found) throw new Error(`No cohort is called "${visibleTextString(name)}" (the study has ${latest.map((c) => `"${visibleTextString(c.name)}"`).join(', ') || 'none'}).`);
    return found;
  };
  if (request.cohort !== undefined && request.cohort === request.compare) throw new Error('A cohort compared with itself: choose another cohort, or "rest" for the incidents outside it.');
  const members = (cohort: Cohort) => new Set(evaluateCohort(facts, cohort, byKey).ids);
  const cohort = request.cohort === undefined ? null : named(request.cohort);
  const inCohort = cohort ? members(cohort) : null;
  const chosen = inCohort ? summaries.filter((s) => inCohort.has(s.id)) : summaries;
  let comparison: StudyReportInput['comparison'] = null;
  if (request.compare === 'rest') {
    if (!inCohort) throw new Error('--compare rest needs --cohort: the rest of which cohort?');
    comparison = { name: 'the other incidents', incidents: summaries.filter((s) => !inCohort.has(s.id)) };
  } else if (request.compare !== undefined) {
    const other = members(named(request.compare));
    comparison = { name: request.compare, incidents: summaries.filter((s) => other.has(s.id)) };
  }

  const byName = (name: string) => {
    const person = tables.people.find((p) => p.name === name);
    if (!person) throw new Error(`Nobody in the study is called "${visibleTextString(name)}" (it has ${tables.people.map((p) => `"${visibleTextString(p.name)}"`).join(', ') || 'nobody'}).`);
    return person.id;
  };
  // The pair the Analysis screen compares unless told: the same rule (pickPair) over the same people.
  const { a, b } = request.coders ? pickPair(tables.people, byName(request.coders[0]), byName(request.coders[1])) : pickPair(tables.people, null, null);
  const outcome = a && b ? computeStudyOutcome(labels, tables.decisions, a.id, b.id, incidents.map((i) => i.id), round) : null;
  const pairNames: [string, string] | null = a && b ? [visibleTextString(a.name), visibleTextString(b.name)] : null;
  const report = buildStudyReport({
    cohortName: cohort?.name ?? 'all incidents',
    incidents: chosen,
    comparison,
    coded: outcome && pairNames ? { finalLabels: outcome.finalLabels, codebook, coders: `${pairNames[0]} and ${pairNames[1]}`, openDisagreements: outcome.disagreements.length - outcome.resolvedCount } : null,
    level: request.level,
    // The study's own setting holds for every export; the flag can only add it.
    normalised: request.normalised || settings.normalisedReport === true,
  });
  const rows = a && b ? computeAgreementByDimension(labels, a.id, b.id, codebook, request.level, { round }) : null;
  const rounds = [...new Set(labels.map((l) => l.round))].sort((x, y) => x - y);
  const methodsSummary = visibleTextString(
    writeMethodsSummary({
      cohorts: latest.map((c) => {
        const result = evaluateCohort(facts, c, byKey);
        const comparisonOf = c.comparison ? (latest.find((x) => x.id === c.comparison!.of)?.name ?? c.comparison.of) : null;
        return { cohort: c, total: result.funnel.total, steps: result.funnel.steps.map((s) => ({ description: s.description, remaining: s.remaining })), size: result.ids.length, comparisonOf, comparison: result.comparison ? { from: result.comparison.from, to: result.comparison.to, pool: result.comparison.pool, short: result.comparison.short } : null };
      }),
      split: settings.split,
      splits: tables.splits.map((s) => s.record),
      codebookVersions: tables.codebookVersions.filter((c) => c.id === codebook.id).sort((x, y) => x.version - y.version),
      rounds:
        a && b && pairNames
          ? rounds
              .map((r) => ({ round: r, coders: [...pairNames], kappa: computeAgreementByDimension(labels, a.id, b.id, codebook, 'full', { round: r }).map((d) => ({ dimension: d.dimension, kappa: d.kappa.kappa, n: d.kappa.nPairs })) }))
              .filter((r) => r.kappa.some((k) => k.n > 0))
          : [],
      dimensionNames: new Map((codebook.extraDimensions ?? []).map((d) => [d.id, d.name])),
    }),
  );
  const agreement = rows && pairNames ? agreementReportTable(rows, codebook, pairNames, round) : null;
  return { studyName: settings.name, report, agreement, methodsSummary };
}
