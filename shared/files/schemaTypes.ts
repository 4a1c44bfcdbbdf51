import { Type, type SchemaOptions, type Static, type TOptional, type TSchema, type TUnsafe } from '@sinclair/typebox';

/**
 * The few shapes the file declarations need that TypeBox writes less plainly than a JSON Schema would. TypeBox
 * spells a choice of strings as `anyOf` of constants, and a nullable value as `anyOf` with null; ajv then reports
 * one error per branch ("must be equal to constant" four times), where `enum` gives the one sentence the CLI prints
 * ("mapping.durationUnit must be one of seconds, minutes, hours, days"). These keep the generated schemas in the
 * plain form (`enum`, `type: [..., "null"]`) the hand-written ones had, with the same static types.
 */

/** One of a fixed list of values (`enum`); the list stays readable as `.enum`, so value lists derive from it. */
export function OneOf<const T extends readonly (string | number)[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> & { enum: T } {
  return Type.Unsafe<T[number]>({ ...options, enum: [...values] }) as TUnsafe<T[number]> & { enum: T };
}

/** The schema's value or null: null joins its `enum`, or its `type` becomes `[type, "null"]`. */
export function Nullable<T extends TSchema>(schema: T, options: SchemaOptions = {}): TUnsafe<Static<T> | null> {
  // Through JSON, so TypeBox's own (symbol-keyed) marks on the inner schema do not come along.
  const plain = JSON.parse(JSON.stringify(schema)) as { type?: unknown; enum?: unknown[] };
  if (Array.isArray(plain.enum)) return Type.Unsafe<Static<T> | null>({ ...plain, ...options, enum: [...plain.enum, null] });
  if (typeof plain.type !== 'string') throw new Error(`Nullable needs a schema with one type or an enum, not ${JSON.stringify(plain)}`);
  return Type.Unsafe<Static<T> | null>({ ...plain, ...options, type: [plain.type, 'null'] });
}

/** An object whose keys are data (a value map read from a file) and whose values all match `value`. */
export function KeyedBy<T extends TSchema>(value: T, options: SchemaOptions = {}): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({ ...options, type: 'object', additionalProperties: JSON.parse(JSON.stringify(value)) as unknown });
}

/** The same optional property under each of `keys`: `{ [key]?: schema }` for Type.Object. */
export function OptionalEach<const K extends string, T extends TSchema>(keys: readonly K[], schema: T): { [P in K]: TOptional<T> } {
  return Object.fromEntries(keys.map((key) => [key, Type.Optional(schema)])) as unknown as { [P in K]: TOptional<T> };
}

/** The same required property under each of `keys`: `{ [key]: schema }` for Type.Object. */
export function RequiredEach<const K extends string, T extends TSchema>(keys: readonly K[], schema: T): { [P in K]: T } {
  return Object.fromEntries(keys.map((key) => [key, schema])) as { [P in K]: T };
}
