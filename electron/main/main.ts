import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN, APP_SCHEME, guardSession, guardWebContents, mainWindowOptions } from './security.ts';
import { createHandlers, registerIpcHandlers } from './ipcHandlers.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.ts';

// The renderer is served from app://workbench/ rather than file:// so that fetch, workers and the
// origin checks behave as in the browser build.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const rendererRoot = join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(rendererRoot, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(rendererRoot + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  // The page refuses to unload while something typed is not saved (its beforeunload): Electron would then silently keep
  // the window open, so the person is asked, as a browser asks.
  mainWindow.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(mainWindow!, {
      type: 'warning',
      buttons: ['Stay and save', 'Leave without saving'],
      defaultId: 0,
      cancelId: 0,
      title: 'Not saved yet',
      message: 'Something you typed is not saved yet.',
      detail: 'Stay to let it save (or to copy it if saving failed), or leave and lose it.',
    });
    if (choice === 1) event.preventDefault();
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

void app.whenReady().then(() => {
  guardSession(session.defaultSession, CONTENT_SECURITY_POLICY);
  serveRenderer();
  registerIpcHandlers(
    ipcMain,
    createHandlers({
      appVersion: () => app.getVersion(),
      dialog,
      getWindow: () => mainWindow,
      writeTextFile: (path, content) => writeFile(path, content, 'utf8'),
      writeBinaryFile: (path, content) => writeFile(path, content),
      printToPdf: async () => {
        if (!mainWindow) throw new Error('There is no window to print.');
        return mainWindow.webContents.printToPDF({ printBackground: true, pageSize: 'A4', margins: { marginType: 'default' } });
      },
    }),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
