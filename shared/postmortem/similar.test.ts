import { describe, expect, it } from 'vitest';
import { categoryStanding, findSimilarIncidents, jaccard, titleWords, type CodedIncident } from './similar.ts';

const coded = (id: string, createdAt: string | null, title: string, codes: CodedIncident['codes'], ttm: number | null = null): CodedIncident => ({ id, title, createdAt, timeToMitigateMinutes: ttm, mitigationText: '', codes });

const target = coded('T', '2024-06-01T00:00:00.000Z', 'GPU nodes failing in West Europe', { rootCause: 'infrastructure-issue/infrastructure-maintenance', symptom: 'degraded-performance/service-level-degradation', mitigation: 'infrastructure-fix/traffic-failover' }, 90);

describe('similar incidents', () => {
  const incidents = [
    target,
    // Same full root cause and symptom: 4 + 3.
    coded('A', '2024-01-01T00:00:00.000Z', 'Storage latency', { rootCause: 'infrastructure-issue/infrastructure-maintenance', symptom: 'degraded-performance/service-level-degradation' }, 30),
    // Same full root cause only, title sharing "gpu" and "nodes": 4, and Jaccard 2 / (5 + 3 − 2).
    coded('B', '2024-02-01T00:00:00.000Z', 'GPU nodes rebooted', { rootCause: 'infrastructure-issue/infrastructure-maintenance', symptom: 'invalid-inference' }, 300),
    // Same full root cause only, no title word in common: after B, which shares two words.
    coded('C', '2024-05-01T00:00:00.000Z', 'Quota exceeded', { rootCause: 'infrastructure-issue/infrastructure-maintenance' }, 60),
    // Same root cause, but after the target: not past.
    coded('D', '2024-07-01T00:00:00.000Z', 'GPU nodes failing again', { rootCause: 'infrastructure-issue/infrastructure-maintenance' }, 10),
    // Only the top level in common: not listed while any full code is shared.
    coded('E', '2024-03-01T00:00:00.000Z', 'Network partition', { rootCause: 'infrastructure-issue/network', mitigation: 'infrastructure-fix/traffic-failover' }, 120),
  ];

  it('ranks past incidents sharing a full code by score, then title similarity, then recency', () => {
    const found = findSimilarIncidents(target, incidents);
    expect(found.map((f) => [f.incident.id, f.score, f.shared])).toEqual([
      ['A', 7, ['root cause', 'symptom']],
      ['B', 4, ['root cause']],
      ['C', 4, ['root cause']],
    ]);
    expect(found[1]!.textSimilarity).toBeCloseTo(2 / 6, 12);
  });

  it('falls back to the top level when no full code is shared, at half weight', () => {
    const lonely = { ...target, codes: { rootCause: 'infrastructure-issue/storage', mitigation: 'infrastructure-fix/traffic-failover' } };
    const found = findSimilarIncidents(lonely, incidents);
    // Every past incident shares the top-level root cause (2); E also shares the full mitigation (1).
    expect(found[0]).toMatchObject({ incident: { id: 'E' }, score: 3, shared: ['root cause (top level)', 'mitigation'] });
    expect(found.map((f) => f.incident.id).sort()).toEqual(['A', 'B', 'C', 'E']);
  });

  it('ties on score and title go to the most recent; "Other" is no code to share', () => {
    const twins = [target, coded('P', '2024-01-01T00:00:00.000Z', 'x', { rootCause: 'code-bug' }), coded('Q', '2024-03-01T00:00:00.000Z', 'y', { rootCause: 'code-bug' })];
    expect(findSimilarIncidents({ ...target, codes: { rootCause: 'code-bug' } }, twins).map((f) => f.incident.id)).toEqual(['Q', 'P']);
    const others = [target, coded('O', '2024-01-01T00:00:00.000Z', 'o', { rootCause: 'other' })];
    expect(findSimilarIncidents({ ...target, codes: { rootCause: 'other' } }, others)).toEqual([]);
    expect(categoryStanding({ ...target, codes: { rootCause: 'other' } }, others)).toBeNull();
  });

  it('title words and their Jaccard similarity', () => {
    expect([...titleWords('GPU nodes: failing, GPU!')]).toEqual(['gpu', 'nodes', 'failing']);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3, 12);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

describe("where the incident stands in its root-cause category", () => {
  it('times of the other incidents of the category, the share no slower than it, and the mitigations used', () => {
    const incidents = [
      target,
      coded('A', null, 'a', { rootCause: 'infrastructure-issue/storage', mitigation: 'rollback' }, 30),
      coded('B', null, 'b', { rootCause: 'infrastructure-issue', mitigation: 'infrastructure-fix/scaling' }, 60),
      coded('C', null, 'c', { rootCause: 'infrastructure-issue/network', mitigation: 'infrastructure-fix/restart-rebuild' }, 120),
      coded('D', null, 'd', { rootCause: 'infrastructure-issue/network' }, null),
      coded('E', null, 'e', { rootCause: 'code-bug', mitigation: 'rollback' }, 5),
    ];
    const standing = categoryStanding(target, incidents)!;
    expect(standing.category).toBe('infrastructure-issue');
    // Others of the category with a time: 30, 60, 120 → median 60; two of the three took no longer than the target's 90.
    expect(standing.timeToMitigate).toMatchObject({ n: 3, median: 60, min: 30, max: 120 });
    expect(standing.targetPercentile).toBeCloseTo(2 / 3, 12);
    expect(standing.mitigations).toEqual([{ code: 'infrastructure-fix', count: 2 }, { code: 'rollback', count: 1 }]);
    expect(categoryStanding({ ...target, codes: {} }, incidents)).toBeNull();
  });
});
