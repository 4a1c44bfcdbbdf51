import { Parser, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { BUILT_IN_DIMENSIONS, BUILT_IN_DIMENSION_NAMES, DIMENSION_ID_PATTERN, isBuiltInDimension, type Dimension } from '../model/labels.ts';
import { CODEBOOK_SCHEMA_VERSION, CodebookSchema, dimensionsOf, findCodebookInconsistencies, treeOf, type CodeNode, type Codebook } from './codebook.ts';
import { typeboxValidator } from '../files/typeboxValidator.ts';
import { CODE_PATTERN } from './codebookEdits.ts';

/**
 * REFI-QDA codebook exchange (.qdc, namespace urn:QDA-XML:codebook:1.0; the REFI-QDA standard 1.5, §5.2), which
 * ATLAS.ti, MAXQDA, NVivo and QualCoder read. Each dimension is a code that cannot be coded, holding its tree. What
 * the format has no field for (the code's id, inclusion and exclusion notes, examples, the paper's share) is written
 * as labelled lines at the end of the code's Description, so a workbench codebook comes back exactly; retired codes
 * are written as not codable. A set carries the codebook's name, id and version.
 */

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Incident Workbench';
const META_SET_PREFIX = 'Incident Workbench codebook ';

/** A GUID made from text, so the same codebook always gives the same file (four FNV-1a hashes, 128 bits). */
export function guidOf(text: string): string {
  const parts: string[] = [];
  for (const basis of [0x811c9dc5, 0x050c5d1f, 0x6b3a9c27, 0x1b873593]) {
    let h = basis >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    parts.push(h.toString(16).padStart(8, '0'));
  }
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// XML 1.0 allows tab, newline, carriage return and U+0020 upwards (without lone surrogates, U+FFFE, U+FFFF).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapeXml = (text: string) => text.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const FIELD_LABELS = { code: 'Code', include: 'Include', exclude: 'Exclude', examples: 'Examples', paperShare: 'Share in the study paper' } as const;

function descriptionOf(node: CodeNode): string {
  const lines: string[] = [];
  if (node.include) lines.push(`${FIELD_LABELS.include}: ${node.include}`);
  if (node.exclude) lines.push(`${FIELD_LABELS.exclude}: ${node.exclude}`);
  if (node.examples?.length) lines.push(`${FIELD_LABELS.examples}: ${node.examples.join(', ')}`);
  if (node.paperShare !== undefined) lines.push(`${FIELD_LABELS.paperShare}: ${node.paperShare}%`);
  lines.push(`${FIELD_LABELS.code}: ${node.code}`);
  return `${node.description ?? ''}\n\n${lines.join('\n')}`;
}

export function writeQdc(codebook: Codebook): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${ORIGIN}">`, '<Codes>'];
  const writeNode = (node: CodeNode, path: string, depth: number) => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}<Code guid="${guidOf(`${codebook.id}\u0000${path}`)}" name="${escapeXml(node.name)}" isCodable="${node.retired ? 'false' : 'true'}">`);
    out.push(`${pad}  <Description>${escapeXml(descriptionOf(node))}</Description>`);
    for (const child of node.children ?? []) writeNode(child, `${path}/${child.code}`, depth + 1);
    out.push(`${pad}</Code>`);
  };
  for (const { id: dimension, name } of dimensionsOf(codebook)) {
    out.push(`  <Code guid="${guidOf(`${codebook.id}\u0000dimension\u0000${dimension}`)}" name="${escapeXml(name)}" isCodable="false">`);
    out.push(`    <Description>Dimension: ${dimension}</Description>`);
    for (const node of treeOf(codebook, dimension) ?? []) writeNode(node, `${dimension}:${node.code}`, 2);
    out.push('  </Code>');
  }
  out.push('</Codes>', '<Sets>');
  out.push(`  <Set guid="${guidOf(`${codebook.id}\u0000set`)}" name="${escapeXml(codebook.name)}">`);
  const meta = [`${META_SET_PREFIX}${codebook.id}, version ${codebook.version}.`];
  if (codebook.source) meta.push(`Source: ${codebook.source}`);
  out.push(`    <Description>${escapeXml(meta.join('\n'))}</Description>`);
  out.push('  </Set>', '</Sets>', '</CodeBook>', '');
  return out.join('\n');
}

export type QdcRead = { ok: true; codebook: Codebook; warnings: string[] } | { ok: false; message: string };

/** How deep a code tree may nest in a file (deeper is refused, not a crash). */
export const MAX_QDC_DEPTH = 64;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const elements = (nodes: readonly ChildNode[], name: string) => nodes.filter((n): n is Element => n.type === 'tag' && localName(n.name) === name);
const textOf = (node: Element | undefined): string => {
  if (!node) return '';
  let out = '';
  for (const child of node.children) {
    if (child.type === 'text' || child.type === 'cdata') out += child.type === 'text' ? child.data : textOf(child as unknown as Element);
  }
  return out;
};

/** A code from a name: lower case, hyphens for the rest, as the codebook's pattern wants. */
export function codeFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A name without Latin letters or digits ("日本") still gets a code of its own, made from the name.
  return slug === '' ? `code-${guidOf(name.trim()).slice(0, 8)}` : slug;
}

function parseDescription(text: string): Partial<CodeNode> & { description: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Partial<CodeNode> & { description: string } = { description: '' };
  // Labelled lines are read from the end, up to the first line that is not one.
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  let cut = end;
  for (let i = end - 1; i >= 0; i--) {
    const line = lines[i]!;
    const label = (Object.entries(FIELD_LABELS) as Array<[keyof typeof FIELD_LABELS, string]>).find(([, l]) => line.startsWith(`${l}: `));
    if (!label) break;
    const value = line.slice(label[1].length + 2);
    if (label[0] === 'examples') out.examples = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    else if (label[0] === 'paperShare') {
      const share = Number.parseFloat(value);
      if (Number.isFinite(share)) out.paperShare = share;
    } else out[label[0]] = value;
    cut = i;
  }
  // Our own descriptions put one blank line between the definition and the labelled lines.
  let descriptionEnd = cut;
  if (cut < end && descriptionEnd > 0 && lines[descriptionEnd - 1] === '') descriptionEnd--;
  out.description = lines.slice(0, descriptionEnd).join('\n');
  return out;
}

/**
 * Reads a .qdc file into a codebook. Top-level codes named after a dimension (or described "Dimension: x") hold that
 * dimension's tree; any other top-level code goes into `otherCodesInto`. Codes without an id line get one made from
 * their name. Refused with a message naming the file and the place when it is not a REFI-QDA codebook.
 */
/**
 * Where an XML text is not well formed (an element never closed, or closed by another's end tag), or null. The
 * parser below is lenient, as HTML parsers are: it would close what the file left open and read a broken file.
 */
export function xmlWellFormedProblem(text: string): string | null {
  let problem: string | null = null;
  const parser: Parser = new Parser(
    {
      onclosetag: (name, isImplied) => {
        // The parser calls a self-closed element's close "implied" too; its tag ends in "/>".
        const selfClosed = text[parser.endIndex] === '>' && text[parser.endIndex - 1] === '/';
        if (isImplied && !selfClosed && problem === null) problem = `the element <${name}> is never closed`;
      },
      onerror: (error) => {
        problem ??= error.message;
      },
    },
    { xmlMode: true },
  );
  parser.write(text);
  parser.end();
  return problem;
}

export function readQdc(text: string, fileName: string, otherCodesInto: Dimension = 'symptom'): QdcRead {
  const refuse = (why: string): QdcRead => ({ ok: false, message: `${fileName}: ${why}` });
  const malformed = xmlWellFormedProblem(text);
  if (malformed) return refuse(`is not well-formed XML: ${malformed}`);
  const document = parseDocument(text, { xmlMode: true });
  const root = elements(document.children, 'CodeBook')[0];
  if (!root) return refuse('is not a REFI-QDA codebook (its root element is not CodeBook)');
  if (root.attribs.xmlns !== undefined && root.attribs.xmlns !== QDC_NAMESPACE) return refuse(`has the namespace ${root.attribs.xmlns}, not ${QDC_NAMESPACE}`);
  const codes = elements(root.children, 'Codes')[0];
  if (!codes) return refuse('has no Codes element');
  const warnings: string[] = [];
  // Each dimension's name, codes and the codes taken at its top level; the paper's three always, others as found.
  const trees = new Map<Dimension, { name: string; codes: CodeNode[]; siblings: Set<string> }>(BUILT_IN_DIMENSIONS.map((d) => [d, { name: BUILT_IN_DIMENSION_NAMES[d], codes: [], siblings: new Set() }]));
  const treeFor = (dimension: Dimension, name: string) => {
    let tree = trees.get(dimension);
    if (!tree) trees.set(dimension, (tree = { name, codes: [], siblings: new Set() }));
    return tree;
  };
  const idPattern = new RegExp(DIMENSION_ID_PATTERN);
  const dimensionOf = (code: Element): Dimension | null => {
    const described = /^Dimension: (\S+)$/.exec(textOf(elements(code.children, 'Description')[0]).trim())?.[1];
    if (described !== undefined && idPattern.test(described)) return described;
    const name = (code.attribs.name ?? '').trim().toLowerCase();
    return BUILT_IN_DIMENSIONS.find((d) => BUILT_IN_DIMENSION_NAMES[d].toLowerCase() === name) ?? null;
  };
  const readCode = (element: Element, where: string, depth: number, siblings: Set<string>): CodeNode | string => {
    if (depth > MAX_QDC_DEPTH) return `${where}: codes nest deeper than ${MAX_QDC_DEPTH} levels`;
    const name = (element.attribs.name ?? '').trim();
    if (!name) return `${where}: a Code has no name`;
    const parsed = parseDescription(textOf(elements(element.children, 'Description')[0]));
    let code = parsed.code && CODE_PATTERN.test(parsed.code) ? parsed.code : codeFromName(name);
    if (siblings.has(code)) {
      let n = 2;
      while (siblings.has(`${code}-${n}`)) n++;
      warnings.push(`${where}: the code "${code}" is there twice; the second is "${code}-${n}"`);
      code = `${code}-${n}`;
    }
    siblings.add(code);
    const node: CodeNode = { code, name };
    if (parsed.description) node.description = parsed.description;
    for (const key of ['include', 'exclude'] as const) if (parsed[key]) node[key] = parsed[key];
    if (parsed.examples?.length) node.examples = parsed.examples;
    if (parsed.paperShare !== undefined) node.paperShare = parsed.paperShare;
    if (element.attribs.isCodable === 'false') node.retired = true;
    const childSiblings = new Set<string>();
    const children: CodeNode[] = [];
    for (const [i, child] of elements(element.children, 'Code').entries()) {
      const read = readCode(child, `${where} › ${name} (code ${i + 1})`, depth + 1, childSiblings);
      if (typeof read === 'string') return read;
      children.push(read);
    }
    if (children.length) node.children = children;
    return node;
  };
  for (const [i, top] of elements(codes.children, 'Code').entries()) {
    const dimension = dimensionOf(top);
    if (dimension) {
      const tree = treeFor(dimension, (top.attribs.name ?? '').trim() || dimension);
      for (const [j, child] of elements(top.children, 'Code').entries()) {
        const read = readCode(child, `Codes › ${tree.name} (code ${j + 1})`, 1, tree.siblings);
        if (typeof read === 'string') return refuse(read);
        tree.codes.push(read);
      }
    } else {
      const tree = treeFor(otherCodesInto, otherCodesInto);
      const read = readCode(top, `Codes (code ${i + 1})`, 1, tree.siblings);
      if (typeof read === 'string') return refuse(read);
      tree.codes.push(read);
    }
  }
  if ([...trees.values()].every((t) => t.codes.length === 0)) return refuse('has no codes');
  const dimensions = Object.fromEntries(BUILT_IN_DIMENSIONS.map((d) => [d, trees.get(d)!.codes])) as Codebook['dimensions'];
  const extraDimensions = [...trees].filter(([d]) => !isBuiltInDimension(d)).map(([id, t]) => ({ id, name: t.name, codes: t.codes }));
  // The codebook's name, id and version, when a workbench wrote the file.
  let name = fileName.replace(/\.qdc$/i, '');
  let id = codeFromName(name);
  let version = 1;
  let source: string | undefined;
  for (const set of elements(elements(root.children, 'Sets')[0]?.children ?? [], 'Set')) {
    const description = textOf(elements(set.children, 'Description')[0]);
    const meta = new RegExp(`^${META_SET_PREFIX}(.+), version (\\d+)\\.(?:\\nSource: ([\\s\\S]*))?$`).exec(description);
    if (!meta) continue;
    name = set.attribs.name ?? name;
    id = meta[1]!;
    version = Number(meta[2]);
    source = meta[3];
  }
  const codebook: Codebook = { schemaVersion: CODEBOOK_SCHEMA_VERSION, id, name, version, ...(source !== undefined ? { source } : {}), dimensions, ...(extraDimensions.length ? { extraDimensions } : {}) };
  // What the file gave (names, ids) must make a codebook the app can store and write again.
  const validate = typeboxValidator(CodebookSchema);
  if (!validate(codebook)) {
    const issue = validate.errors?.[0];
    return refuse(`gives a codebook that is not valid: ${issue?.instancePath || '(the codebook)'} ${issue?.message ?? ''}`.trim());
  }
  const problems = findCodebookInconsistencies(codebook);
  if (problems.length) return refuse(problems.join('; '));
  return { ok: true, codebook, warnings };
}
