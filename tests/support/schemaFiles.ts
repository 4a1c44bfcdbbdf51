import type { TSchema } from '@sinclair/typebox';
import { CodebookSchema } from '../../shared/codebook/codebook.ts';
import { MappingPresetSchema } from '../../shared/import/presets.ts';
import { IncidentSchema } from '../../shared/model/incident.ts';
import { LabelRevisionSchema, PersonSchema, ResolutionSchema } from '../../shared/model/labels.ts';
import { StudyFileManifestSchema } from '../../shared/study/studyFile.ts';
import { StoredSplitSchema, StudySettingsSchema } from '../../shared/study/studySettings.ts';
import { ImportLogEntrySchema } from '../../shared/import/importLog.ts';
import { CohortSchema } from '../../shared/protocol/cohort.ts';
import { LabelPackageSchema } from '../../shared/coding/labelPackage.ts';
import { ProposalSchema } from '../../shared/codebook/proposals.ts';
import { CoderMarkSchema } from '../../shared/coding/coderMarks.ts';
import { AssignmentSchema } from '../../shared/protocol/assignments.ts';
import { StudyEventSchema } from '../../shared/coding/blinding.ts';
import { PostmortemRevisionSchema } from '../../shared/postmortem/draft.ts';
import { PostmortemTemplateSchema } from '../../shared/postmortem/template.ts';

/**
 * The JSON Schemas in schemas/, generated from the one TypeBox declaration of each shape in shared/ (convention 11).
 * `npm run schemas` writes them; schemas.test.ts fails when a committed file differs from what this returns.
 */

const SCHEMA_BASE = 'https://incident-workbench.local/schemas/';

/** File name in schemas/ → the declaration it is generated from. */
const DECLARATIONS: Record<string, TSchema> = {
  'codebook.schema.json': CodebookSchema,
  'incident.schema.json': IncidentSchema,
  'mapping-preset.schema.json': MappingPresetSchema,
  'study-file.schema.json': StudyFileManifestSchema,
  'study-settings.schema.json': StudySettingsSchema,
  'person.schema.json': PersonSchema,
  'label-revision.schema.json': LabelRevisionSchema,
  'resolution.schema.json': ResolutionSchema,
  'import-log-entry.schema.json': ImportLogEntrySchema,
  'cohort.schema.json': CohortSchema,
  'proposal.schema.json': ProposalSchema,
  'stored-split.schema.json': StoredSplitSchema,
  'label-package.schema.json': LabelPackageSchema,
  'coder-mark.schema.json': CoderMarkSchema,
  'assignment.schema.json': AssignmentSchema,
  'study-event.schema.json': StudyEventSchema,
  'postmortem-revision.schema.json': PostmortemRevisionSchema,
  'postmortem-template.schema.json': PostmortemTemplateSchema,
};

// Keywords first in the order a reader looks for them; names under properties and definitions keep their declared order.
const KEYWORD_ORDER = [
  '$schema', '$id', '$ref', 'title', 'description', 'type', 'const', 'enum', 'format', 'pattern', 'minLength', 'maxLength',
  'minimum', 'maximum', 'items', 'minItems', 'maxItems', 'uniqueItems', 'additionalProperties', 'required', 'properties', 'definitions',
];
const NAMED_CHILDREN = new Set(['properties', 'definitions']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keywordRank(key: string): number {
  const at = KEYWORD_ORDER.indexOf(key);
  return at === -1 ? KEYWORD_ORDER.length : at;
}

/** The schema with its keywords in KEYWORD_ORDER (unknown ones after, alphabetically), at every depth. */
function ordered(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(ordered);
  if (!isObject(schema)) return schema;
  const keys = Object.keys(schema).sort((a, b) => keywordRank(a) - keywordRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const value = schema[key]!;
    out[key] = NAMED_CHILDREN.has(key) && isObject(value) ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, ordered(child)])) : ordered(value);
  }
  return out;
}

/**
 * TypeBox writes a recursive shape (Type.Recursive) inline wherever it is used, marked with its own `$id` and referred
 * to from inside by that bare id. Here each such shape moves once into `definitions`, and every use and every
 * reference becomes `#/definitions/<id>`, the form draft-07 tools and readers expect.
 */
function hoistDefinitions(root: { [key: string]: Json }): { [key: string]: Json } {
  const definitions = new Map<string, Json>();
  const collect = (node: Json, isRoot: boolean) => {
    if (Array.isArray(node)) node.forEach((child) => collect(child, false));
    else if (isObject(node)) {
      if (!isRoot && typeof node.$id === 'string' && !definitions.has(node.$id)) definitions.set(node.$id, node);
      Object.values(node).forEach((child) => collect(child, false));
    }
  };
  collect(root, true);
  const rewrite = (node: Json, isRoot: boolean): Json => {
    if (Array.isArray(node)) return node.map((child) => rewrite(child, false));
    if (!isObject(node)) return node;
    if (!isRoot && typeof node.$id === 'string' && definitions.has(node.$id)) return { $ref: `#/definitions/${node.$id}` };
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string' && definitions.has(value) ? `#/definitions/${value}` : rewrite(value, false);
    }
    return out;
  };
  const hoisted = rewrite(root, true) as { [key: string]: Json };
  if (definitions.size === 0) return hoisted;
  const hoistedDefinitions: { [key: string]: Json } = {};
  for (const [id, definition] of definitions) {
    const body = { ...(definition as { [key: string]: Json }) };
    delete body.$id;
    hoistedDefinitions[id] = rewrite(body, true);
  }
  return { ...hoisted, definitions: hoistedDefinitions };
}

/** One schema file's text: draft-07, its own `$id`, keywords in a stable order, 2-space indent, trailing newline. */
export function schemaFileText(fileName: string, declaration: TSchema): string {
  // Through JSON first: TypeBox's own marks are symbol-keyed and stay out of the file.
  const plain = JSON.parse(JSON.stringify(declaration)) as { [key: string]: Json };
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', $id: `${SCHEMA_BASE}${fileName}`, ...hoistDefinitions(plain) };
  return `${JSON.stringify(ordered(schema), null, 2)}\n`;
}

/** Every file of schemas/ as it should read: file name → JSON text. */
export function generatedSchemas(): Record<string, string> {
  return Object.fromEntries(Object.entries(DECLARATIONS).map(([fileName, declaration]) => [fileName, schemaFileText(fileName, declaration)]));
}
