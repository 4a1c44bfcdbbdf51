import { FormatRegistry, TypeRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { SchemaValidator } from './readFile.ts';

/**
 * A validator straight from a TypeBox declaration, for files read where ajv's compiled code may not run (the
 * renderer's content security policy forbids eval). TypeBox checks by walking the schema, so it needs no eval.
 */

// The formats the declarations use; TypeBox refuses a format it has not been told about.
if (!FormatRegistry.Has('date')) {
  // A calendar date as YYYY-MM-DD that exists (2024-02-30 does not).
  FormatRegistry.Set('date', (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value);
}
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));
}

/**
 * OneOf and Nullable (schemaTypes.ts) write plain JSON Schema through Type.Unsafe, which TypeBox's checker does not
 * walk by itself: an `enum`, or a `type` list with "null" and the keywords of the one other type. This checks them.
 */
function checkPlain(schema: Record<string, unknown>, value: unknown): boolean {
  if (Array.isArray(schema.enum)) return schema.enum.includes(value as never);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (value === null) return types.includes('null');
  const type = types.find((t) => t !== 'null');
  if (type === 'string') {
    if (typeof value !== 'string') return false;
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
    if (typeof schema.format === 'string' && FormatRegistry.Has(schema.format) && !FormatRegistry.Get(schema.format)!(value)) return false;
    return typeof schema.pattern !== 'string' || new RegExp(schema.pattern).test(value);
  }
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) return false;
    return typeof schema.minimum !== 'number' || value >= schema.minimum;
  }
  if (type === 'boolean') return typeof value === 'boolean';
  // Never reached by the declarations (an object or null is a Type.Union); a schema it cannot check refuses the value.
  return false;
}
if (!TypeRegistry.Has('Unsafe')) TypeRegistry.Set('Unsafe', (schema, value) => checkPlain(schema as Record<string, unknown>, value));

/** What a value must be, in the words a reader expects (TypeBox names its own kinds, e.g. "expected kind 'Unsafe'"). */
function describe(schema: Record<string, unknown>, fallback: string): string {
  if (Array.isArray(schema.enum)) return `must be one of ${schema.enum.map((v) => (v === null ? 'null' : String(v))).join(', ')}`;
  if (Array.isArray(schema.type)) {
    const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
    return `must be ${(schema.type as string[]).join(' or ')}${format}`;
  }
  return fallback.toLowerCase();
}

/** At most this many problems are described per value: a wholly wrong file needs no ten thousand lines. */
const MAX_ISSUES = 20;

export function typeboxValidator(schema: TSchema): SchemaValidator {
  const validate: SchemaValidator = (value: unknown) => {
    if (Value.Check(schema, value)) {
      validate.errors = null;
      return true;
    }
    const issues = [];
    for (const error of Value.Errors(schema, value)) {
      issues.push({ instancePath: error.path, keyword: 'typebox', params: {}, message: describe(error.schema as Record<string, unknown>, error.message) });
      if (issues.length >= MAX_ISSUES) break;
    }
    validate.errors = issues;
    return false;
  };
  return validate;
}
