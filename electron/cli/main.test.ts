import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './main.ts';
import type { InspectReport } from './inspect.ts';
import { importText } from '../../shared/import/pipeline.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('workbench CLI', () => {
  it('prints help and the package version', async () => {
    expect((await runCli(['--help'])).stdout).toContain('Usage: workbench <command>');
    expect((await runCli([])).code).toBe(0);
    expect((await runCli(['version'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('refuses an unknown command with a message, not a stack trace', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('runs as `npm run -s workbench -- version` in a checkout', () => {
    const out = execFileSync('npm', ['run', '-s', 'workbench', '--', 'version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(pkg.version);
    const bad = spawnSync('npm', ['run', '-s', 'workbench', '--', 'nope'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});

describe('workbench inspect', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../../tests/fixtures/${name}`, import.meta.url));
  const dataset = (name: string) => fileURLToPath(new URL(`../../tests/fixtures/datasets/${name}`, import.meta.url));
  const sample = fileURLToPath(new URL('../../renderer/public/samples/github-status-incidents.jsonl', import.meta.url));
  const run = async (...args: string[]) => {
    const r = await runCli(['inspect', ...args]);
    return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as InspectReport) : null };
  };

  it('streams a file and reports what the whole-file import does', async () => {
    for (const path of [fixture('skeleton-incidents.csv'), sample, dataset('servicenow/incident_event_log_sample.csv')]) {
      const { code, json } = await run(path, '--json');
      const whole = importText(path.split('/').pop()!, readFileSync(path, 'utf8'));
      expect(code).toBe(0);
      expect(json!.format).toBe(whole.plan.exportFormat?.id ?? whole.plan.format);
      expect(json!.total).toBe(whole.total);
      expect(json!.valid).toBe(whole.incidents.length);
      expect(json!.errors).toEqual(whole.errors.map(({ row, field, message }) => ({ row, field, message })));
      expect(json!.sample).toEqual(whole.incidents.slice(0, 5));
    }
  });

  it('counts invalid rows and names them; values a field cannot take are warnings, the rows kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'id,title,created\n1,ok,2024-01-01\n2,,2024-01-01\n3,x,not a date\n4,y,2024-01-03\n');
    const { code, json } = await run(path, '--json');
    expect(code).toBe(0);
    expect(json).toMatchObject({ format: 'csv', total: 4, valid: 3, invalid: 1 });
    expect(json!.errors).toEqual([{ row: 2, field: 'title', message: 'has no title and no text; an incident needs one or the other' }]);
    expect(json!.warnings).toEqual([expect.objectContaining({ field: 'createdAt', path: 'created', rows: 1, values: [{ value: 'not a date', rows: 1 }] })]);
    expect(json!.sample.map((i) => [i.id, i.createdAt])).toEqual([
      ['1', '2024-01-01T00:00:00.000Z'],
      ['3', null],
      ['4', '2024-01-03T00:00:00.000Z'],
    ]);
  });

  it('takes --format and --mapping, and exits 1 when nothing is valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const data = join(dir, 'odd.txt');
    writeFileSync(data, 'ref;blurb\nA-1;Disk full\n');
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ fields: { id: 'ref', title: 'blurb' } }));
    const mapped = await run(data, '--format', 'csv', '--mapping', mapping, '--json');
    expect(mapped.code).toBe(0);
    expect(mapped.json!.sample[0]).toMatchObject({ id: 'A-1', title: 'Disk full' });
    const unmapped = await run(data, '--format', 'csv', '--json');
    expect(unmapped.code).toBe(1);
    expect(unmapped.json!.valid).toBe(0);
    const components = await run(dataset('statuspage/components-api-v2.json'), '--json');
    expect(components.code).toBe(1);
    expect(components.json!.errors).toHaveLength(1);
  });

  it('says what is wrong, without a stack trace, for a missing file, a bad mapping or an unknown format', async () => {
    const missing = await runCli(['inspect', '/nonexistent/file.csv', '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe('workbench: cannot read /nonexistent/file.csv: no such file\n');
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const mapping = join(dir, 'm.json');
    writeFileSync(mapping, JSON.stringify({ fields: { title: 42 } }));
    const bad = await runCli(['inspect', fixture('skeleton-incidents.csv'), '--mapping', mapping]);
    expect(bad.stderr).toMatch(/^workbench: the mapping .* is not valid: mapping\.fields\.title must be string\n$/);
    writeFileSync(mapping, JSON.stringify({ fields: { titel: 'headline' } }));
    const typo = await runCli(['inspect', fixture('skeleton-incidents.csv'), '--mapping', mapping]);
    expect(typo.stderr).toMatch(/mapping\.fields\.titel is not a key it knows/);
    writeFileSync(mapping, JSON.stringify({ schemaVersion: 9, id: 'x', name: 'x', format: 'csv', signature: [], mapping: { fields: {} } }));
    expect((await runCli(['inspect', fixture('skeleton-incidents.csv'), '--mapping', mapping])).stderr).toMatch(/schemaVersion 9, newer than/);
    // With --json a failure is still JSON on stdout.
    const jsonFailure = await runCli(['inspect', join(dir, 'nope.csv'), '--json']);
    expect(jsonFailure.code).toBe(2);
    expect(JSON.parse(jsonFailure.stdout)).toEqual({ error: expect.stringContaining('no such file'), code: 2 });
    const unknown = await runCli(['inspect', fixture('skeleton-incidents.csv'), '--format', 'excel']);
    expect(unknown.stderr).toMatch(/unknown format "excel"/);
    for (const r of [missing, bad, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
