import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { generatedSchemas, schemaFileText } from './schemaFiles.ts';

const schemasFolder = new URL('../../schemas/', import.meta.url);

describe('schemas/ is generated from the declarations in shared/ (convention 11)', () => {
  const generated = generatedSchemas();

  it('every committed schema is exactly the generated one', () => {
    for (const [fileName, text] of Object.entries(generated)) {
      const path = new URL(fileName, schemasFolder);
      expect(existsSync(path), `schemas/${fileName} is missing; run npm run schemas`).toBe(true);
      expect(readFileSync(path, 'utf8'), `schemas/${fileName} differs from its declaration in shared/; run npm run schemas`).toBe(text);
    }
  });

  it('schemas/ holds no schema that no declaration generates', () => {
    const committed = readdirSync(schemasFolder).filter((f) => f.endsWith('.json'));
    expect(committed.sort(), 'a schema in schemas/ has no declaration in shared/; declare it there and run npm run schemas').toEqual(Object.keys(generated).sort());
  });

  it('each generated schema is draft-07 with its own $id, and compiles', () => {
    const ajv = new Ajv({ allErrors: true, validateFormats: false });
    for (const [fileName, text] of Object.entries(generated)) {
      const schema = JSON.parse(text) as { $schema: string; $id: string; title: unknown };
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.$id).toBe(`https://incident-workbench.local/schemas/${fileName}`);
      expect(typeof schema.title, `${fileName} has a title`).toBe('string');
      expect(() => ajv.compile(schema), fileName).not.toThrow();
      expect(text.endsWith('}\n')).toBe(true);
    }
  });

  it('a recursive shape becomes one definition referred to from each use and from inside itself', () => {
    const Node = Type.Recursive((This) => Type.Object({ name: Type.String(), children: Type.Optional(Type.Array(This)) }), { $id: 'Node' });
    const schema = JSON.parse(schemaFileText('tree.schema.json', Type.Object({ left: Node, right: Node }, { title: 'Tree' })));
    expect(schema.properties).toEqual({ left: { $ref: '#/definitions/Node' }, right: { $ref: '#/definitions/Node' } });
    expect(schema.definitions.Node.properties.children).toEqual({ type: 'array', items: { $ref: '#/definitions/Node' } });
    expect(schema.definitions.Node.$id).toBeUndefined();
    const validate = new Ajv().compile(schema);
    expect(validate({ left: { name: 'a', children: [{ name: 'b' }] }, right: { name: 'c' } })).toBe(true);
    expect(validate({ left: { name: 'a', children: [{ name: 2 }] }, right: { name: 'c' } })).toBe(false);
  });

  it('writes keywords in a stable order whatever order the declaration gave them in', () => {
    const a = schemaFileText('x.schema.json', Type.String({ minLength: 1, title: 'X', description: 'd' }));
    const b = schemaFileText('x.schema.json', Type.String({ description: 'd', title: 'X', minLength: 1 }));
    expect(a).toBe(b);
    expect(Object.keys(JSON.parse(a))).toEqual(['$schema', '$id', 'title', 'description', 'type', 'minLength']);
  });
});
