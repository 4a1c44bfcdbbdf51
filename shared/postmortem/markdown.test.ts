import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { closeOpenBlock, inertMarkdown, renderMarkdown } from './markdown.ts';
import { htmlElements } from '../../tests/support/htmlElements.ts';
import { markdownText } from './prefill.ts';
import { holdsHidden, HOSTILE, HOSTILE_BY_NAME as H } from '../../tests/support/hostileStrings.ts';

describe('postmortem Markdown rendering', () => {
  const html = renderMarkdown(HOSTILE.join('\n\n'));
  const all = htmlElements(html);

  it('renders no element that runs, fetches or links, and no attribute at all but class', () => {
    for (const name of new Set(all.map((e) => e.name))) expect(['code', 'li', 'p', 'pre', 'span', 'ul'], name).toContain(name);
    for (const e of all) expect(Object.keys(e.attribs).filter((k) => k !== 'class'), e.name).toEqual([]);
  });

  it('shows the hostile text as text: tags escaped, addresses written out, hidden characters marked', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="md-link">click</span> <span class="md-address">(javascript:alert(3))</span>');
    expect(html).toContain('<span class="md-image">[image: chart (https://evil.example/track.png)]</span>');
    expect(holdsHidden(html)).toBe(false);
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

/** A renderer as permissive as they come: raw HTML on, every link followed, addresses linkified. */
function permissive(markdown: string): string {
  const renderer = new MarkdownIt({ html: true, linkify: true });
  renderer.validateLink = () => true;
  return renderer.render(markdown);
}

describe('Markdown written to a file: inert in any renderer', () => {
  it('every hostile string, made inert, renders with no element that runs or fetches and no link but to the web', () => {
    for (const hostile of HOSTILE) {
      const all = htmlElements(permissive(closeOpenBlock(inertMarkdown(hostile))));
      for (const e of all) expect(['script', 'img', 'iframe', 'svg', 'style', 'foreignobject', 'object', 'embed'], `${hostile} → <${e.name}>`).not.toContain(e.name);
      for (const e of all) if (e.attribs.href !== undefined) expect(e.attribs.href, hostile).toMatch(/^https?:/);
      for (const e of all) expect(Object.keys(e.attribs).filter((k) => k.startsWith('on')), hostile).toEqual([]);
    }
  });

  it('reads as the preview does: tags as text, images as links, a script link as text; code and escapes left as written', () => {
    expect(permissive(inertMarkdown(H.script))).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(inertMarkdown('`<b>` and \\< and <i>')).toBe('`<b>` and \\< and &lt;i>');
    expect(inertMarkdown(H.indentedCode)).toBe(H.indentedCode);
    expect(inertMarkdown('> ```\n> <b>x</b>\n> ```')).toBe('> ```\n> <b>x</b>\n> ```');
    expect(inertMarkdown(H.remoteImage)).toBe('\\![chart](https://evil.example/track.png)');
    expect(permissive(inertMarkdown(H.scriptLink))).toBe('<p>[click](javascript:alert(3))</p>\n');
    // A list's fence closes with the list: the line after it is text, and its tag is escaped.
    expect(inertMarkdown(H.fenceInList).split('\n').at(-1)).toBe('after the list &lt;img src=x onerror=alert(9)>');
  });

  it('closes what a block leaves open, as the parser reads it, so the next section stays a section', () => {
    const next = '\n\n## Next';
    const headings = (markdown: string) => htmlElements(permissive(markdown)).filter((e) => e.name === 'h2').length;
    expect(closeOpenBlock('```ts\nlet x = 1;')).toBe('```ts\nlet x = 1;\n```');
    expect(closeOpenBlock('~~~~\n```\nstill code')).toBe('~~~~\n```\nstill code\n~~~~');
    // Closed already, or closed by its list: left alone (a fence added there would open a new block).
    expect(closeOpenBlock('```\ncode\n```\nafter')).toBe('```\ncode\n```\nafter');
    expect(closeOpenBlock(H.fenceInList)).toBe(H.fenceInList);
    for (const hostile of HOSTILE) expect(headings(closeOpenBlock(inertMarkdown(hostile)) + next), hostile).toBe(1);
  });
});
