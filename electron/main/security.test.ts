import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, guardSession, guardWebContents, isAllowedNavigation, isTrustedSender, mainWindowOptions, secureWebPreferences, windowOpenHandler } from './security.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.ts';

describe('Electron secure defaults', () => {
  const prefs = secureWebPreferences('/x/preload.cjs');
  it('isolates and sandboxes the renderer without Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
  });

  it('denies navigation away from the app and every window.open', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
  });

  it('has a CSP with no network origin', () => {
    const directives = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim());
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
  });

  it('the window main opens gets exactly these preferences', () => {
    const options = mainWindowOptions('/x/preload.cjs');
    expect(options.webPreferences).toEqual(secureWebPreferences('/x/preload.cjs'));
    expect(options.show).toBe(false);
  });

  it('every web contents refuses navigation away and window.open', () => {
    let navigate: ((event: { preventDefault(): void }, url: string) => void) | null = null;
    let openHandler: (() => { action: 'deny' }) | null = null;
    guardWebContents({
      on: (_event, listener) => (navigate = listener),
      setWindowOpenHandler: (handler) => (openHandler = handler),
    });
    const attempt = (url: string) => {
      let prevented = false;
      navigate!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('https://evil.example/')).toBe(true);
    expect(attempt(`${APP_ORIGIN}/index.html`)).toBe(false);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('the session adds the CSP to every response and refuses every permission', () => {
    let headers: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    let permissions: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    guardSession({ webRequest: { onHeadersReceived: (l) => (headers = l) }, setPermissionRequestHandler: (h) => (permissions = h) }, CONTENT_SECURITY_POLICY);
    let response: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (response = r.responseHeaders));
    expect(response).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    const granted: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation']) permissions!(null, permission, (g) => granted.push(g));
    expect(granted).toEqual([false, false, false]);
  });
});
