import { visibleTextString } from './hiddenText.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML document, in an element or an attribute: markup characters escaped, hidden characters shown. */
export const escapeHtml = (text: string) => visibleTextString(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * One self-contained HTML file (the study report, a postmortem): no script, and its own Content-Security-Policy lets
 * nothing load (no script, no image or font from anywhere, no form target), so opening it makes no request. `body` is
 * markup the caller wrote with escapeHtml; `title` is plain text.
 */
export function selfContainedHtml(title: string, style: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
