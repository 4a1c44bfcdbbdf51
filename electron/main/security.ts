/**
 * Secure defaults of the app window, kept free of Electron imports so a unit test can assert each one.
 * Incident text is untrusted input: the renderer gets no Node, runs sandboxed and isolated, and may
 * neither navigate away nor open windows.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://workbench`;

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Every navigation away from the app's own pages is refused. */
export function isAllowedNavigation(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

/** Only frames of the app's own origin may call IPC. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && isAllowedNavigation(frameUrl);
}

/** window.open is always denied. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The options of the app window: its size and title, and the secure web preferences above. */
export function mainWindowOptions(preloadPath: string) {
  return { width: 1400, height: 900, title: 'Incident Workbench', show: false, webPreferences: secureWebPreferences(preloadPath) } as const;
}

/** The parts of a WebContents the guards need. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/** Every web contents refuses navigation away from the app and every window.open. */
export function guardWebContents(contents: GuardedContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(windowOpenHandler);
}

/** The parts of a Session the guards need. */
export interface GuardedSession {
  webRequest: { onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void): void };
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
}

/** Every response carries the CSP; every permission request (camera, notifications…) is refused. */
export function guardSession(session: GuardedSession, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
