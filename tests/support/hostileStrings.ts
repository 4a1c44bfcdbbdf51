/**
 * What a postmortem's text may hold, typed by its author or prefilled from an incident: markup that would run, fetch
 * or link if it were rendered as HTML, and hidden characters. Every place that shows or writes such text is tested
 * with these (the Markdown renderer, the screen's preview, every export, the e2e reader and preview).
 */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '![chart](https://evil.example/track.png)',
  '[docs](https://evil.example/)',
  '<svg onload=alert(4)><foreignObject></foreignObject></svg>',
  '<a href="https://evil.example/">raw</a>',
  '`<b>code</b>`',
  '```\n<script>fenced()</script>\n```',
  '<iframe src="https://evil.example/"></iframe><style>body{background:url(https://evil.example/x)}</style>',
  '[ref][1]\n\n[1]: https://evil.example/ref',
  'tag\u{E0041}\u{E0042} and bidi \u202Egnp.exe',
] as const;

/** Hidden characters the corpus holds, which must never reach a page or file as themselves. */
export const HIDDEN = /[\u{E0000}-\u{E007F}\u202A-\u202E\u2066-\u2069]/u;
