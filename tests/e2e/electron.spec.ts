import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { IPC_CHANNELS } from '../../shared/ipc/contract.ts';

function electronBinary(): { path: string | null; why: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    if (existsSync(path)) return { path, why: '' };
    return { path: null, why: `Electron's binary is not at ${path}` };
  } catch (error) {
    return { path: null, why: `Electron's binary is not installed (${(error as Error).message.split('\n')[0]})` };
  }
}

const binary = electronBinary();
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = binary.path === null ? `${binary.why}; it is skipped on installs made with ELECTRON_SKIP_BINARY_DOWNLOAD=1.` : needsDisplay ? 'no display (DISPLAY is unset); run under xvfb-run to include it.' : '';
if (skipReason) console.log(`[electron smoke test skipped] ${skipReason}`);

describe('Electron shell', () => {
  it.skipIf(skipReason !== '')('opens the window with the secure defaults and the typed window.api', async () => {
    const app = await electron.launch({
      executablePath: binary.path!,
      args: ['--no-sandbox', fileURLToPath(new URL('../..', import.meta.url))],
    });
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-testid="app"][data-ready="true"]');
      expect(await page.title()).toBe('Incident Workbench');
      // Isolated, sandboxed and without Node, the page sees neither require nor process: only window.api.
      const exposed = await page.evaluate(() => ({
        api: Object.keys((window as unknown as { api: object }).api).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        origin: window.location.origin,
      }));
      expect(exposed).toEqual({ api: [...IPC_CHANNELS].sort(), require: 'undefined', process: 'undefined', origin: 'app://workbench' });
      const opened = await page.evaluate(() => window.open('https://example.com') === null);
      expect(opened).toBe(true);
    } finally {
      await app.close();
    }
  });
});
