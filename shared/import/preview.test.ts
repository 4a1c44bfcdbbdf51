import { describe, expect, it } from 'vitest';
import { incidentsInSample, planFor, previewImport, settleDatesAt } from './preview.ts';

describe('the mapping screen preview', () => {
  const sample = [
    { id: 'A', headline: 'Disk full', opened: '04/05/2026 10:00', closed: 'N/A' },
    { id: 'B', headline: 'DNS down', opened: '06/07/2026', closed: '08/07/2026 11:30' },
    { id: 'C', headline: 'Queue stuck', opened: 'yesterday', closed: '-' },
    { id: 'D', headline: '', opened: '', closed: '' },
  ];

  it('settles a hand-picked date column, says when nothing decided, and lets placeholders be', () => {
    // "yesterday" is no numeric date, so no one format reads the column.
    expect(settleDatesAt(null, sample, 'opened')).toEqual({ order: 'month-first', ambiguous: true, format: null });
    expect(settleDatesAt(null, sample, 'headline')).toBeNull();
    expect(settleDatesAt(null, sample.slice(0, 2), 'opened')).toEqual({ order: 'month-first', ambiguous: true, format: 'MM/DD/YYYY HH:mm' });
    expect(settleDatesAt(null, sample, 'closed')).toEqual({ order: 'month-first', ambiguous: true, format: 'MM/DD/YYYY HH:mm' });
  });

  it('lists what fields cannot read before the import, and counts the records that become incidents', () => {
    const plan = planFor('t.csv', 'csv', null, { fields: { id: 'id', title: 'headline', createdAt: 'opened' }, dateFormats: { createdAt: 'DD/MM/YYYY' } });
    const preview = previewImport(plan, sample);
    expect(preview.incidents.map((i) => [i.id, i.createdAt])).toEqual([
      ['A', '2026-05-04T10:00:00.000Z'],
      ['B', '2026-07-06T00:00:00.000Z'],
      ['C', null],
    ]);
    expect(preview.warnings).toEqual([expect.objectContaining({ field: 'createdAt', values: [{ value: 'yesterday', rows: 1 }] })]);
    expect(preview.errors).toEqual([expect.objectContaining({ row: 4, field: 'headline' })]);
    expect(incidentsInSample(plan, sample)).toBe(3);
  });
});
