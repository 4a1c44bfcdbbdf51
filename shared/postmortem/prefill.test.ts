import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { makeIncident } from '../model/testFactories.ts';
import { formatMinutes, incidentTimeline, markdownText, prefillPostmortem } from './prefill.ts';

const codebook = loadDefaultCodebook();

// An incident whose discussion arrives out of order, with one entry at the same instant as the detection and one undated.
const incident = makeIncident('INC-7', {
  title: 'GPT completions failing <img src=x onerror=alert(1)>',
  description: 'Errors on [chat](javascript:alert(2))',
  createdAt: '2024-03-01T10:00:00.000Z',
  detectedAt: '2024-03-01T10:12:00.000Z',
  mitigatedAt: '2024-03-01T12:30:00.000Z',
  resolvedAt: '2024-03-02T09:00:00.000Z',
  timeToMitigateMinutes: 150,
  detectionType: 'monitor',
  monitorName: 'latency-p99',
  owningTeam: 'Inference',
  teamHistory: ['Networking', 'Storage', 'Inference'],
  transferHops: 2,
  hasTroubleshootingGuide: false,
  rootCauseText: 'GPU nodes failed',
  discussion: [
    { at: '2024-03-01T11:00:00.000Z', author: 'ana', text: 'Failing over to West US' },
    { at: '2024-03-01T10:12:00.000Z', author: 'bot', text: 'Paged the on-call' },
    { at: null, author: null, text: 'Postmortem to follow' },
    { at: '2024-03-01T10:05:00.000Z', author: 'ben', text: 'Customers report 500s\non chat' },
  ],
});

describe('prefilling a postmortem from an incident and its final codes', () => {
  const filled = prefillPostmortem(
    incident,
    [
      { dimension: 'symptom', code: 'degraded-performance/api-level-degradation', origin: 'agreed' },
      { dimension: 'rootCause', code: 'infrastructure-issue/infrastructure-maintenance', origin: 'resolved' },
      { dimension: 'mitigation', code: 'infrastructure-fix', origin: 'agreed' },
    ],
    codebook,
  );

  it('orders the timeline by time, same instants as they came (detection before the discussion), undated entries last', () => {
    expect(filled.timeline.map((e) => [e.at, e.source])).toEqual([
      ['2024-03-01T10:00:00.000Z', 'incident: created'],
      ['2024-03-01T10:05:00.000Z', 'incident: discussion'],
      ['2024-03-01T10:12:00.000Z', 'incident: detected'],
      ['2024-03-01T10:12:00.000Z', 'incident: discussion'],
      ['2024-03-01T11:00:00.000Z', 'incident: discussion'],
      ['2024-03-01T12:30:00.000Z', 'incident: mitigated'],
      ['2024-03-02T09:00:00.000Z', 'incident: resolved'],
      [null, 'incident: discussion (no time)'],
    ]);
    expect(filled.timeline[1]!.text).toBe('ben: Customers report 500s on chat');
    // The brackets are the workbench's own; the monitor's name is the incident's, escaped.
    expect(filled.timeline[2]!.text).toBe('Detected by a monitor (latency\\-p99)');
  });

  it('times to detect (12 min) and to mitigate (150 min: 2 h 30 min)', () => {
    expect(filled.timeToDetectMinutes).toBe(12);
    expect(filled.timeToMitigateMinutes).toBe(150);
    expect(filled.sections.detection[0]!.markdown).toContain('(time to detect: 12 min)');
    expect(filled.sections.mitigation.at(-1)!.markdown).toBe('Time to mitigate: 2 h 30 min');
  });

  it('names each final code with its definition, and says who settled it', () => {
    const [rootCause] = filled.sections.rootCause;
    expect(rootCause!.markdown).toBe(`**Infrastructure issue › Infrastructure maintenance issue**: ${markdownText('Hardware components fail or wear out, e.g. faulty GPUs.')}`);
    expect(rootCause!.source).toBe('final code (decided by the lead): root cause');
    expect(filled.sections.impact.some((v) => v.source === 'final code (both coders agreed): symptom')).toBe(true);
    expect(filled.sections.triage.map((v) => v.markdown)).toEqual(['Owning team: Inference', 'Transferred 2 times: Networking → Storage → Inference', 'No troubleshooting guide was linked']);
  });

  it('writes incident text as text: no tag, link or image survives as Markdown', () => {
    const summary = filled.sections.summary.map((v) => v.markdown).join('\n');
    // Every Markdown character of the incident's text is escaped: no tag opens, no link target follows a bracket.
    expect(summary).not.toMatch(/(^|[^\\])<img|[^\\]\]\\?\(javascript/);
    expect(summary).toContain('\\[chat\\]\\(javascript:alert\\(2\\)\\)');
    expect(summary).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(markdownText('tag\u{E0041} and \u202Ebidi')).not.toMatch(/[\u{E0000}-\u{E007F}\u202E]/u);
  });

  it('leaves out what the incident does not have', () => {
    const bare = prefillPostmortem(makeIncident('X'), [], codebook);
    expect(bare.timeline).toEqual([]);
    expect(bare.timeToDetectMinutes).toBeNull();
    expect(bare.sections.rootCause).toEqual([]);
    expect(incidentTimeline(makeIncident('Y', { createdAt: '2024-01-01T00:00:00.000Z', detectedAt: '2023-12-31T00:00:00.000Z' })).map((e) => e.source)).toEqual(['incident: detected', 'incident: created']);
    expect(prefillPostmortem(makeIncident('Y', { createdAt: '2024-01-01T00:00:00.000Z', detectedAt: '2023-12-31T00:00:00.000Z' }), [], codebook).timeToDetectMinutes).toBeNull();
  });

  it('formats durations in minutes, hours and days', () => {
    expect([formatMinutes(45), formatMinutes(60), formatMinutes(185), formatMinutes(24 * 60 * 2 + 4 * 60 + 30)]).toEqual(['45 min', '1 h', '3 h 5 min', '2 d 4 h']);
  });
});
