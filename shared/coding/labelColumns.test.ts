import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeRevision } from '../model/testFactories.ts';
import { applyHeadsToColumns, bucketOf, buildLabelColumns, columnKey, labelsFromColumns, tallyColumns, LABEL_COLUMN_BUCKETS, type CodedLabel, type LabelColumn } from './labelColumns.ts';

const sortLabels = (labels: CodedLabel[]) => [...labels].sort((a, b) => `${a.round}|${a.annotatorId}|${a.dimension}|${a.incidentId}`.localeCompare(`${b.round}|${b.annotatorId}|${b.dimension}|${b.incidentId}`));

describe('label columns', () => {
  it('give back every label they were built from, whatever the ids hold', () => {
    const label = fc.record({
      incidentId: fc.string({ minLength: 1, maxLength: 12 }),
      annotatorId: fc.constantFrom('a', 'b'),
      dimension: fc.constantFrom('symptom' as const, 'rootCause' as const, 'mitigation' as const),
      round: fc.integer({ min: 1, max: 3 }),
      code: fc.string({ minLength: 1, maxLength: 10 }),
      codebookVersion: fc.integer({ min: 1, max: 5 }),
      secondary: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }),
    });
    // Secondary codes keep their order and never repeat the primary (cleanSecondaryCodes stores them so).
    const asLabel = ({ secondary, ...l }: { secondary: string[] } & CodedLabel): CodedLabel => {
      const secondaryCodes = secondary.filter((c) => c !== l.code);
      return secondaryCodes.length ? { ...l, secondaryCodes } : l;
    };
    fc.assert(
      fc.property(fc.uniqueArray(label, { selector: (l) => `${l.round}|${l.annotatorId}|${l.dimension}|${l.incidentId}`, maxLength: 60 }), (generated) => {
        const labels = generated.map(asLabel);
        expect(sortLabels(labelsFromColumns(buildLabelColumns(labels)))).toEqual(sortLabels(labels));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a damaged column instead of looping over it', () => {
    const column = { round: 1, annotatorId: 'a', dimension: 'symptom' as const, bucket: 0, codes: ['p'], lines: 'x\t0\t1' };
    expect(() => labelsFromColumns([column])).toThrow(/damaged/);
    expect(() => labelsFromColumns([{ ...column, lines: 'x\n' }])).toThrow(/damaged/);
  });

  it('spreads ids over the buckets the same way every time', () => {
    expect(bucketOf('INC-1')).toBe(bucketOf('INC-1'));
    const used = new Set(Array.from({ length: 2000 }, (_, i) => bucketOf(`INC-${i}`)));
    expect(used.size).toBe(LABEL_COLUMN_BUCKETS);
  });

  it('a change rewrites only its bucket; a cleared code leaves the column', async () => {
    const stored = new Map<string, LabelColumn>();
    const save = (columns: LabelColumn[]) => columns.forEach((c) => stored.set(columnKey(c).join('|'), c));
    const read = (key: [number, string, string, number]) => stored.get(key.join('|'));
    const apply = async (...revisions: Parameters<typeof makeRevision>[]) => applyHeadsToColumns(revisions.map((r) => makeRevision(...r)), read);
    const first = await apply(['1', { incidentId: 'x', code: 'p' }], ['2', { incidentId: 'y', code: 'q' }]);
    expect(first.reduce((s, c) => s + c.delta, 0)).toBe(2);
    save(first.map((c) => c.column));
    const changed = await apply(['3', { incidentId: 'x', code: 'r', codebookVersion: 2 }]);
    expect(changed.map((c) => [c.column.bucket, c.delta])).toEqual([[bucketOf('x'), 0]]);
    save(changed.map((c) => c.column));
    const cleared = await apply(['4', { incidentId: 'y', code: '' }]);
    expect(cleared.map((c) => c.delta)).toEqual([-1]);
    save(cleared.map((c) => c.column));
    expect(tallyColumns(stored.values()).map((t) => t.count)).toEqual([1]);
    expect(labelsFromColumns(stored.values()).map((l) => [l.incidentId, l.code, l.codebookVersion])).toEqual([['x', 'r', 2]]);
  });
});
