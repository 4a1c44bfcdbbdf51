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

  it('keeps nothing outside the one root svg, and only the style a chart needs', () => {
    expect(inertSvg('<g>before</g><svg><g></g></svg><text style="position:fixed">after</text><svg><rect/></svg>')).toBe('<svg><g></g></svg>');
    const styled = inertSvg(
      '<svg style="background-image:image-set(\'https://evil.example/a\' 1x)"><text style="font-size:12px;font-family:sans-serif;position:fixed;fill:\\75 rl(https://evil.example/b)">t</text><rect style="fill:u\\rl(https://evil.example/c)" width="1"/></svg>',
    );
    expect(styled).toBe('<svg><text style="font-size:12px;font-family:sans-serif">t</text><rect width="1"></rect></svg>');
  });

  it('escapes an attribute value so it cannot close its quotes', () => {
    expect(inertSvg('<svg><g id="a&quot; onload=&quot;x"></g></svg>')).toBe('<svg><g id="a&quot; onload=&quot;x"></g></svg>');
  });
});
