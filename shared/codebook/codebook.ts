import { Type, type Static } from '@sinclair/typebox';
import { RequiredEach } from '../files/schemaTypes.ts';
import type { Dimension } from '../model/labels.ts';
import { DIMENSIONS } from '../model/labels.ts';
import defaultCodebookData from './default-codebook.json' with { type: 'json' };

export const CodeNodeSchema = Type.Recursive(
  (CodeNode) =>
    Type.Object(
      {
        code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
        name: Type.String({ minLength: 1 }),
        description: Type.Optional(Type.String()),
        paperShare: Type.Optional(
          Type.Number({ minimum: 0, maximum: 100, description: 'The share the study paper reports for this category, in percent, where it reports one.' }),
        ),
        children: Type.Optional(Type.Array(CodeNode)),
      },
      { additionalProperties: false },
    ),
  { $id: 'CodeNode' },
);
export type CodeNode = Static<typeof CodeNodeSchema>;

export const CodebookSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    version: Type.Integer({ minimum: 1 }),
    source: Type.Optional(Type.String()),
    dimensions: Type.Object(RequiredEach(DIMENSIONS, Type.Array(CodeNodeSchema, { minItems: 1 })), { additionalProperties: false }),
  },
  {
    additionalProperties: false,
    title: 'Codebook',
    description: 'A hierarchical codebook with one tree of codes per dimension (symptom, root cause, mitigation).',
  },
);
export type Codebook = Static<typeof CodebookSchema>;

/** A code flattened out of the tree: its full path ("parent/child") and where it sits. */
export interface FlatCode {
  path: string;
  name: string;
  description: string;
  depth: number;
  topLevel: string;
  parentPath: string | null;
}

export const CODE_PATH_SEPARATOR = '/';

export function loadDefaultCodebook(): Codebook {
  // A deep copy, so callers may edit it without touching the bundled data.
  return structuredClone(defaultCodebookData) as Codebook;
}

/** Every code of a dimension, parents before their children, in codebook order. */
export function flattenCodes(codebook: Codebook, dimension: Dimension): FlatCode[] {
  const out: FlatCode[] = [];
  const walk = (nodes: CodeNode[], parentPath: string | null, depth: number, topLevel: string | null) => {
    for (const node of nodes) {
      const path = parentPath === null ? node.code : `${parentPath}${CODE_PATH_SEPARATOR}${node.code}`;
      const top = topLevel ?? node.code;
      out.push({ path, name: node.name, description: node.description ?? '', depth, topLevel: top, parentPath });
      walk(node.children ?? [], path, depth + 1, top);
    }
  };
  walk(codebook.dimensions[dimension], null, 0, null);
  return out;
}

/** The top-level category of a code path: the text before its first separator. */
export function topLevelOf(codePath: string): string {
  const cut = codePath.indexOf(CODE_PATH_SEPARATOR);
  return cut === -1 ? codePath : codePath.slice(0, cut);
}

export function topLevelCodes(codebook: Codebook, dimension: Dimension): FlatCode[] {
  return flattenCodes(codebook, dimension).filter((c) => c.depth === 0);
}

/** Human name of a code path, with its parent's name for sub-categories. */
export function describeCode(codebook: Codebook, dimension: Dimension, codePath: string): string {
  const codes = flattenCodes(codebook, dimension);
  const found = codes.find((c) => c.path === codePath);
  if (!found) return codePath;
  if (found.parentPath === null) return found.name;
  const parent = codes.find((c) => c.path === found.parentPath);
  return parent ? `${parent.name} › ${found.name}` : found.name;
}

/**
 * Problems that a JSON Schema cannot state: duplicate code paths within a dimension.
 * Returns human-readable messages; empty when the codebook is consistent.
 */
export function findCodebookInconsistencies(codebook: Codebook): string[] {
  const problems: string[] = [];
  for (const dimension of DIMENSIONS) {
    const seen = new Set<string>();
    for (const code of flattenCodes(codebook, dimension)) {
      if (seen.has(code.path)) problems.push(`${dimension}: code "${code.path}" appears twice`);
      seen.add(code.path);
    }
  }
  return problems;
}
