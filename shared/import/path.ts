/**
 * Reads a value out of a nested record by a path such as `root cause.details`, `updates[0].message`, `status_sequence[-1]` (the last element)
 * or `updates[*].message` (every element; the values are joined by the caller).
 * Keys may contain spaces; a key that itself contains a dot is matched whole first.
 */
export function readPath(record: unknown, path: string): unknown {
  if (path === '') return undefined;
  if (isObject(record) && Object.prototype.hasOwnProperty.call(record, path)) return record[path];
  return walk(record, tokenize(path));
}

type Token = { key: string } | { index: number } | { every: true };

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  for (const part of path.split('.')) {
    const match = /^(.*?)((?:\[(?:-?\d+|\*)\])*)$/.exec(part);
    const key = match?.[1] ?? part;
    const brackets = match?.[2] ?? '';
    if (key !== '') tokens.push({ key });
    for (const b of brackets.matchAll(/\[(-?\d+|\*)\]/g)) {
      tokens.push(b[1] === '*' ? { every: true } : { index: Number(b[1]) });
    }
  }
  return tokens;
}

function walk(value: unknown, tokens: Token[]): unknown {
  if (tokens.length === 0) return value;
  const [head, ...rest] = tokens as [Token, ...Token[]];
  if ('every' in head) {
    if (!Array.isArray(value)) return undefined;
    return value.map((v) => walk(v, rest)).filter((v) => v !== undefined && v !== null);
  }
  if ('index' in head) {
    if (!Array.isArray(value)) return undefined;
    // A negative index counts from the end: [-1] is the last element.
    return walk(value[head.index < 0 ? value.length + head.index : head.index], rest);
  }
  if (!isObject(value)) return undefined;
  if (Object.prototype.hasOwnProperty.call(value, head.key)) return walk(value[head.key], rest);
  // Exports differ in the case of their column names (Jira's "Due Date" / "Due date"): match without case.
  const lower = head.key.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : walk(value[key], rest);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
