import type { RowError } from '../mapping.ts';
import type { RecordReader, SourceRecord } from './types.ts';

/** Headings under which a post-mortem list keeps things that are not post-mortems. */
const NOT_ENTRIES = /^(table of contents|other lists|analysis|contributors)/i;

/**
 * A Markdown list of post-mortems (danluu/post-mortems style): each paragraph that opens with
 * `[Name](url)` under a "##" heading is one record {section, name, url, summary, line}.
 */
export function createMarkdownListReader(_file: string): RecordReader {
  let pending = '';
  let lineNo = 0;
  let section = '';
  let paragraph: { line: number; text: string } | null = null;
  let rows = 0;

  const flush = (): SourceRecord[] => {
    if (!paragraph) return [];
    const p = paragraph;
    paragraph = null;
    const m = /^\[([^\]]+)\]\(([^)\s]+)\)\.?\s*([\s\S]*)$/.exec(p.text.trim());
    if (!m || section === '' || NOT_ENTRIES.test(section)) return [];
    return [{ row: ++rows, record: { section, name: m[1], url: m[2], summary: m[3]!.trim(), line: p.line } }];
  };

  const readLines = (lines: string[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const line of lines) {
      lineNo += 1;
      const heading = /^#{2,6}\s+(.*)$/.exec(line);
      if (heading) {
        for (const r of flush()) out.push(r);
        section = heading[1]!.trim();
      } else if (line.trim() === '') for (const r of flush()) out.push(r);
      else if (paragraph) paragraph.text += `\n${line}`;
      else paragraph = { line: lineNo, text: line };
    }
    return out;
  };

  return {
    format: 'markdown',
    push(text) {
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      return readLines(lines);
    },
    end() {
      const rest = pending;
      pending = '';
      return [...(rest === '' ? [] : readLines([rest])), ...flush()];
    },
    columns: () => ['section', 'name', 'url', 'summary', 'line'],
    rowsRead: () => rows,
    takeErrors: (): RowError[] => [],
  };
}
