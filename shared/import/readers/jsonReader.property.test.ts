import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createJsonReader } from './jsonReader.ts';
import { readAll } from './index.ts';

const RUNS = 1000;
const small = { recordChars: 60, depth: 64, columns: 10_000 };

/** Cuts `text` at the given points and reads it chunk by chunk. */
function readCut(text: string, cuts: number[], limits = undefined as typeof small | undefined) {
  const reader = createJsonReader('p.json', limits);
  const records: unknown[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    for (const r of reader.push(text.slice(from, cut))) records.push(r.record);
    from = cut;
  }
  for (const r of reader.push(text.slice(from))) records.push(r.record);
  for (const r of reader.end()) records.push(r.record);
  return { records, errors: reader.takeErrors(), rows: reader.rowsRead() };
}

const record = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('the streamed JSON reader gives what JSON.parse gives for the whole document', () => {
  it('for 1,000 top-level arrays of records (any values, escapes, unicode), cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.boolean(), cuts, (records, pretty, cutSeeds) => {
        const text = JSON.stringify(records, null, pretty ? 2 : undefined);
        const got = readCut(text, cutSeeds.map((c) => c % (text.length + 1)));
        expect(got.errors).toEqual([]);
        expect(got.records).toEqual(JSON.parse(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('for 1,000 objects holding a list of records beside other properties, and objects keyed by id', () => {
    fc.assert(
      fc.property(fc.array(record.filter((r) => Object.keys(r).length > 0), { minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), cuts, (records, other, cutSeeds) => {
        const listed = JSON.stringify({ page: { id: 'p', other }, incidents: records, components: [1, 2] });
        expect(readCut(listed, cutSeeds.map((c) => c % (listed.length + 1))).records).toEqual((JSON.parse(listed) as { incidents: unknown[] }).incidents);
        // Records keyed by id have a text or number of their own (a value of only objects and lists is a wrapper).
        const keyedText = JSON.stringify(Object.fromEntries(records.map((r, i) => [`INC-${i}`, { ...r, title: `t${i}` }])));
        const whole = JSON.parse(keyedText) as Record<string, Record<string, unknown>>;
        const expected = Object.entries(whole).map(([id, r]) => (Object.prototype.hasOwnProperty.call(r, 'id') ? r : { id, ...r }));
        expect(readCut(keyedText, cutSeeds.map((c) => c % (keyedText.length + 1))).records).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the JSON reader holds for any file', () => {
  it('reports a record past the limit by its row, holds none of it, and reads the records after it', () => {
    const text = JSON.stringify([{ title: 'a' }, { title: 'x'.repeat(200) }, { title: 'c' }]);
    for (const size of [1, 7, 1000]) {
      const reader = createJsonReader('big.json', small);
      const { records, errors } = readAll(reader, text, size);
      expect(records.map((r) => [r.row, r.record])).toEqual([
        [1, { title: 'a' }],
        [3, { title: 'c' }],
      ]);
      expect(errors).toEqual([expect.objectContaining({ file: 'big.json', row: 2, field: '(record)' })]);
      expect(reader.rowsRead()).toBe(3);
    }
  });

  it('a broken record is a row error and the rest of the list is still read', () => {
    const { records, errors } = readAll(createJsonReader('b.json'), '{"incidents":[{"title":"a"},{"title":tru},{"title":"c"}]}', 5);
    expect(records.map((r) => [r.row, r.record])).toEqual([
      [1, { title: 'a' }],
      [3, { title: 'c' }],
    ]);
    expect(errors).toEqual([expect.objectContaining({ row: 2, field: '(record)' })]);
  });

  it('finds the records inside a wrapper: a list a few levels down, or an object keyed by id under a property', () => {
    const records = [{ title: 'a', sev: 1 }, { title: 'b', sev: 2 }];
    const read = (doc: unknown) => readAll(createJsonReader('w.json'), JSON.stringify(doc), 7).records.map((r) => r.record);
    expect(read({ data: { incidents: records } })).toEqual(records);
    expect(read({ result: { page: { items: records } } })).toEqual(records);
    expect(read({ meta: { exported: '2026-01-01', count: 2 }, incidents: { K1: records[0], K2: records[1] } })).toEqual([
      { id: 'K1', ...records[0] },
      { id: 'K2', ...records[1] },
    ]);
    // A file keyed by id whose records hold lists of their own is still one record per key.
    const keyed = { 'INC-1': { title: 'x', updates: [{ body: 'u' }] }, 'INC-2': { title: 'y', updates: [] } };
    expect(read(keyed)).toEqual([
      { id: 'INC-1', ...keyed['INC-1'] },
      { id: 'INC-2', ...keyed['INC-2'] },
    ]);
  });

  it('does not take a small file keyed by id for a wrapper, and reports a broken keyed or listed record on its row', () => {
    const read = (text: string) => readAll(createJsonReader('k.json'), text, 5);
    const onlyObjects = { ID1: { summary: { text: 's1' } }, ID2: { summary: { text: 's2' } }, ID3: { summary: { text: 's3' } }, ID4: { summary: { text: 's4' } } };
    expect(read(JSON.stringify(onlyObjects)).records.map((r) => (r.record as { id: string }).id)).toEqual(['ID1', 'ID2', 'ID3', 'ID4']);
    expect(read('{"K1":{"title":"a"},"K2":{"title":"b"},"K3":{"meta":{"x":1}}}').records.map((r) => (r.record as { id: string }).id)).toEqual(['K1', 'K2', 'K3']);
    const keyed = read('{"K1": {"a": 1,}, "K2": {"a": 2}}');
    expect(keyed.records.map((r) => [r.row, r.record])).toEqual([[2, { id: 'K2', a: 2 }]]);
    expect(keyed.errors).toEqual([expect.objectContaining({ row: 1, field: 'K1' })]);
    const listed = read('{"incidents": [{"a": 1,}, {"a": 2}]}');
    expect(listed.records.map((r) => [r.row, r.record])).toEqual([[2, { a: 2 }]]);
    expect(listed.errors).toEqual([expect.objectContaining({ row: 1, field: '(record)' })]);
  });

  it('a truncated or empty document says so, keeping the records before the cut', () => {
    const cut = readAll(createJsonReader('t.json'), '[{"title":"a"},{"title":"b"},{"tit', 4);
    expect(cut.records).toHaveLength(2);
    expect(cut.errors).toEqual([expect.objectContaining({ field: '(file)', message: expect.stringContaining('after 2 record(s)') })]);
    expect(readAll(createJsonReader('e.json'), '  ').errors).toEqual([expect.objectContaining({ row: 0, field: '(file)' })]);
    expect(readAll(createJsonReader('s.json'), '"just a string"').errors[0]?.message).toMatch(/not a JSON array or object/);
  });

  it('a record nested 5,000 levels deep is read as text, not by a recursive parser, and the others survive', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const { records, errors } = readAll(createJsonReader('d.json'), `[{"title":"ok"},${deep},{"title":"also ok"}]`, 4096);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(3); // the depth limit is applied by the import loop (screenRecords), per record
  });
});
