import { toCsv } from '../export/csv.ts';
import { orderDimensions, type Label, type Person } from '../model/labels.ts';

/**
 * Labels for analysis elsewhere. Tidy: one row per item × coder × dimension × round. Wide: one row per round, item
 * and dimension, one column per coder (empty = not coded), as R's irr (kappa2, kappam.fleiss, kripp.alpha after
 * t()) and psych (cohen.kappa) take it. Cells a spreadsheet would run as formulas are neutralised (toCsv).
 */
export function labelsToTidyCsv(labels: readonly Label[], people: readonly Person[]): string {
  const name = new Map(people.map((a) => [a.id, a.name]));
  const order = orderDimensions(labels.map((l) => l.dimension));
  const rows = [...labels]
    .sort((a, b) => a.round - b.round || a.incidentId.localeCompare(b.incidentId) || order.indexOf(a.dimension) - order.indexOf(b.dimension) || a.annotatorId.localeCompare(b.annotatorId))
    .map((l) => [l.incidentId, name.get(l.annotatorId) ?? l.annotatorId, l.dimension, l.code, l.round, l.codebookId, l.codebookVersion]);
  return toCsv(['item', 'coder', 'dimension', 'code', 'round', 'codebook', 'codebook_version'], rows);
}

export function labelsToWideCsv(labels: readonly Label[], people: readonly Person[], incidentOrder: readonly string[]): string {
  const coders = people.filter((a) => labels.some((l) => l.annotatorId === a.id));
  const code = new Map(labels.map((l) => [`${l.round}\u0000${l.incidentId}\u0000${l.dimension}\u0000${l.annotatorId}`, l.code]));
  const coded = new Set(labels.map((l) => `${l.round}\u0000${l.incidentId}\u0000${l.dimension}`));
  const rounds = [...new Set(labels.map((l) => l.round))].sort((a, b) => a - b);
  const data: Array<Array<string | number>> = [];
  for (const round of rounds) {
    for (const dimension of orderDimensions(labels.map((l) => l.dimension))) {
      for (const incidentId of incidentOrder) {
        if (!coded.has(`${round}\u0000${incidentId}\u0000${dimension}`)) continue;
        data.push([round, incidentId, dimension, ...coders.map((c) => code.get(`${round}\u0000${incidentId}\u0000${dimension}\u0000${c.id}`) ?? '')]);
      }
    }
  }
  return toCsv(['round', 'item', 'dimension', ...coders.map((c) => c.name)], data);
}
