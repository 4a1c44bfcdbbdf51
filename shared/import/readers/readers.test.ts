import { describe, expect, it } from 'vitest';
import { readAll, createRecordReader, detectSourceFormat } from './index.ts';
import { createCsvReader } from './csvReader.ts';
import { createJsonLinesReader, withinTheLine } from './jsonlReader.ts';
import { createChunkDecoder, detectEncoding, judgeEncoding } from '../encoding.ts';

describe('CSV reader', () => {
  const csv = 'id,title,notes\r\n1,"Multi\nline, with comma",a\r\n2,"Quote ""inside""",b\r\n';

  it('keeps quoted multi-line fields whole whatever the chunk size', () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const { records, errors } = readAll(createRecordReader('csv', 'f.csv'), csv, size);
      expect(errors).toEqual([]);
      expect(records).toEqual([
        { row: 1, record: { id: '1', title: 'Multi\nline, with comma', notes: 'a' } },
        { row: 2, record: { id: '2', title: 'Quote "inside"', notes: 'b' } },
      ]);
    }
  });

  it('detects the delimiter and turns repeated columns into lists', () => {
    const { records } = readAll(createRecordReader('csv', 'j.csv'), 'Summary;Comment;Comment;\nA;first;second;x\n');
    expect(records[0]!.record).toEqual({ Summary: 'A', Comment: ['first', 'second'], '(column 4)': 'x' });
  });

  it('names the row of a short row and of an unclosed quote', () => {
    const { records, errors } = readAll(createRecordReader('csv', 'b.csv'), 'a,b\n1,2\n3\n4,"open\n');
    expect(records.map((r) => r.row)).toEqual([1]);
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'b.csv', row: 2, field: '(row)' })]));
    expect(errors.some((e) => e.message.includes('never closed'))).toBe(true);
  });
});

describe('JSON reader', () => {
  const read = (text: string, size = 5) => readAll(createRecordReader('json', 'f.json'), text, size);

  it('streams an array, an object with one list, and an object keyed by id', () => {
    expect(read('[{"title":"a"},{"title":"b"}]').records.map((r) => r.record)).toEqual([{ title: 'a' }, { title: 'b' }]);
    expect(read('{"page":{"id":"p","name":"n"},"incidents":[{"id":"1","updates":[{"x":1}]},{"id":"2"}]}').records.map((r) => r.record)).toEqual([
      { id: '1', updates: [{ x: 1 }] },
      { id: '2' },
    ]);
    expect(read('{"INC-1":{"title":"z"},"INC-2":{"id":"own","title":"y"}}').records.map((r) => r.record)).toEqual([
      { id: 'INC-1', title: 'z' },
      { id: 'own', title: 'y' },
    ]);
  });

  it('reports broken JSON with how far it got, keeping the records before', () => {
    const { records, errors } = read('[{"title":"a"},{"title":');
    expect(records).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'f.json', field: '(file)' });
    expect(read('"just a string"').errors[0]?.field).toBe('(file)');
  });
});

describe('JSON Lines and Markdown readers', () => {
  it('numbers lines and reports a bad one', () => {
    const { records, errors } = readAll(createRecordReader('jsonl', 'e.jsonl'), '{"a":1}\nnot json\n\n{"a":2}', 3);
    expect(records).toEqual([
      { row: 1, record: { a: 1 } },
      { row: 4, record: { a: 2 } },
    ]);
    expect(errors).toEqual([expect.objectContaining({ row: 2, field: '(line)' })]);
  });

  it('reads post-mortem entries under their headings and skips the other lists', () => {
    const md = '# T\n## Config Errors\n\n[Acme](https://a.example/x). A bad push\nbroke it.\n\n## Other lists of postmortems\n\n[List](https://l.example)\n';
    const { records } = readAll(createRecordReader('markdown', 'p.md'), md, 4);
    expect(records).toEqual([{ row: 1, record: { section: 'Config Errors', name: 'Acme', url: 'https://a.example/x', summary: 'A bad push\nbroke it.', line: 4 } }]);
  });

  it('detects the container from the name and the content', () => {
    expect(detectSourceFormat('x.md', '')).toBe('markdown');
    expect(detectSourceFormat('x', '{"a":1}\n{"a":2}')).toBe('jsonl');
    expect(detectSourceFormat('x', '\uFEFF[')).toBe('json');
    expect(detectSourceFormat('x', 'a,b')).toBe('csv');
  });
});

describe('encodings', () => {
  const text = 'id,title\n1,Café ü\n';
  const utf16le = (s: string, bom: boolean) => {
    const bytes = new Uint8Array((bom ? 2 : 0) + s.length * 2);
    if (bom) bytes.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      bytes[(bom ? 2 : 0) + i * 2] = s.charCodeAt(i) & 0xff;
      bytes[(bom ? 2 : 0) + i * 2 + 1] = s.charCodeAt(i) >> 8;
    }
    return bytes;
  };
  const latin1 = Uint8Array.from(text, (ch) => ch.charCodeAt(0));

  it('detects UTF-8, UTF-16 with and without BOM, and Latin-1', () => {
    expect(detectEncoding(new TextEncoder().encode(text))).toBe('utf-8');
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(detectEncoding(utf16le(text, true))).toBe('utf-16le');
    expect(detectEncoding(utf16le(text, false))).toBe('utf-16le');
    expect(detectEncoding(latin1)).toBe('windows-1252');
  });

  it('decodes chunk by chunk without breaking characters, and drops the BOM', () => {
    for (const [bytes, encoding] of [
      [new TextEncoder().encode(`\uFEFF${text}`), 'utf-8'],
      [utf16le(text, true), 'utf-16le'],
      [latin1, 'windows-1252'],
    ] as const) {
      const decoder = createChunkDecoder(encoding);
      let out = '';
      for (let i = 0; i < bytes.length; i += 3) out += decoder.decode(bytes.subarray(i, i + 3));
      out += decoder.end();
      expect(out).toBe(text);
    }
  });
});

describe('readers hold for any file', () => {
  const small = { recordChars: 40, depth: 64, columns: 10_000 };

  it('CSV: a row past the record limit is reported by its row and skipped; the rows after it are read', () => {
    const long = `2,${'x'.repeat(100)}`;
    const text = `id,title\n1,short\n${long}\n3,after\n`;
    for (const size of [1, 7, 1000]) {
      const reader = createCsvReader('l.csv', small);
      const { records, errors } = readAll(reader, text, size);
      expect(records.map((r) => (r.record as Record<string, string>).id)).toEqual(['1', '3']);
      expect(records.map((r) => r.row)).toEqual([1, 3]);
      expect(errors).toEqual([expect.objectContaining({ file: 'l.csv', row: 2, field: '(row)' })]);
      expect(errors[0]!.message).toContain(`${Math.ceil(long.length / 1024)} KiB`);
    }
  });

  it('CSV: a first line past the limit makes the file unreadable, with a message', () => {
    const { records, errors } = readAll(createCsvReader('one-line.csv', small), 'a,'.repeat(200), 16);
    expect(records).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ file: 'one-line.csv', row: 0, field: '(header)' })]);
  });

  it('CSV: a quote that never closes is reported once the record passes the limit, not held', () => {
    const text = `id,title\n1,"open\n${'y,'.repeat(50)}\n`;
    const { records, errors } = readAll(createCsvReader('q.csv', small), text, 5);
    expect(records).toEqual([]);
    expect(errors[0]).toMatchObject({ row: 1, field: '(row)' });
    expect(errors[0]!.message).toContain('never closes');
  });

  it('CSV: LF, CR LF and CR in one file each end a record, also split across chunks', () => {
    const text = 'id,title\r\n1,a\r2,b\n3,c\r\n4,"multi\r\nline"\r';
    for (const size of [1, 2, 3, 64]) {
      const { records, errors } = readAll(createCsvReader('m.csv'), text, size);
      expect(errors).toEqual([]);
      expect(records.map((r) => r.record)).toEqual([
        { id: '1', title: 'a' },
        { id: '2', title: 'b' },
        { id: '3', title: 'c' },
        { id: '4', title: 'multi\nline' },
      ]);
    }
  });

  it('CSV: columns named like Object.prototype members are ordinary columns, repeated or not', () => {
    const { records, errors } = readAll(createCsvReader('p.csv'), 'id,constructor,toString,__proto__,toString,hasOwnProperty\n1,c,t1,p,t2,h\n');
    expect(errors).toEqual([]);
    const record = records[0]!.record as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['id', 'constructor', 'toString', '__proto__', 'hasOwnProperty']);
    expect(record.constructor).toBe('c');
    expect(record.toString).toEqual(['t1', 't2']);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('p');
    expect(JSON.parse(JSON.stringify(record))).toEqual({ id: '1', constructor: 'c', toString: ['t1', 't2'], ['__proto__']: 'p', hasOwnProperty: 'h' });
  });

  it('CSV: a stray quote in an unquoted field is text, and costs no more than a file without it', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},Disk ${i % 7}${i === 3 ? '"' : ''} replaced`);
    const { records, errors } = readAll(createCsvReader('s.csv'), `id,title\n${rows.join('\n')}\n`, 4096);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(20_000);
    expect((records[3]!.record as Record<string, string>).title).toBe('Disk 3" replaced');
  });

  it('JSON Lines: a line past the limit is reported and skipped; mixed line endings each end a line', () => {
    const text = `{"a":1}\r{"a":"${'z'.repeat(100)}"}\r\n{"a":3}\n{"a":4}`;
    for (const size of [1, 9, 1000]) {
      const { records, errors } = readAll(createRecordReader('jsonl', 'j.jsonl'), text, size);
      expect(records).toHaveLength(4);
      const limited = readAll(createJsonLinesReader('j.jsonl', small), text, size);
      expect(limited.records.map((r) => [r.row, r.record])).toEqual([
        [1, { a: 1 }],
        [3, { a: 3 }],
        [4, { a: 4 }],
      ]);
      expect(limited.errors).toEqual([expect.objectContaining({ row: 2, field: '(line)' })]);
      expect(errors).toEqual([]);
    }
  });

  it('JSON: a "__proto__" key is kept as data', () => {
    const { records } = readAll(createRecordReader('json', 'p.json'), '[{"title":"t","__proto__":{"x":1},"constructor":"c"}]', 3);
    const record = records[0]!.record as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['title', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(record)).not.toEqual({ x: 1 });
  });
});

describe('judging a file that is not quite UTF-8', () => {
  const bytes = (...parts: Array<string | number[]>) => {
    const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) out.set(c, (at += c.length) - c.length);
    return out;
  };

  it('keeps UTF-8 when the file has good UTF-8 characters and a few bad bytes, and says so', () => {
    const head = bytes('id,title\nU1,Café outage\nU2,Bad ', [0xff, 0xfe], ' bytes\n');
    const judged = judgeEncoding(head);
    expect(judged.encoding).toBe('utf-8');
    expect(judged.note).toContain(`offset ${head.indexOf(0xff)}`);
  });

  it('takes a file with no UTF-8 characters and high bytes for Latin-1, and says why', () => {
    const judged = judgeEncoding(Uint8Array.from('id,title\n1,Caf\u00e9\n', (c) => c.charCodeAt(0)));
    expect(judged.encoding).toBe('windows-1252');
    expect(judged.note).toMatch(/not valid UTF-8/);
    expect(judgeEncoding(new TextEncoder().encode('id,title\n1,Café\n'))).toEqual({ encoding: 'utf-8', note: null });
  });

  it('counts lines ended by CR alone too, and catches a character cut across three small chunks', () => {
    const file = bytes('a\rb\r', [0xff], '\rc,', [0xe2, 0x82], 'x\n');
    for (const size of [1, 2, 64]) {
      const decoder = createChunkDecoder('utf-8');
      for (let i = 0; i < file.length; i += size) decoder.decode(file.subarray(i, i + size));
      decoder.end();
      expect(decoder.takeProblems()).toEqual([
        { byteOffset: 4, byte: 0xff, line: 3 },
        { byteOffset: 8, byte: 0xe2, line: 4 },
      ]);
    }
  });

  it('names the line of each bad byte, across chunks', () => {
    const file = bytes('a\nb\n', [0xc3], '\nd', [0xe2], [0x28], '\n');
    const decoder = createChunkDecoder('utf-8');
    for (let i = 0; i < file.length; i += 3) decoder.decode(file.subarray(i, i + 3));
    decoder.end();
    expect(decoder.takeProblems()).toEqual([
      { byteOffset: 4, byte: 0xc3, line: 3 },
      { byteOffset: 7, byte: 0xe2, line: 4 },
    ]);
  });
});

describe('where a broken record lies in the file', () => {
  it('names the file lines an open quote swallowed, across chunks', () => {
    const csv = 'id,title,note\nS1,He said "hi",ok\nS2,"Unclosed title,x\nS3,Normal,"multi\nline"\nS4,Last,end\n';
    for (const size of [3, 1000]) {
      const { records, errors } = readAll(createCsvReader('s.csv'), csv, size);
      expect(records.map((r) => (r.record as Record<string, string>).id)).toEqual(['S1', 'S4']);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ row: 2, field: '(row)' });
      expect(errors[0]!.message).toContain('file lines 3–5');
    }
  });

  it('names the lines a quote that never closes takes to the end of the file, once per kind of problem', () => {
    const csv = 'id,title,x\n1,ok,a\n2,"Broken,b\n3,Third "quoted" row,c\n4,four,d\n';
    const reader = createCsvReader('q.csv');
    const { records, errors } = readAll(reader, csv, 4);
    expect(records).toHaveLength(1);
    expect(reader.rowsRead()).toBe(2);
    expect(errors.map((e) => e.row)).toEqual([2, 2]);
    for (const e of errors) expect(e.message).toContain('file lines 3–5');
  });

  it('keeps file line numbers true after a record dropped for its length', () => {
    const limits = { recordChars: 40, depth: 64, columns: 10_000 };
    const tail = 'c,d\ne\n"f\ng",h,i\n';
    for (const long of [`${'x'.repeat(80)},z\n`, `"${'x\n'.repeat(30)}",z\n`]) {
      const extraLines = long.split('\n').length - 1;
      for (const size of [3, 1000]) {
        const { errors } = readAll(createCsvReader('l.csv', limits), `h1,h2\na,b\n${long}${tail}`, size);
        const fieldCount = errors.find((e) => e.message.includes('has 3 fields'));
        expect(fieldCount?.message).toContain(`file lines ${5 + extraLines}–${6 + extraLines}`);
      }
    }
  });

  it('says which column of a JSON Lines line is wrong without calling it line 1', () => {
    const { errors } = readAll(createRecordReader('jsonl', 'l.jsonl'), '{"a":1}\n\n{"a": tru}\n');
    expect(errors).toEqual([expect.objectContaining({ row: 3, field: '(line)' })]);
    expect(errors[0]!.message).not.toMatch(/line 1 column/);
    // Chromium's wording (Node's has no position):
    expect(withinTheLine(`Unexpected token 't', "{"a": tru}" is not valid JSON at position 6 (line 1 column 7)`)).toBe(
      `Unexpected token 't', "{"a": tru}" is not valid JSON at position 6 (column 7 of this line)`,
    );
  });
});
