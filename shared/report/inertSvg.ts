import { Parser } from 'htmlparser2';

/**
 * An SVG made inert before it goes into the HTML report: rebuilt from its parse, keeping only drawing elements and
 * presentation attributes, every text and attribute value escaped again. The report's charts come from ECharts drawing
 * the report's own options, whose renderer escapes text but writes attribute values as given; names from a study
 * (codes, cohorts, people) end up in those charts, so nothing that could run or fetch (script, foreignObject, event
 * handlers, links, images, url() or image-set() styles, CSS escapes) is let through, nothing outside the one root
 * <svg> is kept, and a style keeps only the properties a chart needs, whatever the renderer wrote.
 */
const ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc', 'defs',
  'clippath', 'lineargradient', 'radialgradient', 'stop', 'pattern', 'mask',
]);
const ATTRIBUTE = /^(?:xmlns|version|baseprofile|width|height|viewbox|x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|d|points|transform|fill|fill-opacity|fill-rule|stroke|stroke-width|stroke-opacity|stroke-linecap|stroke-linejoin|stroke-miterlimit|stroke-dasharray|stroke-dashoffset|opacity|font-family|font-size|font-weight|font-style|text-anchor|dominant-baseline|alignment-baseline|letter-spacing|offset|stop-color|stop-opacity|gradientunits|gradienttransform|patternunits|clip-path|clippathunits|mask|id|class|style|paint-order|dx|dy|visibility|display)$/;
/** Paint values may point into the drawing (`url(#id)`), never outside it; a backslash could spell `url(` in CSS. */
const OUTSIDE_REFERENCE = /\\|url\s*\(\s*(?!['"]?#)|image-set|image\s*\(|cross-fade|element\s*\(|expression\s*\(|javascript:|@import/i;
/** The style properties a chart needs (ECharts writes fonts and a few paint settings); any other is dropped. */
const STYLE_PROPERTIES = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'opacity', 'pointer-events', 'white-space', 'paint-order', 'dominant-baseline', 'text-anchor', 'visibility', 'display']);

/** A style attribute with only allowed properties and safe values; empty when nothing is left. */
function inertStyle(style: string): string {
  return style
    .split(';')
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon === -1) return '';
      const property = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      return STYLE_PROPERTIES.has(property) && !OUTSIDE_REFERENCE.test(value) ? `${property}:${value}` : '';
    })
    .filter((d) => d !== '')
    .join(';');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inertSvg(svg: string): string {
  const out: string[] = [];
  // Depth inside an element that was dropped: its whole content goes with it.
  let dropped = 0;
  // Depth inside the one root <svg>: nothing before it opens or after it closes is kept (it would land in the page).
  let depth = 0;
  let rootDone = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        const outside = depth === 0 && (rootDone || tag !== 'svg');
        if (dropped > 0 || outside || !ELEMENTS.has(tag)) {
          dropped += 1;
          return;
        }
        depth += 1;
        const kept = Object.entries(attributes)
          .map(([key, value]): [string, string] => [key, key.toLowerCase() === 'style' ? inertStyle(value) : value])
          .filter(([key, value]) => ATTRIBUTE.test(key.toLowerCase()) && value !== '' && !OUTSIDE_REFERENCE.test(value));
        out.push(`<${name}${kept.map(([key, value]) => ` ${key}="${escape(value)}"`).join('')}>`);
      },
      ontext(text) {
        if (dropped === 0 && depth > 0) out.push(escape(text));
      },
      onclosetag(name) {
        if (dropped > 0) {
          dropped -= 1;
          return;
        }
        depth -= 1;
        if (depth === 0) rootDone = true;
        out.push(`</${name}>`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(svg);
  parser.end();
  return out.join('');
}
