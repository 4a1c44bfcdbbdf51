import { describe, expect, it } from 'vitest';
import { addSection, MAX_TEMPLATE_SECTIONS, defaultTemplate, moveSection, removeSection, renameSection, templateFromMarkdown } from './template.ts';

describe('postmortem templates', () => {
  it('the default has the ten sections, each filled by its kind', () => {
    const t = defaultTemplate();
    expect(t.sections.map((s) => s.title)).toEqual(['Summary', 'Impact', 'Detection', 'Timeline', 'Triage', 'Root cause', 'Mitigation', 'What went well', 'What went poorly', 'Action items']);
    expect(t.sections.every((s) => s.prefill === s.id)).toBe(true);
  });

  it('a Markdown skeleton: headings become sections in order, known titles are filled once, fenced code is skipped', () => {
    const t = templateFromMarkdown(['# Incident review', 'Intro text', '## Overview', '```', '## not a heading', '```', '## Contributing factors', '### Timeline ##', '## Our own section', '## Summary', '## Follow-ups'].join('\n'), 'Team skeleton', 'team');
    expect(t.sections.map((s) => [s.title, s.prefill])).toEqual([
      ['Incident review', null],
      ['Overview', 'summary'],
      ['Contributing factors', 'rootCause'],
      ['Timeline', 'timeline'],
      ['Our own section', null],
      ['Summary', null],
      ['Follow-ups', 'actionItems'],
    ]);
    expect(() => templateFromMarkdown('no headings here', 'x', 'x')).toThrow(/no heading/);
  });

  it('sections are renamed, moved, added and removed, each as a new template', () => {
    const t = defaultTemplate();
    const renamed = renameSection(t, 'impact', 'Customer impact');
    expect(renamed.sections[1]!.title).toBe('Customer impact');
    expect(t.sections[1]!.title).toBe('Impact');
    expect(moveSection(t, 'actionItems', 0).sections.map((s) => s.id).slice(0, 2)).toEqual(['actionItems', 'summary']);
    expect(addSection(t, 'Glossary', 'glossary', 1).sections.map((s) => s.id).slice(0, 3)).toEqual(['summary', 'glossary', 'impact']);
    expect(() => addSection(t, 'Again', 'summary')).toThrow(/already/);
    // Added one by one, as from a skeleton: at most MAX_TEMPLATE_SECTIONS.
    let full = t;
    while (full.sections.length < MAX_TEMPLATE_SECTIONS) full = addSection(full, `S${full.sections.length}`, `s${full.sections.length}`);
    expect(() => addSection(full, 'One more', 'extra')).toThrow(`at most ${MAX_TEMPLATE_SECTIONS} sections`);
    expect(removeSection(t, 'triage').sections).toHaveLength(9);
    expect(() => removeSection({ ...t, sections: [t.sections[0]!] }, 'summary')).toThrow(/at least one/);
  });
});
