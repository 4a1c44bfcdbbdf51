import type { Codebook } from '../codebook/codebook.ts';
import { describeCode } from '../codebook/codebook.ts';
import type { Proposal } from '../codebook/proposals.ts';
import { currentResolutions } from '../coding/labelHistory.ts';
import { toCsv } from '../export/csv.ts';
import type { Person, Resolution } from '../model/labels.ts';
import type { FinalLabel } from '../study/finalLabels.ts';
import { visibleTextString } from '../text/hiddenText.ts';

/**
 * The study's outcome as tidy CSV files (one observation per row) for R or pandas: the final labels, the lead's
 * decisions with their reasons, and the proposed codebook changes. Every cell goes through toCsv (formula cells
 * neutralised); names typed by people have hidden characters written as markers.
 */

const nameOf = (people: readonly Person[], id: string) => visibleTextString(people.find((p) => p.id === id)?.name ?? id);

/** One row per incident and dimension: the final code, its name, and whether the coders agreed or the lead decided. */
export function finalLabelsCsv(finalLabels: readonly FinalLabel[], codebook: Codebook, round: number, coders: [string, string]): string {
  return toCsv(
    ['incident_id', 'dimension', 'code', 'code_name', 'origin', 'round', 'coder_a', 'coder_b'],
    finalLabels.map((l) => [l.incidentId, l.dimension, l.code, visibleTextString(describeCode(codebook, l.dimension, l.code)), l.origin, round, coders[0], coders[1]]),
  );
}

/** The current decision on every disagreement (a decision revisited is written once, as it stands). */
export function resolutionsCsv(resolutions: readonly Resolution[], people: readonly Person[]): string {
  const current = [...currentResolutions(resolutions).values()].sort((a, b) => a.round - b.round || a.incidentId.localeCompare(b.incidentId) || a.dimension.localeCompare(b.dimension));
  return toCsv(
    ['incident_id', 'dimension', 'round', 'coder_a', 'code_a', 'coder_b', 'code_b', 'decided_code', 'choice', 'rationale', 'proposed_codebook_change', 'decided_by', 'decided_at'],
    current.map((r) => [
      r.incidentId,
      r.dimension,
      r.round,
      nameOf(people, r.coderA),
      r.codeA,
      nameOf(people, r.coderB),
      r.codeB,
      r.code,
      r.choice,
      visibleTextString(r.rationale),
      visibleTextString(r.proposedCodebookChange),
      visibleTextString(r.resolvedBy),
      r.resolvedAt,
    ]),
  );
}

/** Every proposed codebook change: from open coding and from resolutions, with what the lead decided. */
export function proposalsCsv(proposals: readonly Proposal[], resolutions: readonly Resolution[]): string {
  const rows: Array<Array<string | number | null>> = proposals.map((p) => [
    p.source,
    p.kind,
    p.dimension,
    p.targetPath ?? '',
    visibleTextString(p.name),
    visibleTextString(p.text),
    p.incidentId ?? '',
    visibleTextString(p.proposedBy),
    p.proposedAt,
    p.status,
    visibleTextString(p.decisionNote),
    p.codebookVersion,
  ]);
  // A change noted on a decision that no proposal carries yet (proposals record their incident) is listed too.
  const carried = new Set(proposals.filter((p) => p.source === 'resolution').map((p) => `${p.incidentId}\u0000${p.dimension}`));
  for (const r of currentResolutions(resolutions).values()) {
    if (r.proposedCodebookChange.trim() === '' || carried.has(`${r.incidentId}\u0000${r.dimension}`)) continue;
    rows.push(['resolution', 'change', r.dimension, r.code, '', visibleTextString(r.proposedCodebookChange), r.incidentId, visibleTextString(r.resolvedBy), r.resolvedAt, 'open', '', null]);
  }
  return toCsv(['source', 'kind', 'dimension', 'where', 'name', 'text', 'incident_id', 'proposed_by', 'proposed_at', 'status', 'decision_note', 'codebook_version'], rows);
}
