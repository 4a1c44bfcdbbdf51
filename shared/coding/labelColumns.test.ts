import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeRevision } from '../model/testFactories.ts';
import { applyHeadsToColumns, bucketOf, buildLabelColumns, columnKey, labelsFromColumns, LABEL_COLUMN_BUCKETS, type CodedLabel, type LabelColumn } from './labelColumns.ts';

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
    });
    fc.assert(
      fc.property(fc.uniqueArray(label, { selector: (l) => `${l.round}|${l.annotatorId}|${l.dimension}|${l.incidentId}`, maxLength: 60 }), (labels) => {
        expect(sortLabels(labelsFromColumns(buildLabelColumns(labels)))).toEqual(sortLabels(labels));
      }),
      { numRuns: 300 },
    );
  });

  it('spreads ids over the buckets the same way every time', () => {
    expect(bucketOf('INC-1')).toBe(bucketOf('INC-1'));
    const used = new Set(Array.from({ length: 2000 }, (_, i) => bucketOf(`INC-${i}`)));
    expect(used.size).toBe(LABEL_COLUMN_BUCKETS);
  });

  it('a change rewrites only its bucket; a cleared code leaves the column', async () => {
    const stored = new Map<string, LabelColumn>();
    const save = (columns: LabelColumn[]) => columns.forEach((c) => stored.set(columnKey(c).join('|'), c));
    const read = async (key: [number, string, string, number]) => stored.get(key.join('|'));
    save(await applyHeadsToColumns([makeRevision('1', { incidentId: 'x', code: 'p' }), makeRevision('2', { incidentId: 'y', code: 'q' })], read));
    const changed = await applyHeadsToColumns([makeRevision('3', { incidentId: 'x', code: 'r', codebookVersion: 2 })], read);
    expect(changed).toHaveLength(1);
    expect(changed[0]!.bucket).toBe(bucketOf('x'));
    save(changed);
    save(await applyHeadsToColumns([makeRevision('4', { incidentId: 'y', code: '' })], read));
    expect(labelsFromColumns(stored.values()).map((l) => [l.incidentId, l.code, l.codebookVersion])).toEqual([['x', 'r', 2]]);
  });
});
