import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';

// One declaration per shape: the types below and the study file's schema both come from these.

/** The three dimensions every study codes (study paper, section III-C); a codebook may add its own. */
export const BuiltInDimensionSchema = OneOf(['symptom', 'rootCause', 'mitigation']);
export type BuiltInDimension = Static<typeof BuiltInDimensionSchema>;
export const BUILT_IN_DIMENSIONS: readonly BuiltInDimension[] = BuiltInDimensionSchema.enum;
export const BUILT_IN_DIMENSION_NAMES: Record<BuiltInDimension, string> = {
  symptom: 'Symptom',
  rootCause: 'Root cause',
  mitigation: 'Mitigation',
};
export const isBuiltInDimension = (d: string): d is BuiltInDimension => (BUILT_IN_DIMENSIONS as readonly string[]).includes(d);

/** Dimensions in the order they are shown: the paper's three, then any others by id. */
export function orderDimensions(ids: Iterable<Dimension>): Dimension[] {
  const others = [...new Set(ids)].filter((d) => !isBuiltInDimension(d)).sort();
  return [...BUILT_IN_DIMENSIONS, ...others];
}

/** A dimension's id: one of the three, or one a study's codebook adds (its `extraDimensions`). */
export const DIMENSION_ID_PATTERN = '^[a-z][a-zA-Z0-9-]*$';
export const DimensionSchema = Type.String({ pattern: DIMENSION_ID_PATTERN, description: 'symptom, rootCause, mitigation, or a dimension the study\'s codebook adds.' });
export type Dimension = string;

export const RoleSchema = OneOf(['annotator', 'lead', 'source'], {
  description:
    'Annotators code incidents blind; a lead resolves their disagreements and sees every code; a source is labels from elsewhere (a published data set, a language model) imported as a coder, compared like one but never anyone working on a machine.',
});
export type Role = Static<typeof RoleSchema>;
export const ROLES: readonly Role[] = RoleSchema.enum;

const Id = Type.String({ minLength: 1 });
const Instant = Type.String({ format: 'date-time' });
const Round = Type.Integer({ minimum: 1, description: 'The labelling round (the study labels its sets in rounds, meeting between them).' });

export const PersonSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Random, made on the machine that created the profile, so profiles from two machines never collide.' }),
    name: Type.String({ minLength: 1 }),
    role: RoleSchema,
    createdAt: Instant,
  },
  { additionalProperties: false, title: 'Person', description: 'Someone who codes or leads the study.' },
);
export type Person = Static<typeof PersonSchema>;

/**
 * One saved state of one annotator's code for one incident, dimension and round. Revisions are never changed or
 * deleted (convention 16): a change, a clearing (code '') and an undo are each a new revision pointing at the one
 * before, and the current label is derived.
 */
export const LabelRevisionSchema = Type.Object(
  {
    id: Id,
    incidentId: Id,
    annotatorId: Id,
    dimension: DimensionSchema,
    round: Round,
    code: Type.String({ description: 'Full code path in the codebook, e.g. "degraded-performance/api-level"; empty when the code was cleared.' }),
    secondaryCodes: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        uniqueItems: true,
        description: 'Further codes after the primary one, in the order given (a multi-valued label such as "ERROR, UNAVIL" is ERROR then UNAVIL); absent when there are none.',
      }),
    ),
    rationale: Type.String(),
    codebookId: Id,
    codebookVersion: Type.Integer({ minimum: 1, description: 'The codebook version the code was given under.' }),
    savedAt: Instant,
    previousId: Nullable(Type.String({ minLength: 1 }), { description: 'The revision this one replaced; null for the first.' }),
    migratedTo: Type.Optional(Type.Integer({ minimum: 1, description: 'Written by the codebook change that made this codebook version (a label carried over), not by its coder.' })),
  },
  { additionalProperties: false, title: 'LabelRevision' },
);
export type LabelRevision = Static<typeof LabelRevisionSchema>;

/** An annotator's current code for one incident, dimension and round: the head of its revisions, when not cleared. */
export type Label = Omit<LabelRevision, 'id' | 'previousId'> & { revisionId: string };

/**
 * The lead's decision on one disagreement of two coders in one round: who decided what, when and why, and which two
 * label revisions were decided between. Decisions are revisions too: a changed decision is a new one.
 */
export const ResolutionSchema = Type.Object(
  {
    id: Id,
    incidentId: Id,
    dimension: DimensionSchema,
    round: Round,
    coderA: Id,
    coderB: Id,
    revisionA: Id,
    revisionB: Id,
    codeA: Type.String({ minLength: 1 }),
    codeB: Type.String({ minLength: 1 }),
    code: Type.String({ minLength: 1 }),
    choice: OneOf(['A', 'B', 'other'], { description: 'Which coder\'s code was taken, or "other" for a third code.' }),
    rationale: Type.String({ minLength: 1 }),
    resolvedBy: Type.String({ minLength: 1 }),
    resolvedAt: Instant,
    proposedCodebookChange: Type.String({ description: 'A change to the codebook the disagreement suggests; empty when none.' }),
    previousId: Nullable(Type.String({ minLength: 1 })),
    migratedTo: Type.Optional(Type.Integer({ minimum: 1, description: 'Written by the codebook change that made this codebook version (the decision\'s codes carried over).' })),
  },
  { additionalProperties: false, title: 'Resolution' },
);
export type Resolution = Static<typeof ResolutionSchema>;
