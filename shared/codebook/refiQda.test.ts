import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook, type CodeNode, type Codebook } from './codebook.ts';
import { guidOf, readQdc, writeQdc } from './refiQda.ts';

const codebookXsd = readFileSync(new URL('../../tests/fixtures/refi-qda/Codebook.xsd', import.meta.url), 'utf8');
const validate = (xml: string) => validateXML({ xml: [{ fileName: 'codebook.qdc', contents: xml }], schema: [{ fileName: 'Codebook.xsd', contents: codebookXsd }] });

/** A codebook as data, with empty child lists left out (the two mean the same tree). */
function normalize(codebook: Codebook): unknown {
  const node = (n: CodeNode): unknown => {
    const { children, ...rest } = n;
    return children?.length ? { ...rest, children: children.map(node) } : rest;
  };
  return { ...codebook, dimensions: Object.fromEntries(Object.entries(codebook.dimensions).map(([d, nodes]) => [d, nodes.map(node)])) };
}

/** A codebook with every field the format has no place for, and text that needs escaping. */
function richCodebook(): Codebook {
  const codebook = loadDefaultCodebook();
  const network = codebook.dimensions.rootCause[0]!.children![1]!;
  Object.assign(network, { include: 'DNS & <routing> "faults"', exclude: "Storage network → use 'storage'", examples: ['INC-1', 'INC-2'] });
  codebook.dimensions.rootCause[0]!.children![2]!.retired = true;
  codebook.dimensions.symptom[0]!.children![0]!.description = 'Line one\nLine two\n\nInclude: not a label, part of the definition';
  codebook.dimensions.mitigation.push({ code: 'deep', name: 'Deep', children: [{ code: 'deeper', name: 'Deeper', children: [{ code: 'deepest', name: 'Deepest ✓' }] }] });
  codebook.extraDimensions = [{ id: 'detection-gap', name: 'Detection gap <late>', codes: [{ code: 'no-alert', name: 'No alert', description: 'Nobody was paged.' }] }];
  return codebook;
}

describe('REFI-QDA codebook (.qdc)', () => {
  it('exports a file the standard\'s codebook schema accepts', async () => {
    const result = await validate(writeQdc(richCodebook()));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The check bites: a code without its GUID is refused.
    const broken = await validate(writeQdc(loadDefaultCodebook()).replace(/ guid="[^"]+"/, ''));
    expect(broken.valid).toBe(false);
  });

  it('imports an exported codebook back equal, notes, examples, retired codes and all', () => {
    for (const codebook of [loadDefaultCodebook(), richCodebook()]) {
      const read = readQdc(writeQdc(codebook), 'x.qdc');
      if (!read.ok) throw new Error(read.message);
      expect(normalize(read.codebook)).toEqual(normalize(codebook));
      expect(read.warnings).toEqual([]);
    }
  });

  it('writes the same bytes for the same codebook (GUIDs come from the codes)', () => {
    expect(writeQdc(loadDefaultCodebook())).toBe(writeQdc(loadDefaultCodebook()));
    expect(guidOf('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(guidOf('a')).not.toBe(guidOf('b'));
  });

  it('reads the standard\'s own example (another tool\'s file) into the dimension asked for', () => {
    const example = `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" xmlns:qda="urn:QDA-XML:codebook:1.0">
<Codes>
<Code guid="{5215cc69-b628-4e02-afb9-9beeaee55808}" name="Topics" isCodable="false"></Code>
<Code guid="{d7aa29da-519b-4946-9b90-253b6db8fd0a}" name="Economy" isCodable="true" color="#ffff00"><Description>Anything about jobs or taxes or business</Description></Code>
<Code guid="{0dcef2f5-e55c-49da-8c33-9b0803c7aeb4}" name="Health care" isCodable="true" color="#33cc33"><Description>Health care issues, doctor, patients, etc.</Description></Code>
<Code guid="{0dcef2f5-e55c-49da-8c33-9b0803c7aeb5}" name="Health Care" isCodable="true"/>
</Codes>
</CodeBook>`;
    const read = readQdc(example, 'topics.qdc', 'rootCause');
    if (!read.ok) throw new Error(read.message);
    expect(read.codebook.dimensions.rootCause.map((c) => [c.code, c.name, c.retired ?? false])).toEqual([
      ['topics', 'Topics', true],
      ['economy', 'Economy', false],
      ['health-care', 'Health care', false],
      ['health-care-2', 'Health Care', false],
    ]);
    expect(read.codebook.dimensions.rootCause[1]!.description).toBe('Anything about jobs or taxes or business');
    expect(read.codebook.dimensions.symptom).toEqual([]);
    expect(read.warnings).toEqual(['Codes (code 4): the code "health-care" is there twice; the second is "health-care-2"']);
  });

  it('refuses what is not a codebook, naming the file', () => {
    expect(readQdc('<Project/>', 'p.qdc')).toEqual({ ok: false, message: 'p.qdc: is not a REFI-QDA codebook (its root element is not CodeBook)' });
    expect(readQdc('not xml at all', 'n.qdc')).toMatchObject({ ok: false });
    expect(readQdc('<?xml version="1.0"?><CodeBook><Codes><Code name="unclosed"></Codes>', 'b.qdc')).toEqual({ ok: false, message: 'b.qdc: is not well-formed XML: the element <Code> is never closed' });
    expect(readQdc(writeQdc(loadDefaultCodebook()).replace('</Codes>', ''), 'c.qdc')).toMatchObject({ ok: false, message: expect.stringContaining('is not well-formed XML') });
    expect(readQdc('<CodeBook xmlns="urn:other"><Codes/></CodeBook>', 'o.qdc')).toEqual({ ok: false, message: 'o.qdc: has the namespace urn:other, not urn:QDA-XML:codebook:1.0' });
    expect(readQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes></Codes></CodeBook>', 'e.qdc')).toEqual({ ok: false, message: 'e.qdc: has no codes' });
    // A file that names the codebook with nothing would store a codebook the app could not write again.
    const unnamed = writeQdc(loadDefaultCodebook()).replace(/<Set guid="([^"]+)" name="[^"]*">/, '<Set guid="$1" name="">');
    expect(readQdc(unnamed, 'u.qdc')).toMatchObject({ ok: false, message: expect.stringContaining('u.qdc: gives a codebook that is not valid: /name') });
    const deep = `<CodeBook><Codes>${'<Code name="x" guid="1" isCodable="true">'.repeat(80)}${'</Code>'.repeat(80)}</Codes></CodeBook>`;
    expect(readQdc(deep, 'd.qdc')).toMatchObject({ ok: false, message: expect.stringContaining('deeper than 64 levels') });
  });
});
