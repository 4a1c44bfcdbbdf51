/**
 * Where search words occur in a text (case-insensitive), as non-overlapping [start, end) ranges in order: what the
 * reader marks so a coder sees why an incident matched. Linear in the text for each word.
 */
export function searchHits(text: string, words: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const word of words) {
    const w = word.toLowerCase();
    if (w === '') continue;
    // Lower-casing can change a text's length (e.g. "İ"); ranges are only taken where it did not.
    if (lower.length !== text.length) break;
    for (let at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + w.length)) ranges.push([at, at + w.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The text in pieces, each marked as a hit or not. */
export function splitByHits(text: string, words: readonly string[]): Array<{ text: string; hit: boolean }> {
  const out: Array<{ text: string; hit: boolean }> = [];
  let at = 0;
  for (const [start, end] of searchHits(text, words)) {
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), hit: false });
  return out;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`)\]}]+/giu;

/** The web addresses a text names, each once, in order: shown as text, never as a link (incident text is untrusted). */
export function linksIn(texts: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(URL_PATTERN)) seen.add(m[0].replace(/[.,;:!?]+$/u, ''));
  return [...seen];
}
