import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { readdirSync, readFileSync } from 'node:fs';
import { importText } from '../pipeline.ts';

const DATASETS = new URL('../../../tests/fixtures/datasets/', import.meta.url);
const SAMPLES = new URL('../../../renderer/public/samples/', import.meta.url);
const FIXTURES = new URL('../../../tests/fixtures/formats/', import.meta.url);
const read = (base: URL, path: string) => readFileSync(new URL(path, base), 'utf8');
const csvRows = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' }).data;

describe('every data set shape in tests/fixtures/datasets imports with its preset', () => {
  it('Statuspage API v2 incidents: names, impact, services from components and updates, mitigation from the first monitoring update', () => {
    const text = read(DATASETS, 'statuspage/incidents-api-v2.json');
    const source = JSON.parse(text) as { incidents: Array<{ id: string; name: string; impact: string; components: Array<{ name: string }>; incident_updates: Array<{ status: string; created_at: string; body: string }>; monitoring_at: string | null }> };
    const result = importText('incidents.json', text);
    expect(result.plan.exportFormat?.id).toBe('statuspage-v2-incidents');
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(source.incidents.length);
    for (const raw of source.incidents) {
      const got = result.incidents.find((i) => i.id === raw.id)!;
      expect(got.title).toBe(raw.name);
      expect(got.severityRaw).toBe(raw.impact);
      for (const c of raw.components) expect(got.services).toContain(c.name);
      const monitoring = raw.incident_updates.filter((u) => u.status === 'monitoring').map((u) => u.created_at).sort()[0];
      const expected = raw.monitoring_at ?? monitoring ?? null;
      expect(got.mitigatedAt).toBe(expected === null ? null : new Date(expected).toISOString());
      expect(got.discussion).toHaveLength(raw.incident_updates.length);
      expect(got.raw).toEqual(raw);
    }
  });

  it('Statuspage incidents archived as JSON Lines use the same preset', () => {
    const source = JSON.parse(read(DATASETS, 'statuspage/incidents-api-v2.json')) as { incidents: Array<{ id: string; name: string }> };
    const jsonl = source.incidents.map((i) => JSON.stringify(i)).join('\n');
    const result = importText('archive.jsonl', jsonl);
    expect(result.plan.format).toBe('jsonl');
    expect(result.plan.exportFormat?.id).toBe('statuspage-v2-incidents');
    expect(result.errors).toEqual([]);
    expect(result.incidents.map((i) => i.title)).toEqual(source.incidents.map((i) => i.name));
  });

  it('Statuspage components: refused with a message that says what the file is', () => {
    const result = importText('components.json', read(DATASETS, 'statuspage/components-api-v2.json'));
    expect(result.incidents).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/components list .* not incidents/);
  });

  it('GitHub status history JSONL', () => {
    const text = read(SAMPLES, 'github-status-incidents.jsonl');
    const lines = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { id: string; impact: string; duration_minutes: number | null });
    const result = importText('g.jsonl', text);
    expect(result.plan.exportFormat?.id).toBe('github-status-history-jsonl');
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(new Set(lines.map((l) => l.id)).size);
    const sample = lines[100]!;
    const got = result.incidents.find((i) => i.id === sample.id)!;
    expect(got.severityRaw).toBe(sample.impact);
    expect(got.timeToMitigateMinutes).toBe(sample.duration_minutes);
  });

  const icpeDir = new URL('statuspage-history-scrape/', DATASETS);
  const icpeFiles = readdirSync(icpeDir).flatMap((provider) => readdirSync(new URL(`${provider}/`, icpeDir)).map((f) => `${provider}/${f}`));
  it.each(icpeFiles)('ICPE scraped Statuspage history %s', (path) => {
    const text = readFileSync(new URL(path, icpeDir), 'utf8');
    const rows = csvRows(text);
    const result = importText(path, text);
    expect(result.plan.exportFormat?.id).toBe('icpe-statuspage-history-csv');
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(rows.length);
    expect(result.incidents).toHaveLength(new Set(rows.map((r) => r.Incident_Link)).size);
    const first = rows[0]!;
    const got = result.incidents.find((i) => first.Incident_Link!.endsWith(`/${i.id}`))!;
    expect(got.title).toBe(first.Incident_Title);
    expect(got.severityRaw).toBe(first.Incident_Impact!.replace('impact-', ''));
    const updates = JSON.parse(first.Updates!) as unknown[];
    expect(got.discussion).toHaveLength(updates.length);
    if (updates.length > 0) expect(got.createdAt).not.toBeNull();
  });

  it('ICPE incident stages', () => {
    const text = read(DATASETS, 'incident-stages.csv');
    const rows = csvRows(text);
    const result = importText('incident_stages.csv', text);
    expect(result.plan.exportFormat?.id).toBe('icpe-incident-stages-csv');
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(rows.length);
    // The table keeps one 0/1 column per service between "provider" and the first stage column (FORMATS.md §1c).
    const header = Object.keys(rows[0]!);
    const serviceColumns = header.slice(header.indexOf('provider') + 1, header.indexOf('investigating_flag'));
    expect(serviceColumns.length).toBeGreaterThan(0);
    const utc = (t: string | undefined) => (t ? new Date(t.replace(' ', 'T')).toISOString() : null);
    for (const row of rows) {
      const got = result.incidents.find((i) => i.id === row.incident_id)!;
      expect(got.title).toBe(row.Incident_Title);
      expect(got.services).toEqual(serviceColumns.filter((c) => row[c] === '1'));
      expect(got.description).toBe(row.investigating_description);
      expect(got.createdAt).toBe(utc(row.start_timestamp));
      expect(got.mitigatedAt).toBe(utc(row.monitoring_timestamp));
      expect(got.severity).toBe(({ '0': 'low', '1': 'medium', '2': 'high', '3': 'high' } as Record<string, string>)[row.incident_impact_level!] ?? null);
    }
  });

  it.each(['aws', 'azure', 'gcp'])('labelled cloud status reports: %s', (vendor) => {
    const text = read(DATASETS, `llm-cloud-incident-extraction/label_data/${vendor}_label.csv`);
    const rows = csvRows(text);
    const result = importText(`${vendor}_label.csv`, text);
    expect(result.plan.exportFormat?.id).toBe('cloud-status-labels-csv');
    // Rows whose times are neither ISO-like, compact ISO, a time of day, UNKNOWN nor empty must be reported, by row and column.
    const readable = (t: string) => /^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(:\d{2})?|\d{8}T\d{2}:\d{2}:\d{2}|\d{1,2}:\d{2}(:\d{2})?|UNKNOWN|)$/i.test(t.trim());
    const bad = rows.flatMap((r, i) =>
      (['label_start_time', 'label_end_time'] as const).filter((c) => !readable(r[c] ?? '')).map((c) => ({ row: i + 1, field: c })),
    );
    // An unreadable time leaves the field empty and is reported once per column, with the values; no row is lost.
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(rows.length);
    for (const column of ['label_start_time', 'label_end_time'] as const) {
      const badHere = bad.filter((b) => b.field === column);
      const warning = result.warnings.find((w) => w.path === column);
      expect(warning?.rows ?? 0).toBe(badHere.length);
      for (const b of badHere) expect(warning!.values.map((v) => v.value)).toContain(rows[b.row - 1]![column]!.trim());
    }
    const row = rows[0]!;
    const got = result.incidents[0]!;
    expect(got.services).toEqual([row.label_service_name]);
    expect(got.description).not.toMatch(/<div/);
    if (vendor === 'aws') expect(got.createdAt).toBeNull(); // times of day only
    if (vendor === 'gcp') {
      const offset = row.label_timezone === 'PDT' ? 7 : 8;
      const [date, time] = row.label_start_time!.split(' ');
      const expected = new Date(`${date}T${time}Z`);
      expected.setUTCHours(expected.getUTCHours() + offset);
      expect(got.createdAt).toBe(expected.toISOString());
    }
  });

  it.each(['aws_ext-gpt-4o-1', 'azure_ext-claude-4-1', 'gcp_ext-gpt-4o-1'])('LLM extractions %s', (name) => {
    const text = read(DATASETS, `llm-cloud-incident-extraction/llm_extractions/${name}-resp.jsonl`);
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const result = importText(`${name}.jsonl`, text);
    expect(result.plan.exportFormat?.id).toBe('cloud-status-llm-extractions-jsonl');
    expect(result.errors).toEqual([]);
    expect(result.incidents).toHaveLength(lines.length);
  });

  it('ServiceNow audit event log: one incident per number, transfers counted', () => {
    const text = read(DATASETS, 'servicenow/incident_event_log_sample.csv');
    const rows = csvRows(text);
    const result = importText('servicenow.csv', text);
    expect(result.plan.exportFormat?.id).toBe('servicenow-incident-csv');
    expect(result.errors).toEqual([]);
    const numbers = [...new Set(rows.map((r) => r.number!))];
    expect(result.incidents).toHaveLength(numbers.length);
    for (const number of numbers) {
      const own = rows.filter((r) => r.number === number);
      const teams: string[] = [];
      for (const r of own) if (r.assignment_group !== '?' && teams[teams.length - 1] !== r.assignment_group) teams.push(r.assignment_group!);
      const got = result.incidents.find((i) => i.id === number)!;
      expect(got.teamHistory).toEqual(teams);
      expect(Array.isArray(got.raw) ? got.raw.length : 1).toBe(own.length);
      const [d, m, rest] = own[0]!.opened_at!.split('-');
      expect(got.createdAt).toBe(new Date(`${rest!.slice(0, 4)}-${m}-${d}T${rest!.slice(5)}:00Z`).toISOString());
    }
  });

  it('danluu-style post-mortem list: one incident per entry, under its category heading', () => {
    const text = read(DATASETS, 'postmortems/post-mortems-list.md');
    const result = importText('post-mortems.md', text);
    expect(result.plan.exportFormat?.id).toBe('postmortem-list-markdown');
    // Counted from the file: paragraphs opening with "[" under each "## " heading, except the headings
    // that hold other lists, analyses and contributors rather than post-mortems.
    const expected = new Map<string, number>();
    for (const part of text.split(/^## /m).slice(1)) {
      const [heading, ...body] = part.split('\n');
      if (/^(Table of Contents|Other lists|Analysis|Contributors)/i.test(heading!)) continue;
      const entries = body.join('\n').split(/\n\s*\n/).filter((p) => p.trimStart().startsWith('['));
      if (entries.length > 0) expected.set(heading!.trim(), entries.length);
    }
    expect(result.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    const sections = new Map<string, number>();
    for (const i of result.incidents) {
      const s = (i.raw as { section: string }).section;
      sections.set(s, (sections.get(s) ?? 0) + 1);
    }
    expect(sections).toEqual(expected);
    // An entry spread over several lines is one summary; an entry without the period after its link still counts.
    const multiLine = /^\[([^\]]+)\]\(([^)]+)\)\.\s*([^\n]*\n[^\n]+[^]*?)\n\n/m.exec(text)!;
    expect(result.incidents.find((i) => i.id === multiLine[2])?.description).toBe(multiLine[3]!.trim());
    const noPeriod = /^\[([^\]]+)\]\(([^)]+)\) (\S[^\n]*)$/m.exec(text)!;
    expect(result.incidents.find((i) => i.id === noPeriod[2])?.description).toBe(noPeriod[3]);
  });
});

describe('the other named formats, on small fixtures of their documented shape', () => {
  it('PagerDuty REST v2', () => {
    const result = importText('pd.json', read(FIXTURES, 'pagerduty-incidents.json'));
    expect(result.plan.exportFormat?.id).toBe('pagerduty-rest-v2-json');
    expect(result.errors).toEqual([]);
    const [first, second] = result.incidents;
    expect(first).toMatchObject({ id: 'Q1ABC', status: 'resolved', severity: 'high', services: ['Checkout API'], owningTeam: 'Payments', teamHistory: ['Payments', 'Platform'], transferHops: 1, description: '5xx rate above 5% for 10 minutes', timeToMitigateMinutes: 65 });
    expect(second).toMatchObject({ status: 'active', severity: 'low', resolvedAt: null });
  });

  it('Jira CSV with repeated columns and custom fields', () => {
    const result = importText('jira.csv', read(FIXTURES, 'jira-incidents.csv'));
    expect(result.plan.exportFormat?.id).toBe('jira-issues-csv');
    expect(result.errors).toEqual([]);
    expect(result.incidents[0]).toMatchObject({ id: 'INC-7', status: 'resolved', severity: 'high', severityRaw: 'Sev 1', services: ['Auth', 'Gateway'], rootCauseText: 'Expired TLS certificate on the gateway', createdAt: '2024-03-25T10:15:00.000Z', resolvedAt: '2024-03-25T13:40:00.000Z' });
    expect(result.incidents[0]!.discussion).toHaveLength(2);
    expect(result.incidents[1]).toMatchObject({ status: 'active', severity: 'medium', services: ['Dashboards'] });
  });

  it('Opsgenie', () => {
    const result = importText('og.json', read(FIXTURES, 'opsgenie-incidents.json'));
    expect(result.plan.exportFormat?.id).toBe('opsgenie-incidents-json');
    expect(result.errors).toEqual([]);
    expect(result.incidents[0]).toMatchObject({ title: 'Payment gateway timeouts', severity: 'medium', owningTeam: 'Payments', detectionType: 'monitor', timeToMitigateMinutes: 40 });
  });

  it('incident.io with organisation-named timestamps', () => {
    const result = importText('io.json', read(FIXTURES, 'incident-io-incidents.json'));
    expect(result.plan.exportFormat?.id).toBe('incident-io-v2-json');
    expect(result.errors).toEqual([]);
    expect(result.incidents[0]).toMatchObject({ id: 'INC-42', status: 'resolved', severity: 'high', detectedAt: '2024-07-10T09:05:00.000Z', mitigatedAt: '2024-07-10T10:00:00.000Z', timeToMitigateMinutes: 60 });
  });
});
