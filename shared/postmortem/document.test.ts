import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { HOSTILE } from '../../tests/support/hostileStrings.ts';
import { htmlElements } from '../../tests/support/htmlElements.ts';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import { makeIncident } from '../model/testFactories.ts';
import { draftFromTemplate, postmortemHtml, postmortemMarkdown, standingChart } from './document.ts';
import { markdownText, prefillPostmortem } from './prefill.ts';
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
    expect(md).toContain(markdownText('100% of them took no longer to mitigate than this one.'));
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

  it('a block left open in one section ends there, in the Markdown file and the HTML, so the later sections stay sections', () => {
    const open = { ...draft, sections: draft.sections.map((x) => (x.sectionId === 'summary' ? { ...x, markdown: '```\n<script>x()</script>' } : x.sectionId === 'impact' ? { ...x, markdown: HOSTILE.join('\n\n') } : x)) };
    const html = postmortemHtml(open, context);
    expect(html.match(/<h2>/g)).toHaveLength(defaultTemplate().sections.length + 1);
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    const md = postmortemMarkdown(open, context);
    const renderer = new MarkdownIt({ html: true });
    renderer.validateLink = () => true;
    const rendered = renderer.render(md);
    expect(htmlElements(rendered).filter((e) => e.name === 'h2')).toHaveLength(defaultTemplate().sections.length + 1);
    for (const e of htmlElements(rendered)) expect(['script', 'img', 'iframe', 'svg', 'style'], e.name).not.toContain(e.name);
    for (const e of htmlElements(rendered)) if (e.attribs.href !== undefined) expect(e.attribs.href).toMatch(/^https?:/);
  });
});
