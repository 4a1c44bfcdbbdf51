import { describe, expect, it } from 'vitest';
import { HIDDEN_LABEL, recordForCoders, recordTextFields } from './recordFields.ts';

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
    expect(recordTextFields(record).labels).toBe(0);
    const many = recordTextFields({ list: Array.from({ length: 10 }, (_, i) => `v${i}`) }, { fields: 4, depth: 5 });
    expect([many.fields.length, many.more]).toEqual([4, 6]);
  });

  it('never shows a coder the data set\'s own labels, in the fields or in the raw record', () => {
    const record = { title: 'x', label_user_symptom_category: 'ERROR', 'root cause': { details: 'disk', label: [{ 'layer-1': 'hardware' }] }, root_cause_category: 'CONFIG' };
    const { fields, labels } = recordTextFields(record);
    expect(fields.map((f) => f.path)).toEqual(['title', 'root cause.details']);
    expect(labels).toBe(3);
    const shown = recordForCoders(record) as Record<string, unknown>;
    expect(JSON.stringify(shown)).not.toMatch(/ERROR|hardware|CONFIG/);
    expect(shown.label_user_symptom_category).toBe(HIDDEN_LABEL);
    expect((shown['root cause'] as Record<string, unknown>).details).toBe('disk');
  });
});
