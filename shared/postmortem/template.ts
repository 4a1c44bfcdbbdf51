import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';

/**
 * A postmortem's template: its sections in order, each with a title and, where the workbench can fill it from the
 * incident and its codes, what it is filled with. A study keeps its own templates; sections are added, removed,
 * reordered and renamed, and a template can start from a Markdown skeleton (its headings). Templates are versioned like
 * codebooks (convention 16): a saved edit is a new version beside the old ones, never an overwrite.
 */
export const PREFILL_KINDS = ['summary', 'impact', 'detection', 'timeline', 'triage', 'rootCause', 'mitigation', 'wentWell', 'wentPoorly', 'actionItems'] as const;
export const PrefillKindSchema = OneOf(PREFILL_KINDS, { description: 'What the workbench fills the section with; a section of the author\'s own has none.' });
export type PrefillKind = Static<typeof PrefillKindSchema>;

export const TemplateSectionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Stable within the template, so drafts keep their text when a section is renamed or moved.' }),
    title: Type.String({ minLength: 1 }),
    prefill: Nullable(PrefillKindSchema),
  },
  { additionalProperties: false },
);
export type TemplateSection = Static<typeof TemplateSectionSchema>;

export const POSTMORTEM_TEMPLATE_VERSION = 1;
/** A template holds at most this many sections (from a skeleton, or added one by one). */
export const MAX_TEMPLATE_SECTIONS = 100;

export const PostmortemTemplateSchema = Type.Object(
  {
    schemaVersion: Type.Literal(POSTMORTEM_TEMPLATE_VERSION),
    id: Type.String({ minLength: 1 }),
    version: Type.Integer({ minimum: 0, description: '0: as built in (or as imported, before its first save); each save adds one.' }),
    name: Type.String({ minLength: 1 }),
    sections: Type.Array(TemplateSectionSchema, { minItems: 1, maxItems: MAX_TEMPLATE_SECTIONS }),
    savedBy: Nullable(Type.String({ minLength: 1 }), { description: 'Who saved this version (a person id); null for the built-in template.' }),
    savedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false, title: 'PostmortemTemplate', description: 'The sections of a postmortem, in order.' },
);
export type PostmortemTemplate = Static<typeof PostmortemTemplateSchema>;

const DEFAULT_TITLES: Record<PrefillKind, string> = {
  summary: 'Summary',
  impact: 'Impact',
  detection: 'Detection',
  timeline: 'Timeline',
  triage: 'Triage',
  rootCause: 'Root cause',
  mitigation: 'Mitigation',
  wentWell: 'What went well',
  wentPoorly: 'What went poorly',
  actionItems: 'Action items',
};

export function defaultTemplate(): PostmortemTemplate {
  return { schemaVersion: POSTMORTEM_TEMPLATE_VERSION, id: 'default', version: 0, name: 'Postmortem', sections: PREFILL_KINDS.map((kind) => ({ id: kind, title: DEFAULT_TITLES[kind], prefill: kind })), savedBy: null, savedAt: null };
}

/** How people title each kind of section, so a skeleton's headings find what the workbench can fill. */
const TITLE_HINTS: Array<[PrefillKind, RegExp]> = [
  ['summary', /^(summary|overview|executive summary|tl;?dr|what happened)$/i],
  ['impact', /^(impact|customer impact|user impact|blast radius)$/i],
  ['detection', /^(detection|how (it|we) (was|were)? ?detected|how we found out)$/i],
  ['timeline', /^(timeline|chronology|sequence of events|events)$/i],
  ['triage', /^(triage|response|escalation)$/i],
  ['rootCause', /^(root ?causes?|causes?|contributing factors|why it happened|analysis)$/i],
  ['mitigation', /^(mitigation|resolution|recovery|remediation|fix)$/i],
  ['wentWell', /^(what went well|went well|successes|lessons learned: good)$/i],
  ['wentPoorly', /^(what went (poorly|wrong|badly)|went poorly|where we got lucky|problems)$/i],
  ['actionItems', /^(action items?|follow[- ]?ups?|next steps|corrective actions|todo)$/i],
];


/**
 * A template from a Markdown skeleton: each ATX heading (`#` to `###`, outside fenced code) is a section in order;
 * headings named like a section the workbench fills are filled. Text under the headings is the skeleton's and is not
 * kept. Throws with a message naming the problem when there is no heading or too many.
 */
export function templateFromMarkdown(markdown: string, name: string, id: string): PostmortemTemplate {
  const sections: TemplateSection[] = [];
  const used = new Set<string>();
  let fenced = false;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^\s{0,3}#{1,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const title = heading[1]!.trim();
    if (title === '') continue;
    const kind = TITLE_HINTS.find(([, hint]) => hint.test(title))?.[0] ?? null;
    const prefill = kind !== null && !used.has(kind) ? kind : null;
    if (prefill) used.add(prefill);
    sections.push({ id: `s${sections.length + 1}`, title, prefill });
    if (sections.length > MAX_TEMPLATE_SECTIONS) throw new Error(`The skeleton has more than ${MAX_TEMPLATE_SECTIONS} headings; a template holds at most ${MAX_TEMPLATE_SECTIONS} sections.`);
  }
  if (sections.length === 0) throw new Error('The skeleton has no heading (a line starting with #, ## or ###): each heading becomes a section.');
  return { schemaVersion: POSTMORTEM_TEMPLATE_VERSION, id, version: 0, name, sections, savedBy: null, savedAt: null };
}

/** Template edits: each returns a new template (the old one stays as it was, for the history). */
export function renameSection(t: PostmortemTemplate, sectionId: string, title: string): PostmortemTemplate {
  if (title.trim() === '') throw new Error('A section needs a title.');
  return { ...t, sections: t.sections.map((s) => (s.id === sectionId ? { ...s, title: title.trim() } : s)) };
}

export function moveSection(t: PostmortemTemplate, sectionId: string, to: number): PostmortemTemplate {
  const from = t.sections.findIndex((s) => s.id === sectionId);
  if (from === -1) return t;
  const sections = [...t.sections];
  const [moved] = sections.splice(from, 1);
  sections.splice(Math.max(0, Math.min(sections.length, to)), 0, moved!);
  return { ...t, sections };
}

export function removeSection(t: PostmortemTemplate, sectionId: string): PostmortemTemplate {
  if (t.sections.length === 1) throw new Error('A template keeps at least one section.');
  return { ...t, sections: t.sections.filter((s) => s.id !== sectionId) };
}

export function addSection(t: PostmortemTemplate, title: string, newId: string, at = t.sections.length): PostmortemTemplate {
  if (title.trim() === '') throw new Error('A section needs a title.');
  if (t.sections.length >= MAX_TEMPLATE_SECTIONS) throw new Error(`A template holds at most ${MAX_TEMPLATE_SECTIONS} sections.`);
  if (t.sections.some((s) => s.id === newId)) throw new Error(`The template has a section ${newId} already.`);
  const sections = [...t.sections];
  sections.splice(at, 0, { id: newId, title: title.trim(), prefill: null });
  return { ...t, sections };
}

/** The latest version of each template, by id. */
export function latestTemplates(versions: Iterable<PostmortemTemplate>): PostmortemTemplate[] {
  const latest = new Map<string, PostmortemTemplate>();
  for (const t of versions) if ((latest.get(t.id)?.version ?? -1) < t.version) latest.set(t.id, t);
  return [...latest.values()];
}
