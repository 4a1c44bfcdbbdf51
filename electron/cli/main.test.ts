import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runCli } from './main.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('workbench CLI', () => {
  it('prints help and the package version', () => {
    expect(runCli(['--help']).stdout).toContain('Usage: workbench <command>');
    expect(runCli([]).code).toBe(0);
    expect(runCli(['version']).stdout).toBe(`${pkg.version}\n`);
  });

  it('refuses an unknown command with a message, not a stack trace', () => {
    const r = runCli(['frobnicate']);
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
