import { createElement, type ReactNode } from 'react';
import { markdownTokens } from '../../../shared/postmortem/markdown.ts';
import { visibleTextString } from '../../../shared/text/hiddenText.ts';

type Token = ReturnType<typeof markdownTokens>[number];

/** The elements Markdown may draw; anything else (there should be nothing else: raw HTML is off) is drawn as a span. */
const TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'em', 'strong', 's', 'code', 'pre', 'hr', 'br']);

interface Open {
  tag: string;
  href: string | null;
  children: ReactNode[];
}

/**
 * Markdown tokens as React elements. Text goes in as text nodes (React escapes it), with hidden characters shown as
 * markers; links are their text followed by the address in plain text (nothing to click, nothing followed), images
 * their alt text and address (nothing fetched). The same rules as the HTML export (shared/postmortem/markdown.ts).
 */
function elements(tokens: readonly Token[]): ReactNode[] {
  const root: Open = { tag: '', href: null, children: [] };
  const stack: Open[] = [root];
  const top = () => stack[stack.length - 1]!;
  const add = (node: ReactNode) => top().children.push(node);
  let key = 0;
  const el = (tag: string, props: Record<string, unknown>, ...children: ReactNode[]) => createElement(TAGS.has(tag) ? tag : 'span', { key: key++, ...props }, ...children);
  for (const token of tokens) {
    // A tight list's paragraphs are not drawn as paragraphs.
    if (token.hidden && (token.type === 'paragraph_open' || token.type === 'paragraph_close')) continue;
    if (token.nesting === 1) {
      stack.push({ tag: token.type === 'link_open' ? 'link' : token.tag, href: token.type === 'link_open' ? (token.attrGet('href') ?? '') : null, children: [] });
      continue;
    }
    if (token.nesting === -1) {
      const open = stack.length > 1 ? stack.pop()! : root;
      if (open.tag === 'link') {
        add(el('span', { className: 'md-link' }, ...open.children));
        if (open.href) add(el('span', { className: 'md-address' }, ` (${visibleTextString(open.href)})`));
      } else add(el(open.tag, {}, ...open.children));
      continue;
    }
    switch (token.type) {
      case 'inline':
        for (const child of elements(token.children ?? [])) add(child);
        break;
      case 'text':
      case 'html_inline':
      case 'html_block':
        add(visibleTextString(token.content));
        break;
      case 'softbreak':
        add('\n');
        break;
      case 'hardbreak':
        add(el('br', {}));
        break;
      case 'code_inline':
        add(el('code', {}, visibleTextString(token.content)));
        break;
      case 'fence':
      case 'code_block':
        add(el('pre', {}, el('code', {}, visibleTextString(token.content))));
        break;
      case 'hr':
        add(el('hr', {}));
        break;
      case 'image': {
        const alt = token.children?.map((c) => c.content).join('') ?? token.content;
        const src = token.attrGet('src') ?? '';
        add(el('span', { className: 'md-image' }, `[image: ${visibleTextString(alt)}${src ? ` (${visibleTextString(src)})` : ''}]`));
        break;
      }
      default:
        if (token.content) add(visibleTextString(token.content));
    }
  }
  // Whatever the parser left open is closed here, so no text is lost.
  while (stack.length > 1) {
    const open = stack.pop()!;
    top().children.push(el(open.tag === 'link' ? 'span' : open.tag, {}, ...open.children));
  }
  return root.children;
}

export function MarkdownView({ markdown, className, testId }: { markdown: string; className?: string; testId?: string }) {
  return (
    <div className={`markdown ${className ?? ''}`} data-testid={testId}>
      {elements(markdownTokens(markdown))}
    </div>
  );
}
