import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/** Every element of an HTML text, scripts and styles included, in document order (for tests of what a page holds). */
export function htmlElements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
      out.push(n as Element);
      walk((n as Element).children);
    }
  };
  walk(parseDocument(html).children);
  return out;
}

/** Elements that would run, embed, fetch or link if the HTML were opened. */
export const ACTIVE_ELEMENTS = ['script', 'iframe', 'img', 'image', 'object', 'embed', 'foreignobject', 'a', 'link', 'use', 'svg', 'style', 'meta', 'base', 'form'];
