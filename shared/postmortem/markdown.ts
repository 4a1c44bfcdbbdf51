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
