import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { loadDefaultCodebook, type Codebook } from '../../shared/codebook/codebook.ts';
import { renderReportHtml } from '../../shared/report/htmlReport.ts';
import { buildStudyReport } from '../../shared/report/studyReport.ts';
import type { AnalysisIncident } from '../../shared/report/generalStatistics.ts';
import type { FinalLabel } from '../../shared/study/finalLabels.ts';
import { chartSvgHeadless } from './report.ts';

// Names a study can hold (typed by people, or from imported files), in every place the report writes one.
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "' onmouseover='alert(3)",
  'javascript:alert(4)',
  '<svg><foreignObject><iframe src="https://evil.example/"></iframe></foreignObject></svg>',
  '<a href="https://evil.example/x.png">![x](https://evil.example/y.png)</a>',
  `tag\u{E0041}\u{E0042} and bidi \u202Egnp.exe`,
];

function hostileCodebook(): Codebook {
  const codebook = structuredClone(loadDefaultCodebook());
  codebook.dimensions.symptom![0]!.name = HOSTILE[0]!;
  codebook.dimensions.symptom![1]!.name = HOSTILE[1]!;
  codebook.dimensions.rootCause![0]!.name = HOSTILE[2]!;
  codebook.dimensions.rootCause![1]!.name = HOSTILE[4]!;
  codebook.dimensions.mitigation![0]!.name = HOSTILE[6]!;
  return codebook;
}

function elements(nodes: ChildNode[], out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      out.push(node as Element);
      elements((node as Element).children, out);
    }
  }
  return out;
}

describe('the HTML report with hostile names everywhere', () => {
  const codebook = hostileCodebook();
  const [s0, s1] = codebook.dimensions.symptom!.map((c) => c.code);
  const [r0, r1] = codebook.dimensions.rootCause!.map((c) => c.code);
  const m0 = codebook.dimensions.mitigation![0]!.code;
  const incidents: AnalysisIncident[] = Array.from({ length: 6 }, (_, i) => ({
    id: `I${i}`,
    createdAt: `2024-0${1 + (i % 3)}-01T00:00:00.000Z`,
    severity: 'high',
    detectionType: i % 2 ? 'human' : 'monitor',
    falseAlarm: false,
    transferHops: i % 3,
    timeToMitigateMinutes: 10 * (i + 1),
    hasTroubleshootingGuide: true,
    serviceStage: 'ga',
    monitorName: HOSTILE[3]!,
  }));
  const finalLabels: FinalLabel[] = incidents.flatMap((x, i) => [
    { incidentId: x.id, dimension: 'symptom', code: i % 2 ? s0! : s1!, origin: 'agreed' as const },
    { incidentId: x.id, dimension: 'rootCause', code: i % 3 ? r0! : r1!, origin: 'resolved' as const },
    { incidentId: x.id, dimension: 'mitigation', code: m0, origin: 'agreed' as const },
  ]);
  const report = buildStudyReport({
    cohortName: HOSTILE[5]!,
    incidents: incidents.slice(0, 4),
    comparison: { name: HOSTILE[0]!, incidents: incidents.slice(4) },
    coded: { finalLabels, codebook, coders: `${HOSTILE[1]} and ${HOSTILE[6]}` },
    level: 'top',
    normalised: false,
  });
  const html = renderReportHtml({ studyName: HOSTILE[1]!, generatedAt: '2026-12-06T00:00:00.000Z', report, methodsSummary: HOSTILE.join('\n'), agreement: null, svgOf: chartSvgHeadless });
  const all = elements(parseDocument(html).children);

  it('has no element that runs, embeds or fetches, and no handler, link or source attribute', () => {
    const names = new Set(all.map((e) => e.name.toLowerCase()));
    for (const bad of ['script', 'iframe', 'img', 'image', 'object', 'embed', 'foreignobject', 'a', 'link', 'use']) expect(names.has(bad), bad).toBe(false);
    for (const e of all) {
      for (const key of Object.keys(e.attribs)) {
        expect(key.toLowerCase().startsWith('on'), `${e.name} ${key}`).toBe(false);
        expect(['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction'], `${e.name} ${key}`).not.toContain(key.toLowerCase());
      }
      expect(JSON.stringify(e.attribs)).not.toMatch(/javascript:|url\(\s*['"]?(?!#)/i);
    }
  });

  it('still draws every figure, and shows each name as text with its hidden characters marked', () => {
    expect(all.filter((e) => e.name === 'figure').length).toBe(report.sections.flatMap((s) => s.charts).length);
    expect(all.filter((e) => e.name === 'svg').length).toBe(report.sections.flatMap((s) => s.charts).length);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/[\u{E0000}-\u{E007F}\u202A-\u202E\u2066-\u2069]/u);
    expect(html).toContain('⟦');
  });

  it('allows nothing to load: its own policy forbids every source', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"`);
  });
});

describe('workbench report refuses before it writes', () => {
  it('a study file that is not there, and a folder that already holds files', async () => {
    const { mkdtempSync, writeFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('./main.ts');
    const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
    const missing = await runCli(['report', join(dir, 'nope.zip'), '--out', join(dir, 'out')]);
    expect([missing.code, missing.stderr]).toEqual([1, `workbench: ${join(dir, 'nope.zip')} cannot be read: there is no such file.\n`]);
    const study = join(dir, 'study.zip');
    writeFileSync(study, 'not a zip');
    const full = join(dir, 'full');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(full);
    writeFileSync(join(full, 'report.html'), 'an earlier report');
    const refused = await runCli(['report', study, '--out', full]);
    expect(refused.stderr).toContain('is not empty');
    expect(readdirSync(full)).toEqual(['report.html']);
  });
});

describe('text printed to a terminal', () => {
  it('shows control characters instead of sending them, and keeps lines and tabs', async () => {
    const { terminalSafe } = await import('./main.ts');
    expect(terminalSafe('a\u001b[2Jb\tc\r\nd\u009be')).toBe('a⟦U+001B⟧[2Jb\tc\r\nd⟦U+009B⟧e');
  });
});
