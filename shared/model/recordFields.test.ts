import { describe, expect, it } from 'vitest';
import { recordTextFields } from './recordFields.ts';

describe('record text fields', () => {
  it('lists every leaf value with its path, in order, keys such as constructor included', () => {
    const record = Object.assign(Object.create(null) as Record<string, unknown>, {
      title: 'Outage',
      constructor: 'x',
      updates: [{ body: 'first' }, { body: '' }, { body: 'third', at: 3 }],
      nested: { deep: { flag: true } },
      empty: null,
    });
    expect(recordTextFields(record).fields).toEqual([
      { path: 'title', text: 'Outage' },
      { path: 'constructor', text: 'x' },
      { path: 'updates[0].body', text: 'first' },
      { path: 'updates[2].body', text: 'third' },
      { path: 'updates[2].at', text: '3' },
      { path: 'nested.deep.flag', text: 'true' },
    ]);
    const many = recordTextFields({ list: Array.from({ length: 10 }, (_, i) => `v${i}`) }, { fields: 4, depth: 5 });
    expect([many.fields.length, many.more]).toEqual([4, 6]);
  });
});
