// `npm start`: opens the Electron app; where Electron's binary is missing (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline) it says so and serves the browser build instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './web/serve.mjs';

function findElectronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = findElectronBinary();
if (electron) {
  const appDir = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(electron, [appDir], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("Electron's binary is not installed here (it is skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without internet).");
  console.log('Serving the same app as a browser build instead.');
  const port = Number(process.env.PORT ?? 5199);
  const { url } = await startStaticServer({ port });
  console.log(`Open ${url} in a browser (Ctrl+C stops it).`);
}
