import Papa from 'papaparse';
import type { Rating } from './contingency.ts';

/** Labels in long format (one row per item × coder), pivoted to one list of ratings per coder. */
export interface LabelMatrix {
  items: string[];
  coders: string[];
  /** ratings[c][i]: coder c's label for item i, null when missing. */
  ratings: Rating[][];
  /** Labels in order of first appearance (the categories when none are declared). */
  labelsSeen: string[];
}

export class LabelFileError extends Error {}

/**
 * Reads `item,coder,label` CSV. Items and coders keep their order of first appearance; an empty label is a
 * missing rating; labels are exact strings (no trimming, no case folding). A coder rating an item twice is
 * an error naming both rows.
 */
export function parseLongLabels(text: string, fileName: string): LabelMatrix {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header || header.length !== 3 || header[0] !== 'item' || header[1] !== 'coder' || header[2] !== 'label') {
    throw new LabelFileError(`${fileName}: the header must be exactly "item,coder,label"`);
  }
  const items: string[] = [];
  const coders: string[] = [];
  const itemIndex = new Map<string, number>();
  const coderIndex = new Map<string, number>();
  const labelsSeen: string[] = [];
  const seenLabel = new Set<string>();
  const cells = new Map<string, { label: Rating; row: number }>();
  rows.forEach((values, i) => {
    const row = i + 1;
    if (values.length !== 3) throw new LabelFileError(`${fileName}: row ${row} has ${values.length} fields, not 3 (item,coder,label)`);
    const [item, coder, label] = values as [string, string, string];
    if (item === '') throw new LabelFileError(`${fileName}: row ${row}, item: empty`);
    if (coder === '') throw new LabelFileError(`${fileName}: row ${row}, coder: empty`);
    if (!itemIndex.has(item)) itemIndex.set(item, items.push(item) - 1);
    if (!coderIndex.has(coder)) coderIndex.set(coder, coders.push(coder) - 1);
    const key = `${coderIndex.get(coder)}\u0000${itemIndex.get(item)}`;
    const earlier = cells.get(key);
    if (earlier) throw new LabelFileError(`${fileName}: row ${row}: coder "${coder}" labelled item "${item}" again (first on row ${earlier.row})`);
    cells.set(key, { label: label === '' ? null : label, row });
    if (label !== '' && !seenLabel.has(label)) {
      seenLabel.add(label);
      labelsSeen.push(label);
    }
  });
  const ratings: Rating[][] = coders.map(() => new Array<Rating>(items.length).fill(null));
  for (const [key, { label }] of cells) {
    const [c, i] = key.split('\u0000').map(Number) as [number, number];
    ratings[c]![i] = label;
  }
  return { items, coders, ratings, labelsSeen };
}

/** Cuts every label at its first "/" (the top level of a hierarchical code); keeps the order, drops repeats. */
export function cutToTopLevel(matrix: LabelMatrix, categories: readonly string[]): { ratings: Rating[][]; categories: string[] } {
  const cut = (l: string) => l.split('/', 1)[0]!;
  return {
    ratings: matrix.ratings.map((r) => r.map((l) => (l === null ? null : cut(l)))),
    categories: [...new Set(categories.map(cut))],
  };
}
