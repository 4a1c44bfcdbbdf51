import type { CodeNode } from './codebook.ts';
import { codeFromName } from './refiQda.ts';

/**
 * A codebook dimension from a plain list of categories, one per line as `Name: definition` (the definition is
 * optional). Indenting a line (by spaces or tabs, deeper than the line above) makes it a sub-category of that line;
 * blank lines and lines starting with # are skipped. Problems name the line.
 */
export function parseCategoryList(text: string): { ok: true; codes: CodeNode[] } | { ok: false; message: string } {
  const roots: CodeNode[] = [];
  const stack: Array<{ indent: number; node: CodeNode }> = [];
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const indent = /^[ \t]*/.exec(raw)![0].replace(/\t/g, '    ').length;
    const line = raw.trim();
    const colon = line.indexOf(':');
    const name = (colon === -1 ? line : line.slice(0, colon)).trim();
    const description = colon === -1 ? '' : line.slice(colon + 1).trim();
    if (!name) return { ok: false, message: `line ${i + 1}: a category needs a name before the colon` };
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    const siblings = parent ? (parent.children ??= []) : roots;
    const code = codeFromName(name);
    if (siblings.some((s) => s.code === code)) return { ok: false, message: `line ${i + 1}: "${name}" gives the code "${code}", which another category at the same level has` };
    const node: CodeNode = { code, name, ...(description ? { description } : {}) };
    siblings.push(node);
    stack.push({ indent, node });
  }
  if (roots.length === 0) return { ok: false, message: 'the list has no categories (one per line, as "Name: definition")' };
  return { ok: true, codes: roots };
}
