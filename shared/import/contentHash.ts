/**
 * A short, stable hash of a record's content, for incidents whose file gives no id: two 32-bit multiplicative
 * lanes (FNV-1a's prime and MurmurHash2's multiplier) over the JSON text, 53 bits kept, as hex. Not for security.
 */
export function contentHash(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) & 0x1fffff).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

