import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { HOSTILE } from '../../tests/support/hostileStrings.ts';

function elementsOf(nodes: ChildNode[], out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    out.push(n as Element);
    elementsOf((n as Element).children, out);
  }
  return out;
}
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { makeIncident } from '../model/testFactories.ts';
import { closeOpenFence, inertMarkdown, draftFromTemplate, postmortemHtml, postmortemMarkdown, standingChart } from './document.ts';
import { prefillPostmortem } from './prefill.ts';
import { categoryStanding, findSimilarIncidents, type CodedIncident } from './similar.ts';
import { defaultTemplate, templateFromMarkdown } from './template.ts';

const codebook = loadDefaultCodebook();
const incident = makeIncident('INC-9', {
  title: 'Chat <script>alert(1)</script> down',
  createdAt: '2024-03-01T10:00:00.000Z',
  detectedAt: '2024-03-01T10:03:00.000Z',
  mitigatedAt: '2024-03-01T11:00:00.000Z',
  timeToMitigateMinutes: 60,
  discussion: [{ at: '2024-03-01T10:30:00.000Z', author: 'ana', text: 'see ![x](https://evil.example/p.png)' }],
});
const codes = [{ dimension: 'rootCause', code: 'code-bug', origin: 'agreed' as const }];
const coded: CodedIncident[] = [
  { id: 'INC-9', title: incident.title, createdAt: incident.createdAt, timeToMitigateMinutes: 60, mitigationText: '', codes: { rootCause: 'code-bug' } },
  { id: 'INC-1', title: 'Chat down before', createdAt: '2024-01-01T00:00:00.000Z', timeToMitigateMinutes: 30, mitigationText: '', codes: { rootCause: 'code-bug', mitigation: 'code-fix' } },
];

describe('a postmortem document', () => {
  const draft = draftFromTemplate(defaultTemplate(), prefillPostmortem(incident, codes, codebook));
  const context = { incidentId: 'INC-9', title: incident.title, similar: findSimilarIncidents(coded[0]!, coded), standing: categoryStanding(coded[0]!, coded), codebook, timeToMitigateMinutes: incident.timeToMitigateMinutes };

  it('a new draft has every section of the template, prefilled where the workbench can, with the sources', () => {
    expect(draft.sections.map((s) => s.sectionId)).toEqual(defaultTemplate().sections.map((s) => s.id));
    const timeline = draft.sections.find((s) => s.sectionId === 'timeline')!;
    expect(timeline.markdown.split('\n')).toHaveLength(4);
    expect(timeline.markdown.split('\n')[0]).toBe('- 2024-03-01 10:00 UTC: Incident opened');
    expect(timeline.sources).toEqual(['incident: created', 'incident: detected', 'incident: discussion', 'incident: mitigated']);
    expect(draft.sections.find((s) => s.sectionId === 'wentWell')!.markdown).toBe('');
  });

  it('as Markdown: the sections in order, what similar incidents taught at the end', () => {
    const md = postmortemMarkdown(draft, context);
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual([...defaultTemplate().sections.map((s) => `## ${s.title}`), '## What similar incidents taught']);
    expect(md).toContain('median 30 min');
    // The one other code bug took 30 min against this one's 60.
    expect(md).toContain('100% of them took no longer to mitigate than this one.');
    expect(md).toContain('- INC\\-1: Chat down before (shares root cause; Code fix, mitigated in 30 min)');
  });

  it('action items go under the section for them, even in a template of the author\'s own; their cells stay cells', () => {
    const template = templateFromMarkdown('## Overview\n## Follow-ups\n## Appendix', 'Own', 'own');
    const own = { ...draftFromTemplate(template, prefillPostmortem(incident, codes, codebook)), actionItems: [{ id: 'a', text: 'Fix | it', owner: 'Ana', due: '2024-07-01', status: 'open' as const }] };
    const md = postmortemMarkdown(own, context);
    const followUps = md.slice(md.indexOf('## Follow\\-ups'), md.indexOf('## Appendix'));
    expect(followUps).toContain('| Fix \\| it | Ana | 2024\\-07\\-01 | open |');
    expect(md.slice(md.indexOf('## Appendix'))).not.toContain('| Action item |');
  });

  it('as HTML: the text inert, nothing to fetch, the timeline there', () => {
    const html = postmortemHtml(draft, context);
    expect(html).not.toMatch(/<script|<img|<a /);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('2024-03-01 10:00 UTC: Incident opened');
    expect(html).toContain("default-src 'none'");
  });

  it('draws the incident against its category: the others\' ECDF and its own time as a line, through the SVG allow-list', () => {
    const chart = standingChart(context)!;
    const series = (chart.option.series as Array<{ name: string; data: Array<[number, number]> }>);
    // The only other code bug took 30 min: one step to 1 at 30; this incident's 60 min is the vertical line.
    expect(series[0]!.data).toEqual([[30, 1]]);
    expect(series[1]!.data).toEqual([[60, 0], [60, 1]]);
    const html = postmortemHtml(draft, context, () => '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><path d="M0 0" onload="x()"/></svg>');
    expect(html).toContain('<figure id="figure-postmortem-category-ttm"');
    expect(html).toContain('<path d="M0 0"');
    expect(html).not.toMatch(/<script|onload/);
  });

  it('a code fence left open in one section is closed there, so the later sections stay sections', () => {
    expect(closeOpenFence('```ts\nlet x = 1;')).toBe('```ts\nlet x = 1;\n```');
    expect(closeOpenFence('~~~~\n```\nstill code')).toBe('~~~~\n```\nstill code\n~~~~');
    expect(closeOpenFence('```\ncode\n```\nafter')).toBe('```\ncode\n```\nafter');
    const open = { ...draft, sections: draft.sections.map((x) => (x.sectionId === 'summary' ? { ...x, markdown: '```\n<script>x()</script>' } : x)) };
    const html = postmortemHtml(open, context);
    expect(html.match(/<h2>/g)).toHaveLength(defaultTemplate().sections.length + 1);
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt;');
  });

  it('the Markdown file reads inert in any renderer, raw HTML on: no tag, no fetch, no script link; code left as written', () => {
    const hostileDraft = { ...draft, sections: draft.sections.map((x) => (x.sectionId === 'wentPoorly' ? { ...x, markdown: HOSTILE.join('\n\n') } : x)) };
    const md = postmortemMarkdown(hostileDraft, context);
    // A permissive renderer: raw HTML on, links and autolinks followed as the CommonMark default allows.
    const rendered = new MarkdownIt({ html: true, linkify: true }).render(md);
    const names = new Set(elementsOf(parseDocument(rendered).children).map((e) => e.name));
    for (const bad of ['script', 'img', 'iframe', 'svg', 'style', 'foreignobject']) expect(names.has(bad), bad).toBe(false);
    const hrefs = elementsOf(parseDocument(rendered).children).flatMap((e) => (e.attribs.href ? [e.attribs.href] : []));
    expect(hrefs.filter((h) => !/^https?:/.test(h))).toEqual([]);
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Code keeps its characters; escapes stay escapes; an image becomes a link to its address.
    expect(inertMarkdown('`<b>` and \\< and <i>')).toBe('`<b>` and \\< and &lt;i>');
    expect(inertMarkdown('```\n<script>\n```\n<b>')).toBe('```\n<script>\n```\n&lt;b>');
    expect(inertMarkdown('![chart](https://x.example/a.png) [go](javascript:alert(1))')).toBe('\\![chart](https://x.example/a.png) [go\\](javascript:alert(1))');
  });
});
