import { describe, expect, it } from 'vitest';
import { inertSvg } from './inertSvg.ts';

describe('inertSvg', () => {
  it('keeps drawing elements, presentation attributes and text', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"><g transform="translate(1,2)"><path d="M0 0L1 1" fill="#fff" clip-path="url(#c)"/><text x="1" y="2">a &amp; b &lt; c</text></g></svg>';
    expect(inertSvg(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"><g transform="translate(1,2)"><path d="M0 0L1 1" fill="#fff" clip-path="url(#c)"></path><text x="1" y="2">a &amp; b &lt; c</text></g></svg>');
  });

  it('drops what could run or fetch, with everything inside it', () => {
    const svg = [
      '<svg onload="alert(1)">',
      '<script>alert(2)</script>',
      '<foreignObject><div onclick="x">html</div></foreignObject>',
      '<a href="javascript:alert(3)"><text>link</text></a>',
      '<image href="https://evil.example/i.png"/>',
      '<rect onmouseover=\'alert(4)\' style="fill:url(https://evil.example/p)" width="1"/>',
      '<text x="1" y="2" fill="url(#ok)">kept "quote"</text>',
      '</svg>',
    ].join('');
    const out = inertSvg(svg);
    expect(out).toBe('<svg><rect width="1"></rect><text x="1" y="2" fill="url(#ok)">kept &quot;quote&quot;</text></svg>');
  });

  it('escapes an attribute value so it cannot close its quotes', () => {
    expect(inertSvg('<svg><g id="a&quot; onload=&quot;x"></g></svg>')).toBe('<svg><g id="a&quot; onload=&quot;x"></g></svg>');
  });
});
