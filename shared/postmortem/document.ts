import type { Codebook } from '../codebook/codebook.ts';
import { describeCode } from '../codebook/codebook.ts';
import { selfContainedHtml } from '../text/htmlDocument.ts';
import { ecdfChart, type ChartSpec } from '../report/charts.ts';
import { figureHtml } from '../report/htmlReport.ts';
import { formatMinutes, markdownText, type PrefilledPostmortem } from './prefill.ts';
import { closeOpenBlock, inertMarkdown, renderMarkdown } from './markdown.ts';
import type { CategoryStanding, SimilarIncident } from './similar.ts';
import type { PostmortemTemplate } from './template.ts';
import type { ActionItem, DraftContent, DraftSection } from './draft.ts';

/**
 * A postmortem as a document: a new draft from a template and what the workbench prefilled, and the draft written as
 * Markdown or as one self-contained HTML file (the Markdown rendered inert, the similar incidents and the incident's
 * place in its root-cause category beside it). The screen, the exports and the CLI all write it through here.
 */
export function draftFromTemplate(template: PostmortemTemplate, prefilled: PrefilledPostmortem): DraftContent {
  return {
    templateId: template.id,
    sections: template.sections.map((section) => {
      const values = section.prefill ? prefilled.sections[section.prefill] : [];
      const list = section.prefill === 'timeline' || values.length > 1;
      return {
        sectionId: section.id,
        title: section.title,
        kind: section.prefill,
        markdown: values.map((v) => (list ? `- ${v.markdown}` : v.markdown)).join('\n'),
        sources: [...new Set(values.map((v) => v.source))],
      };
    }),
    actionItems: [],
  };
}

function actionItemsMarkdown(items: readonly ActionItem[]): string {
  if (items.length === 0) return '';
  const cell = (text: string) => markdownText(text) || ' ';
  return ['| Action item | Owner | Due | Status |', '| --- | --- | --- | --- |', ...items.map((i) => `| ${cell(i.text)} | ${cell(i.owner)} | ${i.due === null ? '' : markdownText(i.due)} | ${i.status} |`)].join('\n');
}

export interface PostmortemContext {
  incidentId: string;
  title: string;
  similar: readonly SimilarIncident[];
  standing: CategoryStanding | null;
  codebook: Codebook;
  /** The incident's own time to mitigate, drawn against its category. */
  timeToMitigateMinutes: number | null;
}

/** This incident in its root-cause category's distribution of time to mitigate; null when the category has no times. */
export function standingChart(context: PostmortemContext): ChartSpec | null {
  const { standing } = context;
  if (!standing || standing.curve.length === 0) return null;
  const name = describeCode(context.codebook, 'rootCause', standing.category);
  const own = context.timeToMitigateMinutes;
  const lines = [{ name: `other incidents: ${name}`, points: standing.curve }];
  if (own !== null && own > 0) lines.push({ name: `this incident (${formatMinutes(own)})`, points: [[own, 0], [own, 1]] });
  return ecdfChart('postmortem-category-ttm', `Time to mitigate, root cause ${name}`, lines, 'minutes', `Share of the other incidents with the root cause ${name} mitigated within each time, with this incident's time as a vertical line. ${standingSentence(standing, context.codebook)}`);
}

/** Where the incident stands in its root-cause category, in words: the same sentence on the screen, in the chart's text and in the files. */
export function standingSentence(standing: CategoryStanding, codebook: Codebook): string {
  const name = describeCode(codebook, 'rootCause', standing.category);
  const t = standing.timeToMitigate;
  if (!t) return `No other incident with the root cause ${name} has a time to mitigate.`;
  const where = standing.targetPercentile === null ? '' : ` ${Math.round(standing.targetPercentile * 100)}% of them took no longer to mitigate than this one.`;
  return `Incidents with the root cause ${name}: ${t.n} with a time to mitigate, median ${formatMinutes(t.median)} (quartiles ${formatMinutes(t.q1)} to ${formatMinutes(t.q3)}).${where}`;
}

function learnedMarkdown(context: PostmortemContext): string {
  const lines: string[] = [];
  if (context.standing) {
    const { standing } = context;
    lines.push(markdownText(standingSentence(standing, context.codebook)));
    if (standing.mitigations.length) lines.push(`Mitigations used for them: ${standing.mitigations.map((m) => `${markdownText(describeCode(context.codebook, 'mitigation', m.code))} (${m.count})`).join(', ')}.`);
  }
  if (context.similar.length) {
    lines.push('', 'Similar past incidents:', '');
    for (const s of context.similar) {
      const mitigation = s.incident.codes.mitigation ? markdownText(describeCode(context.codebook, 'mitigation', s.incident.codes.mitigation)) : 'no mitigation code';
      lines.push(`- ${markdownText(s.incident.id)}: ${markdownText(s.incident.title)} (shares ${s.shared.join(', ')}; ${mitigation}${s.incident.timeToMitigateMinutes !== null ? `, mitigated in ${formatMinutes(s.incident.timeToMitigateMinutes)}` : ''})`);
    }
  }
  return lines.join('\n');
}

/** Where a draft's action items go: under the section for them, else after the last section. */
export function actionItemsSection(draft: DraftContent): DraftSection | undefined {
  return draft.sections.find((x) => x.kind === 'actionItems') ?? draft.sections.at(-1);
}

/**
 * The postmortem as blocks of Markdown in order (the title, each section's heading and text, the action items, what
 * similar incidents taught). `inert`: the author's text through inertMarkdown and closed where it leaves something open
 * (for a Markdown file, read by any renderer). The HTML export and the print view render each block on its own, so no
 * block can run into the next.
 */
export function postmortemBlocks(draft: DraftContent, context: PostmortemContext, { inert }: { inert: boolean }): string[] {
  const blocks = [`# Postmortem: ${markdownText(context.title)} (${markdownText(context.incidentId)})`];
  const itemsUnder = actionItemsSection(draft);
  for (const section of draft.sections) {
    // Blank lines around it go; a first line's indent stays (it may be an indented code block).
    const written = section.markdown.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
    const body = inert ? closeOpenBlock(inertMarkdown(written)) : written;
    const items = section === itemsUnder && draft.actionItems.length > 0;
    blocks.push(`## ${markdownText(section.title)}`, body === '' && !items ? '_(to be written)_' : body);
    if (section === itemsUnder) {
      const table = actionItemsMarkdown(draft.actionItems);
      if (table) blocks.push(table);
    }
  }
  const learned = learnedMarkdown(context);
  if (learned) blocks.push('## What similar incidents taught', learned);
  return blocks;
}

/** The draft as one Markdown file, inert in any Markdown renderer. */
export function postmortemMarkdown(draft: DraftContent, context: PostmortemContext): string {
  return `${postmortemBlocks(draft, context, { inert: true }).join('\n\n')}\n`;
}

const STYLE = `body{font-family:'Liberation Sans',Arial,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2rem .5rem}
.md-address{color:#555;font-size:.9em}.md-image{color:#555}pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}`;

/**
 * The draft as one self-contained HTML file: no script, nothing fetched (its CSP forbids it), the Markdown inert, and
 * the incident's place in its category drawn where `svgOf` can draw a chart (the SVG goes through an allow-list).
 */
export function postmortemHtml(draft: DraftContent, context: PostmortemContext, svgOf?: (chart: ChartSpec) => string): string {
  const chart = svgOf ? standingChart(context) : null;
  // The HTML renderer is inert by itself (and shows images as their address): the author's Markdown goes in as written,
  // each block rendered on its own.
  const body = postmortemBlocks(draft, context, { inert: false }).map(renderMarkdown).join('\n');
  return selfContainedHtml(`Postmortem: ${context.title}`, STYLE, chart ? `${body}\n${figureHtml(chart, svgOf!(chart))}` : body);
}
