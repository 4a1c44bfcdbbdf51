import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importText } from './pipeline.ts';

/** A research post-mortem dataset: an object keyed by incident id, nested detection, root cause and mitigation. */
interface NestedRecord {
  title: string;
  time: string;
  details: string;
  service_name: string[];
  duration: number;
  detection: { method: string | null; tool: string | null };
  'root cause': { label: Array<Record<string, string>>; details: string };
  mitigation: { label: Array<Record<string, string>>; details: string };
}

const read = (name: string) => readFileSync(new URL(`../../tests/fixtures/nested/${name}`, import.meta.url), 'utf8');

// This test's own reading of the detection wordings in the fixtures; anything else must be reported, not guessed.
const DETECTION: Record<string, 'monitor' | 'human' | null> = {
  automate: 'monitor',
  'automatic monitoring': 'monitor',
  alerting: 'monitor',
  manual: 'human',
  'customer report': 'human',
  unknown: null,
};

/** Day/month order of a file's numeric dates, settled the way a person would: a part over 12 is the day. */
function dayFirst(times: string[]): boolean {
  const parts = times.map((t) => t.split(/[/ ]/).map(Number));
  if (parts.some(([a]) => a! > 12)) return true;
  if (parts.some(([, b]) => b! > 12)) return false;
  return false; // nothing decides: month first, as the US-style research datasets write it
}

function expectedCreatedAt(time: string, isDayFirst: boolean): string {
  const [date, clock = '00:00'] = time.split(' ');
  const [a, b, year] = date!.split('/').map(Number);
  const [hour, minute] = clock.split(':').map(Number);
  const [day, month] = isDayFirst ? [a!, b!] : [b!, a!];
  return new Date(Date.UTC(year!, month - 1, day, hour, minute)).toISOString();
}

function checkFile(name: string, text: string) {
  const records = JSON.parse(text) as Record<string, NestedRecord>;
  const result = importText(name, text);
  const entries = Object.entries(records);
  const isDayFirst = dayFirst(entries.map(([, r]) => r.time));
  // Every incident is valid: nothing refused, nothing lost.
  expect(result.errors).toEqual([]);
  expect(result.incidents.map((i) => i.id).sort()).toEqual(entries.map(([id]) => id).sort());
  const byId = new Map(result.incidents.map((i) => [i.id, i]));
  let unreadDetections = 0;
  for (const [id, record] of entries) {
    const incident = byId.get(id)!;
    const method = record.detection.method?.toLowerCase();
    const detection = method === undefined ? null : (DETECTION[method] ?? null);
    if (method !== undefined && !(method in DETECTION)) unreadDetections += 1;
    expect(incident, id).toMatchObject({
      title: record.title,
      createdAt: expectedCreatedAt(record.time, isDayFirst),
      services: record.service_name,
      detectionType: detection,
      timeToMitigateMinutes: Math.round(record.duration * 60),
      description: record.details,
      rootCauseText: record['root cause'].details,
      mitigationText: record.mitigation.details,
    });
    // The dataset's own codes are for comparison, not for coders to read: no label value is in any shown text.
    const shown = [incident.title, incident.description, incident.rootCauseText, incident.mitigationText, ...incident.discussion.map((d) => d.text)].join('\n');
    for (const label of [...record['root cause'].label, ...record.mitigation.label].flatMap((l) => Object.values(l))) {
      if (!record.details.includes(label) && !record['root cause'].details.includes(label) && !record.mitigation.details.includes(label)) expect(shown, `${id}: ${label}`).not.toContain(label);
    }
    expect(shown).not.toMatch(/layer-1|"label"/);
  }
  const warned = result.warnings.find((w) => w.field === 'detectionType');
  expect(warned?.rows ?? 0).toBe(unreadDetections);
  return result;
}

describe('a nested post-mortem dataset imports by auto-detection with no mapping edits', () => {
  it.each(['postmortems-a.json', 'postmortems-b.json'])('%s: every incident valid with title, date, services, detection and time to mitigate', (name) => {
    checkFile(name, read(name));
  });

  it('a wording the defaults do not know is kept raw, its field left empty, and counted in one warning', () => {
    const records = JSON.parse(read('postmortems-b.json')) as Record<string, NestedRecord>;
    const [firstId] = Object.keys(records);
    records[firstId!]!.detection.method = 'pager rotation';
    const result = checkFile('edited.json', JSON.stringify(records));
    expect(result.warnings).toEqual([expect.objectContaining({ field: 'detectionType', path: 'detection.method', rows: 1, values: [{ value: 'pager rotation', rows: 1 }] })]);
    const incident = result.incidents.find((i) => i.id === firstId)!;
    expect((incident.raw as NestedRecord).detection.method).toBe('pager rotation');
  });
});
