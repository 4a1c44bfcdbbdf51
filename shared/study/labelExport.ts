import { toCsv } from '../export/csv.ts';
import { DIMENSIONS, type Annotator, type Label } from '../model/labels.ts';

/**
 * Labels for analysis elsewhere. Tidy: one row per item × coder × dimension. Wide: one row per item and
 * dimension, one column per coder (empty = not coded), as R's irr (kappa2, kappam.fleiss, kripp.alpha after
 * t()) and psych (cohen.kappa) take it. Cells a spreadsheet would run as formulas are neutralised (toCsv).
 */
export function labelsToTidyCsv(labels: readonly Label[], annotators: readonly Annotator[]): string {
  const name = new Map(annotators.map((a) => [a.id, a.name]));
  const rows = [...labels]
    .sort((a, b) => a.incidentId.localeCompare(b.incidentId) || DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) || a.annotatorId.localeCompare(b.annotatorId))
    .map((l) => [l.incidentId, name.get(l.annotatorId) ?? l.annotatorId, l.dimension, l.code, l.round ?? 1, l.codebookId, l.codebookVersion ?? 1]);
  return toCsv(['item', 'coder', 'dimension', 'code', 'round', 'codebook', 'codebook_version'], rows);
}

export function labelsToWideCsv(labels: readonly Label[], annotators: readonly Annotator[], incidentOrder: readonly string[]): string {
  const coders = annotators.filter((a) => labels.some((l) => l.annotatorId === a.id));
  const code = new Map(labels.map((l) => [`${l.incidentId}\u0000${l.dimension}\u0000${l.annotatorId}`, l.code]));
  const coded = new Set(labels.map((l) => `${l.incidentId}\u0000${l.dimension}`));
  const data: string[][] = [];
  for (const dimension of DIMENSIONS) {
    for (const incidentId of incidentOrder) {
      if (!coded.has(`${incidentId}\u0000${dimension}`)) continue;
      data.push([incidentId, dimension, ...coders.map((c) => code.get(`${incidentId}\u0000${dimension}\u0000${c.id}`) ?? '')]);
    }
  }
  return toCsv(['item', 'dimension', ...coders.map((c) => c.name)], data);
}
