import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';
import { BUILT_IN_DIMENSION_NAMES, DimensionSchema, isBuiltInDimension } from '../model/labels.ts';

/**
 * What made a codebook version from the one before it, as the version records it: the codebook's change log is its
 * versions in order. Kept apart from codebook.ts, which embeds it.
 */
const Path = Type.String({ minLength: 1 });
const Edit = <K extends string, T extends Record<string, TSchema>>(kind: K, properties: T) => Type.Object({ kind: Type.Literal(kind), ...properties }, { additionalProperties: false });

export const CodebookEditRecordSchema = Type.Union([
  Edit('created', { from: OneOf(['template', 'list', 'file']) }),
  Edit('add', { dimension: DimensionSchema, path: Path }),
  Edit('edit', { dimension: DimensionSchema, path: Path, fields: Type.Array(OneOf(['name', 'description', 'include', 'exclude', 'examples'])) }),
  Edit('rename', { dimension: DimensionSchema, from: Path, to: Path }),
  Edit('merge', { dimension: DimensionSchema, from: Type.Array(Path, { minItems: 1 }), into: Path }),
  Edit('split', { dimension: DimensionSchema, from: Path, into: Type.Array(Path, { minItems: 2 }) }),
  Edit('retire', { dimension: DimensionSchema, path: Path, replacement: Path }),
  Edit('revert', { undoing: Type.Integer({ minimum: 1, description: 'The version whose change this one undoes.' }) }),
  Edit('add-dimension', { dimension: DimensionSchema, name: Type.String({ minLength: 1 }) }),
]);
export type CodebookEditRecord = Static<typeof CodebookEditRecordSchema>;

export const CodebookChangeSchema = Type.Object(
  {
    edit: CodebookEditRecordSchema,
    at: Type.String({ format: 'date-time' }),
    by: Type.String({ description: 'Who made the change.' }),
    reason: Type.String({ description: 'Why, in the lead\'s words.' }),
    labelsMoved: Type.Integer({ minimum: 0, description: 'How many labels the change migrated (as new label revisions).' }),
    proposalId: Nullable(Type.String({ minLength: 1 }), { description: 'The open-coding proposal this change accepted, if any.' }),
  },
  { additionalProperties: false, description: 'What made this version from the one before.' },
);
export type CodebookChange = Static<typeof CodebookChangeSchema>;

/** A version's change in words, for the change log and the methods summary. */
export function describeCodebookEdit(edit: CodebookEditRecord): string {
  const dim = 'dimension' in edit ? (isBuiltInDimension(edit.dimension) ? BUILT_IN_DIMENSION_NAMES[edit.dimension].toLowerCase() : `"${edit.dimension}"`) : '';
  switch (edit.kind) {
    case 'created':
      return `started from ${edit.from === 'template' ? 'the study paper\'s taxonomy' : edit.from === 'list' ? 'a list of categories' : 'a codebook file'}`;
    case 'add':
      return `added ${dim} code "${edit.path}"`;
    case 'edit':
      return `edited the ${edit.fields.join(', ')} of ${dim} code "${edit.path}"`;
    case 'rename':
      return `renamed ${dim} code "${edit.from}" to "${edit.to}"`;
    case 'merge':
      return `merged ${dim} code${edit.from.length === 1 ? '' : 's'} ${edit.from.map((f) => `"${f}"`).join(', ')} into "${edit.into}"`;
    case 'split':
      return `split ${dim} code "${edit.from}" into ${edit.into.map((f) => `"${f}"`).join(', ')}`;
    case 'retire':
      return `retired ${dim} code "${edit.path}" (its labels to "${edit.replacement}")`;
    case 'revert':
      return `undid the change of version ${edit.undoing}`;
    case 'add-dimension':
      return `added the dimension "${edit.name}" (${edit.dimension})`;
  }
}
