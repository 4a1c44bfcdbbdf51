import MarkdownIt from 'markdown-it';
import { visibleTextString } from '../text/hiddenText.ts';

/**
 * A postmortem's Markdown as HTML that does nothing by itself, for the editor's preview, the HTML export and the CLI:
 * markdown-it with raw HTML off (a tag in the text is shown as text), no typographic rewriting, links written as their
 * text followed by the address in plain text (nothing to click, nothing to follow), images as their alt text and
 * address (nothing is fetched), and hidden characters shown as markers in every text.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

md.renderer.rules.text = (tokens, idx) => md.utils.escapeHtml(visibleTextString(tokens[idx]!.content));
md.renderer.rules.code_inline = (tokens, idx) => `<code>${md.utils.escapeHtml(visibleTextString(tokens[idx]!.content))}</code>`;
md.renderer.rules.code_block = (tokens, idx) => `<pre><code>${md.utils.escapeHtml(visibleTextString(tokens[idx]!.content))}</code></pre>\n`;
md.renderer.rules.fence = (tokens, idx) => `<pre><code>${md.utils.escapeHtml(visibleTextString(tokens[idx]!.content))}</code></pre>\n`;
md.renderer.rules.link_open = () => '<span class="md-link">';
md.renderer.rules.link_close = (tokens, idx) => {
  // The address of the link this closes: the nearest link_open before it.
  let i = idx;
  while (i > 0 && tokens[i]!.type !== 'link_open') i -= 1;
  const href = tokens[i]?.attrGet('href') ?? '';
  return `</span>${href ? ` <span class="md-address">(${md.utils.escapeHtml(visibleTextString(href))})</span>` : ''}`;
};
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const alt = token.children?.map((c) => c.content).join('') ?? token.content;
  const src = token.attrGet('src') ?? '';
  return `<span class="md-image">[image: ${md.utils.escapeHtml(visibleTextString(alt))}${src ? ` (${md.utils.escapeHtml(visibleTextString(src))})` : ''}]</span>`;
};
// Every address is allowed through the parser, since none is ever followed: a javascript: link still reads as text.
md.validateLink = () => true;

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** The same parse as the HTML, as tokens, for the screen's preview (drawn as React elements, never as an HTML string). */
export function markdownTokens(markdown: string): ReturnType<typeof md.parse> {
  return md.parse(markdown, {});
}

/**
 * How a permissive renderer reads Markdown (raw HTML on, every link kept, addresses in the text made links): what a
 * Markdown file of ours must be safe in. Used to find code, links and what a text leaves open; nothing is rendered
 * with it.
 */
const permissive = new MarkdownIt({ html: true, linkify: true });
permissive.validateLink = () => true;
type Token = ReturnType<typeof md.parse>[number];

function* allTokens(tokens: readonly Token[]): Generator<Token> {
  for (const t of tokens) {
    yield t;
    if (t.children) yield* allTokens(t.children);
  }
}

/** Addresses a link may have in our files: web and mail addresses and anchors (and what linkify finds in the text). */
const SAFE_HREF = /^\s*(https?:|mailto:|#)/i;
const safeLink = (t: Token) => SAFE_HREF.test(t.attrGet('href') ?? '') || (t.markup === 'linkify' && /^\s*(ftp:|\/\/)/i.test(t.attrGet('href') ?? ''));

/** What in parsed Markdown is not inert: raw HTML, an image (it is fetched), a link to anything but a safe address. */
function activeParts(markdown: string): { code: Set<number>; html: boolean; image: boolean; unsafeLink: boolean } {
  const code = new Set<number>();
  let html = false;
  let image = false;
  let unsafeLink = false;
  for (const t of allTokens(permissive.parse(markdown, {}))) {
    if ((t.type === 'fence' || t.type === 'code_block') && t.map) for (let i = t.map[0]; i < t.map[1]; i++) code.add(i);
    if (t.type === 'html_block' || t.type === 'html_inline') html = true;
    if (t.type === 'image') {
      image = true;
      if (!SAFE_HREF.test(t.attrGet('src') ?? '')) unsafeLink = true;
    }
    if (t.type === 'link_open' && !safeLink(t)) unsafeLink = true;
  }
  return { code, html, image, unsafeLink };
}

/** One pass: outside the code lines the parser found, `<` as `&lt;`, images as links, every bracket escaped when unsafe. */
function escapeOnce(markdown: string, parts: ReturnType<typeof activeParts>): string {
  // A code span: a run of backticks closed by a run of exactly the same length (as CommonMark reads it).
  const pattern = parts.unsafeLink ? /(?<!`)(`+)(?!`)[^`]*?(?<!`)\1(?!`)|\\[\s\S]|<|!\[|\[|\]/g : /(?<!`)(`+)(?!`)[^`]*?(?<!`)\1(?!`)|\\[\s\S]|<|!\[/g;
  return markdown
    .split(/\r\n|\r|\n/)
    .map((line, i) =>
      parts.code.has(i)
        ? line
        : line.replace(pattern, (m: string, ticks: string | undefined) => (ticks || (m.length === 2 && m[0] === '\\') ? m : m === '<' ? '&lt;' : m === '![' ? (parts.unsafeLink ? '!\\[' : '\\![') : `\\${m}`)),
    )
    .join('\n');
}

/**
 * Markdown an author wrote, made to read in any Markdown renderer as it reads in the workbench's preview (raw HTML off,
 * nothing fetched, no script link): outside code, `<` is written as `&lt;` (no tag, no autolink, no comment), an image
 * as a link to its address (nothing fetched), and, when the text has a link or image to an address other than a web
 * or mail address or an anchor (`javascript:`, however written), every bracket is escaped (its links read as text).
 * Code (fenced or indented, in lists and quotes too, as the parser finds it; in backticks) and escaped characters are
 * left as they are. Escaping can change what is code (a line that was code may join a paragraph), so the text is
 * parsed again after each pass until nothing active is left; text that still holds something active after a few
 * passes is written as one code block (shown as written, nothing in it read).
 */
export function inertMarkdown(markdown: string): string {
  let out = markdown;
  for (let pass = 0; pass < 4; pass++) {
    const parts = activeParts(out);
    if (!parts.html && !parts.image && !parts.unsafeLink) return out;
    out = escapeOnce(out, parts);
  }
  const parts = activeParts(out);
  if (!parts.html && !parts.image && !parts.unsafeLink) return out;
  let longest = 2;
  for (const run of markdown.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${markdown}\n${fence}`;
}

const SENTINEL = 'workbench-block-end';
/** Whether Markdown after the text would be read as part of it (an unclosed fence or HTML block runs on). */
function runsOn(markdown: string): boolean {
  const tokens = permissive.parse(`${markdown}\n\n# ${SENTINEL}\n`, {});
  return !tokens.some((t, i) => t.type === 'heading_open' && t.level === 0 && tokens[i + 1]?.content === SENTINEL);
}

/**
 * A block's text closed where it would run on into the next block (a fence left open would make every later section
 * code): the closer the parser needs is found by trying, as the parser reads it (a fence in a list closes with the list).
 */
export function closeOpenBlock(markdown: string): string {
  if (!runsOn(markdown)) return markdown;
  const fences = [...allTokens(permissive.parse(markdown, {}))].filter((t) => t.type === 'fence').map((t) => t.markup);
  const closers = [...new Set([...fences.reverse(), '```', '~~~', '`'.repeat(16), '~'.repeat(16)])];
  for (const closer of closers) if (!runsOn(`${markdown}\n${closer}`)) return `${markdown}\n${closer}`;
  // Nothing closes it (an HTML block of a kind that runs to its end tag, say): the block is written as code text.
  return markdown.split(/\r\n|\r|\n/).map((l) => `    ${l}`).join('\n');
}
