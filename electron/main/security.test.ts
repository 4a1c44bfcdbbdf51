import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { APP_ORIGIN, isAllowedNavigation, isTrustedSender, secureWebPreferences, windowOpenHandler } from './security.ts';
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

  it('main wires each default into the window and the web contents', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toContain('secureWebPreferences(');
    expect(main).toContain("on('will-navigate'");
    expect(main).toContain('setWindowOpenHandler(windowOpenHandler)');
    expect(main).toContain('Content-Security-Policy');
  });
});
