import type { Codebook } from '../codebook/codebook.ts';
import { describeCode } from '../codebook/codebook.ts';
import { selfContainedHtml } from '../text/htmlDocument.ts';
import { ecdfChart, type ChartSpec } from '../report/charts.ts';
import { figureHtml } from '../report/htmlReport.ts';
import { formatMinutes, markdownText, type PrefilledPostmortem } from './prefill.ts';
import { renderMarkdown } from './markdown.ts';
import type { CategoryStanding, SimilarIncident } from './similar.ts';
import type { PostmortemTemplate } from './template.ts';
import type { ActionItem, DraftContent } from './draft.ts';

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
  const where = standing.targetPercentile === null ? '' : ` This incident took as long as or longer than ${Math.round(standing.targetPercentile * 100)}% of them.`;
  return ecdfChart('postmortem-category-ttm', `Time to mitigate, root cause ${name}`, lines, 'minutes', `Share of the other incidents with the root cause ${name} mitigated within each time, with this incident's time as a vertical line.${where} The numbers are in "What similar incidents taught".`);
}

function learnedMarkdown(context: PostmortemContext): string {
  const lines: string[] = [];
  if (context.standing) {
    const { standing } = context;
    const name = markdownText(describeCode(context.codebook, 'rootCause', standing.category));
    const t = standing.timeToMitigate;
    lines.push(
      t
        ? `Incidents with the root cause ${name}: ${t.n} with a time to mitigate, median ${formatMinutes(t.median)} (quartiles ${formatMinutes(t.q1)} to ${formatMinutes(t.q3)}).${standing.targetPercentile !== null ? ` ${Math.round(standing.targetPercentile * 100)}% of them took no longer to mitigate than this one.` : ''}`
        : `No other incident with the root cause ${name} has a time to mitigate.`,
    );
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

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** For each line, whether it belongs to a fenced code block (its fences included); and the fence left open at the end. */
function fencedLines(lines: readonly string[]): { inside: boolean[]; open: { char: string; length: number } | null } {
  let open: { char: string; length: number } | null = null;
  const inside = lines.map((line) => {
    const fence = FENCE.exec(line);
    if (open === null) {
      // A backtick fence's info string has no backtick.
      if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) open = { char: fence[1]![0]!, length: fence[1]!.length };
      return open !== null;
    }
    if (fence && fence[1]![0] === open.char && fence[1]!.length >= open.length && fence[2]!.trim() === '') open = null;
    return true;
  });
  return { inside, open };
}

/**
 * A section's text with any code fence it leaves open closed at its end: a fence opened in one section would
 * otherwise swallow every later section of the document as code.
 */
export function closeOpenFence(markdown: string): string {
  const { open } = fencedLines(markdown.split(/\r\n|\r|\n/));
  return open === null ? markdown : `${markdown}\n${open.char.repeat(open.length)}`;
}

/**
 * The author's Markdown made to read in any Markdown renderer as it reads in the workbench's preview (where raw HTML is
 * off and nothing is fetched): outside code, a `<` is written as `&lt;` (no tag, no autolink), an image as a link (no
 * fetch), and a link to a `javascript:`, `vbscript:`, `data:` or `file:` address as plain text. Escaped characters and
 * code (fenced or in backticks) are left as they are.
 */
export function inertMarkdown(markdown: string): string {
  const lines = markdown.split(/\r\n|\r|\n/);
  const { inside } = fencedLines(lines);
  return lines
    .map((line, i) => (inside[i] ? line : line.replace(/(`+)[^`]*?\1|\\[\s\S]|<|!\[|\]\(\s*<?\s*(?:javascript|vbscript|data|file):/gi, (m, ticks: string | undefined) => (ticks || m.startsWith('\\') ? m : m === '<' ? '&lt;' : m === '![' ? '\\![' : `\\${m}`))))
    .join('\n');
}

/** The draft as one Markdown document (`inert`: the author's sections through inertMarkdown, for the file). */
export function postmortemMarkdown(draft: DraftContent, context: PostmortemContext, { inert = true }: { inert?: boolean } = {}): string {
  const parts = [`# Postmortem: ${markdownText(context.title)} (${markdownText(context.incidentId)})`];
  // Action items go under the section for them, else after the last section.
  const itemsUnder = draft.sections.find((x) => x.kind === 'actionItems') ?? draft.sections.at(-1);
  for (const section of draft.sections) {
    const written = closeOpenFence(section.markdown.trim());
    const body = inert ? inertMarkdown(written) : written;
    const items = section === itemsUnder && draft.actionItems.length > 0;
    parts.push(`## ${markdownText(section.title)}`, body === '' && !items ? '_(to be written)_' : body);
    if (section === itemsUnder) {
      const table = actionItemsMarkdown(draft.actionItems);
      if (table) parts.push(table);
    }
  }
  const learned = learnedMarkdown(context);
  if (learned) parts.push('## What similar incidents taught', learned);
  return `${parts.join('\n\n')}\n`;
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
  // The HTML renderer is inert by itself (and shows images as their address): the author's Markdown goes in as written.
  const body = renderMarkdown(postmortemMarkdown(draft, context, { inert: false }));
  return selfContainedHtml(`Postmortem: ${context.title}`, STYLE, chart ? `${body}\n${figureHtml(chart, svgOf!(chart))}` : body);
}
