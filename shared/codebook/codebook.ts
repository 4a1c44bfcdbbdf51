import { Type, type Static } from '@sinclair/typebox';
import { RequiredEach } from '../files/schemaTypes.ts';
import { BUILT_IN_DIMENSIONS, BUILT_IN_DIMENSION_NAMES, DIMENSION_ID_PATTERN, isBuiltInDimension, type Dimension } from '../model/labels.ts';
import defaultCodebookData from './default-codebook.json' with { type: 'json' };
import { CodebookChangeSchema } from './codebookChange.ts';

export const CodeNodeSchema = Type.Recursive(
  (CodeNode) =>
    Type.Object(
      {
        code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
        name: Type.String({ minLength: 1 }),
        description: Type.Optional(Type.String({ description: 'The definition: what the code means.' })),
        include: Type.Optional(Type.String({ description: 'When to use the code (inclusion notes).' })),
        exclude: Type.Optional(Type.String({ description: 'When not to use it, and what to use instead (exclusion notes).' })),
        examples: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Ids of incidents that are clear examples of the code.' })),
        retired: Type.Optional(Type.Boolean({ description: 'No longer offered for coding; kept so older labels and versions still read.' })),
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

export const CODEBOOK_SCHEMA_VERSION = 2;

export const CodebookSchema = Type.Object(
  {
    schemaVersion: Type.Literal(CODEBOOK_SCHEMA_VERSION),
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    version: Type.Integer({ minimum: 1, description: 'Every change to a codebook makes a new version; older versions are kept.' }),
    source: Type.Optional(Type.String()),
    change: Type.Optional(CodebookChangeSchema),
    dimensions: Type.Object(RequiredEach(BUILT_IN_DIMENSIONS, Type.Array(CodeNodeSchema, { description: 'May be empty: "other" and "not applicable" are offered in every dimension.' })), { additionalProperties: false }),
    extraDimensions: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.String({ pattern: DIMENSION_ID_PATTERN }), name: Type.String({ minLength: 1 }), codes: Type.Array(CodeNodeSchema) },
          { additionalProperties: false },
        ),
        { description: 'Dimensions the study codes besides symptom, root cause and mitigation (e.g. detection gap), each with its tree.' },
      ),
    ),
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
  /** "Other" and "Not applicable": offered in every dimension of every codebook, never part of its tree. */
  reserved: boolean;
  retired: boolean;
}

export const CODE_PATH_SEPARATOR = '/';

/** Codes every dimension offers whatever its tree holds, so an annotator is never forced into a wrong category. */
export const OTHER_CODE = 'other';
export const NOT_APPLICABLE_CODE = 'not-applicable';
const RESERVED_CODES: ReadonlyArray<{ code: string; name: string; description: string }> = [
  { code: OTHER_CODE, name: 'Other', description: 'None of the codebook\'s categories fits; say what in the rationale (a candidate for a new code).' },
  { code: NOT_APPLICABLE_CODE, name: 'Not applicable', description: 'The dimension does not apply, or the incident says too little to code it.' },
];
export const isReservedCode = (path: string) => RESERVED_CODES.some((r) => r.code === path);

/** A dimension a codebook codes: one of the three, or one it adds. */
export interface DimensionInfo {
  id: Dimension;
  name: string;
  builtIn: boolean;
}

/** Every dimension of a codebook, the paper's three first. */
export function dimensionsOf(codebook: Codebook): DimensionInfo[] {
  return [
    ...BUILT_IN_DIMENSIONS.map((id) => ({ id, name: BUILT_IN_DIMENSION_NAMES[id], builtIn: true })),
    ...(codebook.extraDimensions ?? []).map((d) => ({ id: d.id, name: d.name, builtIn: false })),
  ];
}

/** The tree of codes of a dimension (the codebook's own array, so an edit of a copy can change it), or undefined when the codebook has no such dimension. */
export function treeOf(codebook: Codebook, dimension: Dimension): CodeNode[] | undefined {
  return isBuiltInDimension(dimension) ? codebook.dimensions[dimension] : codebook.extraDimensions?.find((d) => d.id === dimension)?.codes;
}

/** A dimension's name: the codebook's, or its id when the codebook (an older version) does not have it. */
export function dimensionName(codebook: Codebook | undefined, dimension: Dimension): string {
  if (isBuiltInDimension(dimension)) return BUILT_IN_DIMENSION_NAMES[dimension];
  return codebook?.extraDimensions?.find((d) => d.id === dimension)?.name ?? dimension;
}

export function loadDefaultCodebook(): Codebook {
  // A deep copy, so callers may edit it without touching the bundled data.
  return structuredClone(defaultCodebookData) as Codebook;
}

/**
 * Every code of a dimension, parents before their children, in codebook order, then "Other" and "Not applicable"
 * (unless the tree has codes by those names). Retired codes (and their sub-codes) are left out unless asked for.
 */
export function flattenCodes(codebook: Codebook, dimension: Dimension, options: { retired?: boolean } = {}): FlatCode[] {
  const out: FlatCode[] = [];
  const walk = (nodes: CodeNode[], parentPath: string | null, depth: number, topLevel: string | null, retiredAbove: boolean) => {
    for (const node of nodes) {
      const retired = retiredAbove || node.retired === true;
      if (retired && !options.retired) continue;
      const path = parentPath === null ? node.code : `${parentPath}${CODE_PATH_SEPARATOR}${node.code}`;
      const top = topLevel ?? node.code;
      out.push({ path, name: node.name, description: node.description ?? '', depth, topLevel: top, parentPath, reserved: false, retired });
      walk(node.children ?? [], path, depth + 1, top, retired);
    }
  };
  const tree = treeOf(codebook, dimension) ?? [];
  walk(tree, null, 0, null, false);
  for (const r of RESERVED_CODES) {
    if (tree.some((n) => n.code === r.code)) continue;
    out.push({ path: r.code, name: r.name, description: r.description, depth: 0, topLevel: r.code, parentPath: null, reserved: true, retired: false });
  }
  return out;
}

/** The node at a code path, or undefined. */
export function findNode(codebook: Codebook, dimension: Dimension, path: string): CodeNode | undefined {
  let nodes: CodeNode[] | undefined = treeOf(codebook, dimension);
  let found: CodeNode | undefined;
  for (const segment of path.split(CODE_PATH_SEPARATOR)) {
    found = nodes?.find((n) => n.code === segment);
    if (!found) return undefined;
    nodes = found.children;
  }
  return found;
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
  const codes = flattenCodes(codebook, dimension, { retired: true });
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
  const ids = new Set<string>();
  for (const extra of codebook.extraDimensions ?? []) {
    if (isBuiltInDimension(extra.id) || ids.has(extra.id)) problems.push(`the dimension "${extra.id}" is there twice`);
    ids.add(extra.id);
  }
  for (const { id: dimension } of dimensionsOf(codebook)) {
    const seen = new Set<string>();
    for (const code of flattenCodes(codebook, dimension, { retired: true })) {
      if (seen.has(code.path)) problems.push(`${dimension}: code "${code.path}" appears twice`);
      seen.add(code.path);
    }
  }
  return problems;
}

/**
 * A codebook made of another's trees where it has codes, keeping this one's elsewhere: what importing a file or a list
 * into a study gives (a file from another tool often holds one dimension). Dimensions either has are all kept.
 */
export function overlayCodebook(current: Codebook, incoming: Codebook): Codebook {
  const pick = (dimension: Dimension, fallback: CodeNode[]) => {
    const tree = treeOf(incoming, dimension);
    return tree && tree.length ? tree : fallback;
  };
  const dimensions = Object.fromEntries(BUILT_IN_DIMENSIONS.map((d) => [d, pick(d, current.dimensions[d])])) as Codebook['dimensions'];
  const extras = new Map<Dimension, { id: Dimension; name: string; codes: CodeNode[] }>();
  for (const d of current.extraDimensions ?? []) extras.set(d.id, d);
  for (const d of incoming.extraDimensions ?? []) extras.set(d.id, { id: d.id, name: extras.get(d.id)?.name ?? d.name, codes: pick(d.id, extras.get(d.id)?.codes ?? []) });
  const next: Codebook = { ...structuredClone(incoming), dimensions: structuredClone(dimensions) };
  delete next.change;
  if (extras.size) next.extraDimensions = structuredClone([...extras.values()]);
  else delete next.extraDimensions;
  return next;
}

/** A codebook holding codes for one dimension only (the others empty): overlaid on a study's, it replaces that tree alone. */
export function codebookOfOneDimension(like: Codebook, dimension: Dimension, codes: CodeNode[]): Codebook {
  const out: Codebook = { ...structuredClone(like), dimensions: { symptom: [], rootCause: [], mitigation: [] } };
  delete out.change;
  if (isBuiltInDimension(dimension)) out.dimensions[dimension] = structuredClone(codes);
  out.extraDimensions = (like.extraDimensions ?? []).map((d) => ({ ...d, codes: d.id === dimension ? structuredClone(codes) : [] }));
  return out;
}
