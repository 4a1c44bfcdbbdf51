import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

/**
 * The layers are enforced by the compiler, not by good intentions: a file in shared/ that touches `window` or
 * `process`, a renderer file that touches `process`, an electron/ file that touches `document`, each fails its
 * layer's typecheck; a CLI file importing Electron fails lint. Each probe is written into the layer, checked,
 * and removed.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const run = promisify(execFile);

async function typecheck(layerConfig: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, '--noEmit', '-p', layerConfig], { cwd: root });
    return { code: 0, output: stdout };
  } catch (e) {
    const failure = e as { code: number; stdout: string };
    return { code: failure.code, output: failure.stdout };
  }
}

async function withProbe(path: string, source: string, check: () => Promise<void>): Promise<void> {
  writeFileSync(`${root}${path}`, source);
  try {
    await check();
  } finally {
    rmSync(`${root}${path}`, { force: true });
  }
}

describe('layers the compiler enforces', () => {
  it('shared/ may use neither the DOM nor Node', async () => {
    const probe = 'shared/layer-probe.ts';
    await withProbe(probe, 'export const a = window.location;\nexport const b = process.env.HOME;\nexport const c = document.title;\nexport const d = Buffer.alloc(1);\n', async () => {
      const { code, output } = await typecheck('shared/tsconfig.json');
      expect(code).not.toBe(0);
      for (const name of ['window', 'process', 'document', 'Buffer']) expect(output).toMatch(new RegExp(`${probe}\\(\\d+,\\d+\\): error TS\\d+: Cannot find name '${name}'`));
    });
  }, 120_000);

  it('the renderer may not use Node, electron/ may not use the DOM', async () => {
    await withProbe('renderer/src/layer-probe.ts', 'export const b = process.env.HOME;\n', async () => {
      const { code, output } = await typecheck('renderer/tsconfig.json');
      expect(code).not.toBe(0);
      expect(output).toMatch(/renderer\/src\/layer-probe\.ts\(1,\d+\): error TS\d+: Cannot find name 'process'/);
    });
    await withProbe('electron/layer-probe.ts', 'export const a = document.title;\n', async () => {
      const { code, output } = await typecheck('electron/tsconfig.json');
      expect(code).not.toBe(0);
      expect(output).toMatch(/electron\/layer-probe\.ts\(1,\d+\): error TS\d+: Cannot find name 'document'/);
    });
  }, 120_000);

  it('lint refuses Electron in the CLI and Node built-ins in shared/', async () => {
    const eslint = new ESLint({ cwd: root });
    const [cli] = await eslint.lintText("import { app } from 'electron';\nexport const name = app.getName();\n", { filePath: `${root}electron/cli/probe.ts` });
    expect(cli!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [shared] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n", { filePath: `${root}shared/probe.ts` });
    expect(shared!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [clean] = await eslint.lintText('export const sum = (a: number, b: number) => a + b;\n', { filePath: `${root}shared/probe.ts` });
    expect(clean!.messages).toEqual([]);
  }, 60_000);
});
