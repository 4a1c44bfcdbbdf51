import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

/**
 * The layers are enforced by the compiler, not by good intentions: a file in shared/ that touches `window` or
 * `process`, a renderer file that touches `process`, an electron/ file that touches `document`, each fails its
 * layer's typecheck; a CLI file importing Electron fails lint.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const run = promisify(execFile);

/**
 * Type-checks one probe file with a layer's compiler options: a throwaway tsconfig in a temporary folder extends
 * the layer's and lists only the probe, so no layer's source folder is ever touched.
 */
async function typecheckProbe(layerConfig: string, source: string): Promise<{ code: number; output: string; probe: string }> {
  // Under node_modules/.cache so that type packages resolve as from the checkout; never inside a layer.
  mkdirSync(`${root}node_modules/.cache`, { recursive: true });
  const dir = mkdtempSync(`${root}node_modules/.cache/layer-probe-`);
  const probe = join(dir, 'layer-probe.ts');
  writeFileSync(probe, source);
  // A layer's own declaration files (shared/types) come along, as the layer's include brings them.
  const declarations = layerConfig.startsWith('shared/') ? [`${root}shared/types/runtime.d.ts`] : [];
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: `${root}${layerConfig}`, files: [probe, ...declarations], include: [] }));
  try {
    const { stdout } = await run(process.execPath, [tsc, '--noEmit', '-p', join(dir, 'tsconfig.json')], { cwd: root });
    return { code: 0, output: stdout, probe };
  } catch (e) {
    const failure = e as { code: number; stdout: string };
    return { code: failure.code, output: failure.stdout, probe };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cannotFind = (output: string, name: string) => new RegExp(`layer-probe\\.ts\\(\\d+,\\d+\\): error TS\\d+: Cannot find name '${name}'`).test(output);

describe('layers the compiler enforces', () => {
  it('shared/ may use neither the DOM nor Node', async () => {
    const { code, output } = await typecheckProbe('shared/tsconfig.json', 'export const a = window.location;\nexport const b = process.env.HOME;\nexport const c = document.title;\nexport const d = Buffer.alloc(1);\n');
    expect(code).not.toBe(0);
    for (const name of ['window', 'process', 'document', 'Buffer']) expect(cannotFind(output, name), `${name} in ${output}`).toBe(true);
    // The same layer accepts what it may use, so the failures above are the probe's, not the setup's.
    expect((await typecheckProbe('shared/tsconfig.json', 'export const d = new TextDecoder().decode(new Uint8Array(1));\n')).code).toBe(0);
  }, 120_000);

  it('the renderer may not use Node, electron/ may not use the DOM', async () => {
    const renderer = await typecheckProbe('renderer/tsconfig.json', 'export const b = process.env.HOME;\n');
    expect(renderer.code).not.toBe(0);
    expect(cannotFind(renderer.output, 'process')).toBe(true);
    const electron = await typecheckProbe('electron/tsconfig.json', 'export const a = document.title;\n');
    expect(electron.code).not.toBe(0);
    expect(cannotFind(electron.output, 'document')).toBe(true);
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
