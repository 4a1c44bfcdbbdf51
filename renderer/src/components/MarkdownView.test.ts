import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { htmlElements } from '../../../tests/support/htmlElements.ts';
import { MarkdownView } from './MarkdownView.tsx';
import { renderMarkdown } from '../../../shared/postmortem/markdown.ts';
import { holdsHidden, HOSTILE } from '../../../tests/support/hostileStrings.ts';

const draw = (markdown: string) => renderToStaticMarkup(createElement(MarkdownView, { markdown }));
/** The text of a document, entities decoded, whitespace runs as one space. */
const textOf = (html: string) => {
  // Elements apart by a space (the HTML string has line breaks between blocks, the React tree none).
  const walk = (nodes: ChildNode[]): string => nodes.map((n) => (n.type === 'text' ? (n as unknown as { data: string }).data : 'children' in n ? ` ${walk((n as Element).children)} ` : '')).join('');
  return walk(parseDocument(html, { decodeEntities: true }).children).replace(/\s+/g, ' ').trim();
};

describe('the Markdown preview, drawn as React elements from the parser\'s tokens', () => {
  const html = draw(HOSTILE.join('\n\n'));
  const all = htmlElements(html);

  it('draws no element that runs, fetches or links, and no attribute but class', () => {
    const names = new Set(all.map((e) => e.name));
    for (const bad of ['script', 'img', 'a', 'svg', 'iframe', 'style', 'foreignobject']) expect(names.has(bad), bad).toBe(false);
    for (const e of all) expect(Object.keys(e.attribs).filter((k) => k !== 'class'), e.name).toEqual([]);
    expect(holdsHidden(html)).toBe(false);
  });

  it('reads as the HTML export does: the same text, link addresses and image sources written out', () => {
    for (const hostile of HOSTILE) expect(textOf(draw(hostile)), hostile).toBe(textOf(renderMarkdown(hostile)));
    expect(textOf(draw('[click](javascript:alert(3))'))).toBe('click (javascript:alert(3))');
    expect(textOf(draw('![chart](https://evil.example/t.png)'))).toBe('[image: chart (https://evil.example/t.png)]');
  });

  it('keeps ordinary Markdown: headings, tight lists without paragraphs, emphasis, tables, code', () => {
    expect(draw('## Timeline\n\n- one\n- **two**')).toBe('<div class="markdown "><h2>Timeline</h2><ul><li>one</li><li><strong>two</strong></li></ul></div>');
    expect(draw('| a | b |\n| --- | --- |\n| 1 | 2 |')).toBe('<div class="markdown "><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></div>');
    expect(draw('```\nx < y\n```')).toBe('<div class="markdown "><pre><code>x &lt; y\n</code></pre></div>');
  });
});
