import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { renderMarkdown } from './markdown.ts';
import { markdownText } from './prefill.ts';
import { HIDDEN, HOSTILE } from '../../tests/support/hostileStrings.ts';

function elements(nodes: ChildNode[], out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    out.push(n as Element);
    elements((n as Element).children, out);
  }
  return out;
}

describe('postmortem Markdown rendering', () => {
  const html = renderMarkdown(HOSTILE.join('\n\n'));
  const all = elements(parseDocument(html).children);

  it('renders no element that runs, fetches or links, and no attribute at all but class', () => {
    expect([...new Set(all.map((e) => e.name))].sort()).toEqual(['code', 'p', 'pre', 'span']);
    for (const e of all) expect(Object.keys(e.attribs).filter((k) => k !== 'class'), e.name).toEqual([]);
  });

  it('shows the hostile text as text: tags escaped, addresses written out, hidden characters marked', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="md-link">click</span> <span class="md-address">(javascript:alert(3))</span>');
    expect(html).toContain('<span class="md-image">[image: chart (https://evil.example/track.png)]</span>');
    expect(html).not.toMatch(HIDDEN);
    expect(html).toContain('⟦');
  });

  it('keeps ordinary Markdown: headings, lists, emphasis', () => {
    expect(renderMarkdown('## Timeline\n\n- one\n- **two**')).toBe('<h2>Timeline</h2>\n<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n');
  });

  it('an incident title escaped by the prefill reads back exactly as it was written', () => {
    const title = '<img src=x onerror=alert(1)> [x](javascript:y) *bold* #1';
    expect(renderMarkdown(markdownText(title))).toBe(`<p>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`);
  });
});
