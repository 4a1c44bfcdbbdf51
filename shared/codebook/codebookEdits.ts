import type { Dimension } from '../model/labels.ts';
import { CODE_PATH_SEPARATOR, findNode, flattenCodes, isReservedCode, treeOf, type CodeNode, type Codebook } from './codebook.ts';
import { DIMENSION_ID_PATTERN, isBuiltInDimension } from '../model/labels.ts';
import type { CodebookChange, CodebookEditRecord } from './codebookChange.ts';

/**
 * Changes to a codebook during open coding (paper §III-C: the taxonomy is built on the taxonomy set and checked for
 * new categories on the validation set). Each change makes the next version of the codebook and a mapping that
 * carries existing labels over to it; the mapping is previewed, then applied as new label revisions.
 */

export interface CodeFields {
  name: string;
  description: string;
  include: string;
  exclude: string;
  examples: string[];
}

export type CodebookEdit =
  | { kind: 'add'; dimension: Dimension; parentPath: string | null; code: string; fields: CodeFields }
  | { kind: 'edit'; dimension: Dimension; path: string; fields: Partial<CodeFields> }
  | { kind: 'rename'; dimension: Dimension; path: string; code: string; name?: string }
  | { kind: 'merge'; dimension: Dimension; from: string[]; into: string }
  /** A leaf into two or more codes at its place; `assign` says which new code (by its code) each incident's labels take (default: the first). */
  | { kind: 'split'; dimension: Dimension; path: string; into: Array<{ code: string; name: string; description: string }>; assign: ReadonlyArray<readonly [string, string]> }
  | { kind: 'retire'; dimension: Dimension; path: string; replacement: string }
  /** A dimension of the study's own (e.g. "detection gap"), coded besides the paper's three; it starts empty. */
  | { kind: 'add-dimension'; dimension: Dimension; name: string };

/** How labels of one dimension move to the new version: `translate` gives a label's new code (the same when it stays). */
export interface LabelMapping {
  dimension: Dimension;
  translate(code: string, incidentId: string): string;
}

export interface PlannedChange {
  next: Codebook;
  mapping: LabelMapping | null;
}

export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** The parent of a code path, or null for a top-level code. */
export const parentOf = (path: string) => {
  const cut = path.lastIndexOf(CODE_PATH_SEPARATOR);
  return cut === -1 ? null : path.slice(0, cut);
};
/** A code's path under a parent (null: the top level). */
export const join = (parent: string | null, code: string) => (parent === null ? code : `${parent}${CODE_PATH_SEPARATOR}${code}`);
const isWithin = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}${CODE_PATH_SEPARATOR}`);

/** A code path moved from one place to another, with everything under it. */
function movePrefix(from: string, to: string): (code: string) => string {
  return (code) => (isWithin(code, from) ? `${to}${code.slice(from.length)}` : code);
}

function siblingsOf(codebook: Codebook, dimension: Dimension, parentPath: string | null): CodeNode[] {
  if (parentPath === null) {
    const tree = treeOf(codebook, dimension);
    if (!tree) throw new CodebookEditError(`The codebook has no dimension "${dimension}".`);
    return tree;
  }
  const parent = findNode(codebook, dimension, parentPath);
  if (!parent) throw new CodebookEditError(`There is no code "${parentPath}" in ${dimension}.`);
  return (parent.children ??= []);
}

export class CodebookEditError extends Error {}

function requireCode(codebook: Codebook, dimension: Dimension, path: string): CodeNode {
  if (isReservedCode(path)) throw new CodebookEditError(`"${path}" is offered in every dimension and cannot be changed.`);
  const node = findNode(codebook, dimension, path);
  if (!node) throw new CodebookEditError(`There is no code "${path}" in ${dimension}.`);
  return node;
}

function requireNewCode(siblings: readonly CodeNode[], parentPath: string | null, code: string, except?: string) {
  if (!CODE_PATTERN.test(code)) throw new CodebookEditError(`"${code}" is not a code: use lower-case letters, digits and hyphens, starting with a letter or digit.`);
  if (parentPath === null && isReservedCode(code)) throw new CodebookEditError(`"${code}" is offered in every dimension already.`);
  if (siblings.some((n) => n.code === code && n.code !== except)) throw new CodebookEditError(`"${join(parentPath, code)}" exists already.`);
}

/** Puts `moving` children under `target`, merging children of the same code, so no path is lost or doubled. */
function mergeChildren(target: CodeNode, moving: readonly CodeNode[]) {
  const children = (target.children ??= []);
  for (const node of moving) {
    const same = children.find((c) => c.code === node.code);
    if (same) mergeChildren(same, node.children ?? []);
    else children.push(node);
  }
}

function removeNode(codebook: Codebook, dimension: Dimension, path: string): CodeNode {
  const siblings = siblingsOf(codebook, dimension, parentOf(path));
  const index = siblings.findIndex((n) => join(parentOf(path), n.code) === path);
  return siblings.splice(index, 1)[0]!;
}

/** The record a version keeps of its change (what, by whom, when, why); labelsMoved is set once the labels are. */
export function recordOf(edit: CodebookEdit): CodebookEditRecord {
  switch (edit.kind) {
    case 'add':
      return { kind: 'add', dimension: edit.dimension, path: join(edit.parentPath, edit.code) };
    case 'edit':
      return { kind: 'edit', dimension: edit.dimension, path: edit.path, fields: Object.keys(edit.fields) as Array<keyof CodeFields> };
    case 'rename':
      return { kind: 'rename', dimension: edit.dimension, from: edit.path, to: join(parentOf(edit.path), edit.code) };
    case 'merge':
      return { kind: 'merge', dimension: edit.dimension, from: [...edit.from], into: edit.into };
    case 'split':
      return { kind: 'split', dimension: edit.dimension, from: edit.path, into: edit.into.map((n) => join(parentOf(edit.path), n.code)) };
    case 'retire':
      return { kind: 'retire', dimension: edit.dimension, path: edit.path, replacement: edit.replacement };
    case 'add-dimension':
      return { kind: 'add-dimension', dimension: edit.dimension, name: edit.name.trim() };
  }
}

/**
 * The next version of a codebook with one edit applied, and how labels follow it. Pure: the codebook passed in is
 * not changed. Throws CodebookEditError with a message for the lead when the edit cannot be made.
 */
export function planCodebookChange(codebook: Codebook, edit: CodebookEdit, meta: Omit<CodebookChange, 'edit' | 'labelsMoved'>): PlannedChange {
  const next = structuredClone(codebook);
  next.version = codebook.version + 1;
  next.change = { edit: recordOf(edit), labelsMoved: 0, ...meta };
  const { dimension } = edit;
  switch (edit.kind) {
    case 'add': {
      const siblings = siblingsOf(next, dimension, edit.parentPath);
      requireNewCode(siblings, edit.parentPath, edit.code);
      if (!edit.fields.name.trim()) throw new CodebookEditError('A new code needs a name.');
      siblings.push(nodeWith({ code: edit.code, name: edit.fields.name.trim() }, edit.fields));
      return { next, mapping: null };
    }
    case 'edit': {
      const node = requireCode(next, dimension, edit.path);
      if (edit.fields.name !== undefined && !edit.fields.name.trim()) throw new CodebookEditError('A code needs a name.');
      const edited = nodeWith(node, edit.fields);
      // Only what really changed is recorded; an edit that changes nothing makes no version.
      const changed = (['name', 'description', 'include', 'exclude', 'examples'] as const).filter((f) => JSON.stringify(edited[f] ?? null) !== JSON.stringify(node[f] ?? null));
      if (changed.length === 0) throw new CodebookEditError('Nothing changed: the code is as it was.');
      next.change!.edit = { kind: 'edit', dimension, path: edit.path, fields: changed };
      for (const key of Object.keys(node) as Array<keyof CodeNode>) delete node[key];
      Object.assign(node, edited);
      return { next, mapping: null };
    }
    case 'rename': {
      const node = requireCode(next, dimension, edit.path);
      const parent = parentOf(edit.path);
      requireNewCode(siblingsOf(next, dimension, parent), parent, edit.code, node.code);
      node.code = edit.code;
      if (edit.name?.trim()) node.name = edit.name.trim();
      const move = movePrefix(edit.path, join(parent, edit.code));
      return { next, mapping: { dimension, translate: (code) => move(code) } };
    }
    case 'merge': {
      const sources = [...new Set(edit.from)];
      if (sources.length === 0) throw new CodebookEditError('Choose the codes to merge.');
      for (const from of sources) {
        requireCode(next, dimension, from);
        if (isWithin(edit.into, from)) throw new CodebookEditError(`"${from}" cannot be merged into "${edit.into}", which is inside it.`);
      }
      const target = isReservedCode(edit.into) ? null : requireCode(next, dimension, edit.into);
      // Remove deepest first, so removing a parent never orphans a path still to be removed.
      const removed = [...sources].sort((a, b) => b.length - a.length).map((from) => ({ from, node: removeNode(next, dimension, from) }));
      for (const { from, node } of removed) {
        if (node.children?.length && !target) throw new CodebookEditError(`"${from}" has sub-codes, and "${edit.into}" cannot hold them.`);
        if (target) mergeChildren(target, node.children ?? []);
      }
      // The most specific source first: a sub-code merged on its own goes to the target, not under it.
      const moves = [...sources].sort((a, b) => b.length - a.length).map((from) => movePrefix(from, edit.into));
      return {
        next,
        mapping: {
          dimension,
          translate: (code) => {
            for (const move of moves) {
              const moved = move(code);
              if (moved !== code) return moved;
            }
            return code;
          },
        },
      };
    }
    case 'split': {
      const node = requireCode(next, dimension, edit.path);
      if (node.children?.length) throw new CodebookEditError(`"${edit.path}" has sub-codes: split or merge them first, or add the new codes under it.`);
      if (edit.into.length < 2) throw new CodebookEditError('A split needs at least two new codes.');
      const parent = parentOf(edit.path);
      const siblings = siblingsOf(next, dimension, parent);
      const seen = new Set<string>();
      for (const n of edit.into) {
        requireNewCode(siblings, parent, n.code, node.code);
        if (seen.has(n.code)) throw new CodebookEditError(`"${n.code}" is named twice in the split.`);
        seen.add(n.code);
        if (!n.name.trim()) throw new CodebookEditError(`The new code "${n.code}" needs a name.`);
      }
      const index = siblings.indexOf(node);
      siblings.splice(index, 1, ...edit.into.map((n) => nodeWith({ code: n.code, name: n.name.trim() }, { description: n.description })));
      const targets = new Set(edit.into.map((n) => n.code));
      const assign = new Map<string, string>();
      for (const [incidentId, target] of edit.assign) {
        if (!targets.has(target)) throw new CodebookEditError(`Incident ${incidentId} is assigned to "${target}", which is not one of the new codes.`);
        assign.set(incidentId, join(parent, target));
      }
      const first = join(parent, edit.into[0]!.code);
      return { next, mapping: { dimension, translate: (code, incidentId) => (code === edit.path ? (assign.get(incidentId) ?? first) : code) } };
    }
    case 'add-dimension': {
      if (!new RegExp(DIMENSION_ID_PATTERN).test(dimension)) throw new CodebookEditError(`"${dimension}" is not a dimension id: use lower-case letters, digits and hyphens, starting with a letter.`);
      if (isBuiltInDimension(dimension) || treeOf(next, dimension)) throw new CodebookEditError(`The dimension "${dimension}" exists already.`);
      if (!edit.name.trim()) throw new CodebookEditError('A dimension needs a name.');
      (next.extraDimensions ??= []).push({ id: dimension, name: edit.name.trim(), codes: [] });
      return { next, mapping: null };
    }
    case 'retire': {
      const node = requireCode(next, dimension, edit.path);
      if (isWithin(edit.replacement, edit.path)) throw new CodebookEditError('A retired code cannot be replaced by itself or a code inside it.');
      if (!flattenCodes(next, dimension).some((c) => c.path === edit.replacement)) throw new CodebookEditError(`"${edit.replacement}" is not a code in use in ${dimension}.`);
      node.retired = true;
      return { next, mapping: { dimension, translate: (code) => (isWithin(code, edit.path) ? edit.replacement : code) } };
    }
  }
}

/** A node with the given fields set; empty notes and example lists are left out, so the file stays small. */
function nodeWith(base: CodeNode, fields: Partial<CodeFields>): CodeNode {
  const out: CodeNode = { ...base };
  if (fields.name !== undefined) out.name = fields.name.trim();
  for (const key of ['description', 'include', 'exclude'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value.trim()) out[key] = value.trim();
    else delete out[key];
  }
  if (fields.examples !== undefined) {
    const examples = [...new Set(fields.examples.map((e) => e.trim()).filter((e) => e !== ''))];
    if (examples.length) out.examples = examples;
    else delete out.examples;
  }
  return out;
}
