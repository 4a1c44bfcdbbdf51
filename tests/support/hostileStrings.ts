import { countHiddenCharacters } from '../../shared/text/hiddenText.ts';

/**
 * What a postmortem's text may hold, typed by its author or prefilled from an incident: markup that would run, fetch
 * or link if it were rendered as HTML, Markdown that hides links or runs on into the next section, and hidden
 * characters. Every place that shows or writes such text is tested with these (the Markdown renderer, the screen's
 * preview, every export, the e2e reader and preview). Named, so a test picks by meaning, not by position.
 */
export const HOSTILE_BY_NAME = {
  script: '<script>alert(1)</script>',
  imgOnerror: '<img src=x onerror=alert(2)>',
  scriptLink: '[click](javascript:alert(3))',
  remoteImage: '![chart](https://evil.example/track.png)',
  remoteLink: '[docs](https://evil.example/)',
  svgOnload: '<svg onload=alert(4)><foreignObject></foreignObject></svg>',
  rawAnchor: '<a href="https://evil.example/">raw</a>',
  codeSpan: '`<b>code</b>`',
  fencedScript: '```\n<script>fenced()</script>\n```',
  iframeStyle: '<iframe src="https://evil.example/"></iframe><style>body{background:url(https://evil.example/x)}</style>',
  referenceLink: '[ref][1]\n\n[1]: https://evil.example/ref',
  referenceScript: '[run][js]\n\n[js]: javascript:alert(5)',
  brokenLineLink: '[next](\njavascript:alert(6))',
  entityScriptLink: '[enc](java&#115;cript:alert(7))',
  autolinkScript: '<javascript:alert(8)>',
  fenceInList: '- step\n\n  ```\n  code\n\nafter the list <img src=x onerror=alert(9)>',
  indentedCode: '    <b>indented code</b>',
  openFence: '```\nnever closed',
  // Escaping can change what is code: an indented line after HTML that turns into text must not come back as HTML.
  commentThenIndented: '<!-- c -->\n    <img src=x onerror=alert(10)>',
  instructionThenIndented: '<?x?>\n    <svg onload=alert(11)>',
  tabIndented: '<!-- c -->\n\t<img src=x onerror=alert(12)>',
  quotedIndented: '> <!-- c -->\n>     <img src=x onerror=alert(13)>',
  definitionThenIndented: '[x](javascript:1)\n\n[a]: http://ok.example\n    <img src=x onerror=alert(14)>',
  // A code span closes only with a run of the same length.
  unequalSpan: '`<img src=x onerror=alert(15)>``',
  unequalSpanLink: '`[a](javascript:alert(16))``',
  // Images whose address is a script or data.
  scriptImage: '![x](javascript:alert(17))',
  dataImage: '![x](data:text/html,alert(18))',
  referenceImage: '![x][r]\n\n[r]: javascript:alert(19)',
  hidden: 'tag\u{E0041}\u{E0042} and bidi \u202Egnp.exe',
} as const;

export const HOSTILE: readonly string[] = Object.values(HOSTILE_BY_NAME);

/** Whether a text holds a character the workbench counts as hidden (and must show as a marker). */
export const holdsHidden = (text: string): boolean => countHiddenCharacters(text) > 0;
