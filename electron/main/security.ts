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
