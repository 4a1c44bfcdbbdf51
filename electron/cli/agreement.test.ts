import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli } from './main.ts';
import { expectClose, loadAgreementCases } from '../../tests/support/agreementCases.ts';
import type { AgreementReport } from '../../shared/agreement/report.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-agreement-'));

function writeLabels(name: string, raters: ReadonlyArray<ReadonlyArray<string | null>>): string {
  const rows: string[][] = [['item', 'coder', 'label']];
  const items = Math.max(...raters.map((r) => r.length));
  for (let i = 0; i < items; i++) raters.forEach((r, c) => rows.push([`item-${i + 1}`, `coder-${c + 1}`, r[i] ?? '']));
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, Papa.unparse(rows));
  return path;
}

describe('workbench agreement', () => {
  const cases = loadAgreementCases();

  it.each(cases.map((c) => [c.id, c] as const))('%s: the JSON report matches the published values', async (_id, c) => {
    const raters = c.raters ?? [c.rater1, c.rater2];
    const labels = writeLabels(c.id, raters);
    const cats = join(dir, `${c.id}.txt`);
    writeFileSync(cats, `${c.categories.join('\n')}\n`);
    const result = await runCli(['agreement', labels, '--categories', cats, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as AgreementReport;
    expect(report.n_items).toBe(Math.max(...raters.map((r) => r.length)));
    expect(report.n_coders).toBe(raters.length);
    const expected = c.expected as unknown as { pair: Record<string, unknown>; all_raters: Record<string, unknown> };
    for (const [field, value] of Object.entries(report.pair!)) {
      if (field === 'per_category_kappa') {
        for (const [cat, v] of Object.entries(value as Record<string, number | null>)) expectClose(v, (expected.pair.per_category_kappa as Record<string, number | null>)[cat]!, `${c.id} ${cat}`);
      } else expectClose(value as number | null, expected.pair[field] as number | null, `${c.id} pair.${field}`);
    }
    for (const [field, value] of Object.entries(report.all_raters)) expectClose(value, expected.all_raters[field] as number | null, `${c.id} all_raters.${field}`);
  });

  it('without --categories uses the labels seen, in order of first appearance', async () => {
    const path = join(dir, 'seen.csv');
    writeFileSync(path, 'item,coder,label\n1,ann,b\n1,bob,a\n2,ann,a\n2,bob,a\n');
    const report = JSON.parse((await runCli(['agreement', path, '--json'])).stdout) as AgreementReport;
    expect(Object.keys(report.pair!.per_category_kappa as object)).toEqual(['b', 'a']);
    expect(report.pair!.observed_agreement).toBe(0.5);
  });

  it('--level top cuts every label at its first "/"', async () => {
    const path = join(dir, 'hier.csv');
    writeFileSync(path, 'item,coder,label\n1,a,perf/api\n1,b,perf/service\n2,a,deploy/model\n2,b,deploy/model\n3,a,perf/api\n3,b,deploy\n');
    const full = JSON.parse((await runCli(['agreement', path, '--json'])).stdout) as AgreementReport;
    const top = JSON.parse((await runCli(['agreement', path, '--level', 'top', '--json'])).stdout) as AgreementReport;
    expect(full.pair!.observed_agreement).toBeCloseTo(1 / 3, 14);
    expect(top.pair!.observed_agreement).toBeCloseTo(2 / 3, 14);
    expect(Object.keys(top.pair!.per_category_kappa as object)).toEqual(['perf', 'deploy']);
  });

  it('names the problem: wrong header, a coder rating an item twice, an undeclared label, a missing file', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,coder,label\n1,a,x\n');
    expect((await runCli(['agreement', bad])).stderr).toMatch(/header must be exactly "item,coder,label"/);
    writeFileSync(bad, 'item,coder,label\n1,a,x\n1,a,y\n');
    expect((await runCli(['agreement', bad])).stderr).toMatch(/row 2: coder "a" labelled item "1" again \(first on row 1\)/);
    writeFileSync(bad, 'item,coder,label\n1,a,x\n1,b,z\n');
    const cats = join(dir, 'xy.txt');
    writeFileSync(cats, 'x\ny\n');
    const undeclared = await runCli(['agreement', bad, '--categories', cats]);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toMatch(/labels not among the declared categories: "z"/);
    const missing = await runCli(['agreement', join(dir, 'nope.csv')]);
    expect(missing.stderr).toMatch(/cannot read the labels .*nope\.csv: no such file/);
    for (const r of [undeclared, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
