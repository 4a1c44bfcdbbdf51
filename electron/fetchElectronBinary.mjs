// The root `postinstall`: fetches Electron's binary by running the electron package's own download
// script, and when that cannot happen (no internet, a firewall, ELECTRON_SKIP_BINARY_DOWNLOAD=1)
// prints one line saying what it means instead of failing `npm install` with a stack trace.
//
// Why not leave the download to electron's own postinstall: it exits 1 offline, which fails the whole
// install. Making electron an optional dependency would keep the install going, but npm then deletes
// the package, and with it the type declarations that `npm run typecheck` needs for electron/main.
// So package.json's allowScripts denies electron's script and this one runs it, under our control.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null; // an install without devDependencies: nothing to fetch
  }
}

function binaryInstalled(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8')));
}

/** The first line of what the download printed, e.g. "RequestError: getaddrinfo ENOTFOUND github.com". */
function firstLine(text) {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '')
      ?.slice(0, 160) ?? ''
  );
}

const dir = electronPackageDir();
if (dir !== null && !binaryInstalled(dir)) {
  let reason = 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    const run = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    reason = run.error ? run.error.message : firstLine(run.stderr ?? '') || `its download script exited with ${run.status}`;
  }
  if (!binaryInstalled(dir)) {
    console.log(
      `Electron's binary was not downloaded (${reason}); \`npm start\` will serve the app in the browser instead. See README "Offline"; \`npm install\` fetches it when online.`,
    );
  }
}
