import { Parser } from 'htmlparser2';

/**
 * An SVG made inert before it goes into the HTML report: rebuilt from its parse, keeping only drawing elements and
 * presentation attributes, every text and attribute value escaped again. The report's charts come from ECharts drawing
 * the report's own options, whose renderer escapes text but writes attribute values as given; names from a study
 * (codes, cohorts, people) end up in those charts, so nothing that could run or fetch (script, foreignObject, event
 * handlers, links, images, url() styles) is let through, whatever the renderer wrote.
 */
const ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc', 'defs',
  'clippath', 'lineargradient', 'radialgradient', 'stop', 'pattern', 'mask',
]);
const ATTRIBUTE = /^(?:xmlns|version|baseprofile|width|height|viewbox|x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|d|points|transform|fill|fill-opacity|fill-rule|stroke|stroke-width|stroke-opacity|stroke-linecap|stroke-linejoin|stroke-miterlimit|stroke-dasharray|stroke-dashoffset|opacity|font-family|font-size|font-weight|font-style|text-anchor|dominant-baseline|alignment-baseline|letter-spacing|offset|stop-color|stop-opacity|gradientunits|gradienttransform|patternunits|clip-path|clippathunits|mask|id|class|style|paint-order|dx|dy|visibility|display)$/;
/** Style and paint values may point into the document (`url(#id)`), never outside it. */
const OUTSIDE_REFERENCE = /url\s*\(\s*(?!['"]?#)|expression\s*\(|javascript:|@import/i;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inertSvg(svg: string): string {
  const out: string[] = [];
  // Depth inside an element that was dropped: its whole content goes with it.
  let dropped = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (dropped > 0 || !ELEMENTS.has(tag)) {
          dropped += 1;
          return;
        }
        const kept = Object.entries(attributes).filter(([key, value]) => ATTRIBUTE.test(key.toLowerCase()) && !OUTSIDE_REFERENCE.test(value));
        out.push(`<${name}${kept.map(([key, value]) => ` ${key}="${escape(value)}"`).join('')}>`);
      },
      ontext(text) {
        if (dropped === 0) out.push(escape(text));
      },
      onclosetag(name) {
        if (dropped > 0) {
          dropped -= 1;
          return;
        }
        out.push(`</${name}>`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(svg);
  parser.end();
  return out.join('');
}
