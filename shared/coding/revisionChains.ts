/**
 * Revisions form chains: each names the one it replaced (`previousId`), within one key (a label slot, a
 * disagreement). Label revisions and decisions are both kept this way (convention 16); these are the two rules
 * every such history needs.
 */
export interface ChainLink {
  id: string;
  previousId: string | null;
}

/**
 * The head of every key's chain: the revision no other replaced. Two heads (one key revised on two machines, then
 * merged) are settled by `isLater`, so every machine derives the same head whatever order it reads them in.
 */
export function chainHeads<T extends ChainLink>(items: Iterable<T>, keyOf: (item: T) => string, isLater: (a: T, b: T) => boolean): Map<string, T> {
  const replaced = new Set<string>();
  const all: T[] = [];
  for (const item of items) {
    all.push(item);
    if (item.previousId !== null) replaced.add(item.previousId);
  }
  const heads = new Map<string, T>();
  for (const item of all) {
    if (replaced.has(item.id)) continue;
    const key = keyOf(item);
    const seen = heads.get(key);
    if (!seen || isLater(item, seen)) heads.set(key, item);
  }
  return heads;
}

/**
 * The first item (by position) whose chain is broken: it names a revision that is not there or belongs to another
 * key (`elsewhere`), or its chain comes round to itself (`circle`, which would leave the key with no head). Each
 * chain is walked once, so this is linear in the items.
 */
export function findChainFault<T extends ChainLink>(items: readonly T[], keyOf: (item: T) => string): { index: number; fault: 'elsewhere' | 'circle' } | null {
  const byId = new Map(items.map((item) => [item.id, item]));
  const grounded = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (item.previousId === null) continue;
    const previous = byId.get(item.previousId);
    if (!previous || keyOf(previous) !== keyOf(item)) return { index, fault: 'elsewhere' };
    const walked = new Set<string>();
    for (let p: T | undefined = item; p && !grounded.has(p.id); p = p.previousId === null ? undefined : byId.get(p.previousId)) {
      if (walked.has(p.id)) return { index, fault: 'circle' };
      walked.add(p.id);
    }
    for (const id of walked) grounded.add(id);
  }
  return null;
}
