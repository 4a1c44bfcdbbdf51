import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import codebookSchema from '../../schemas/codebook.schema.json' with { type: 'json' };
import {
  describeCode,
  dimensionName,
  dimensionsOf,
  overlayCodebook,
  codebookOfOneDimension,
  findCodebookInconsistencies,
  flattenCodes,
  loadDefaultCodebook,
  topLevelCodes,
  topLevelOf,
} from './codebook.ts';

// The paper's category headings with their shares (only those lines; see tests/fixtures/reference/README.md).
const paper = readFileSync(new URL('../../tests/fixtures/reference/study-paper-headings.txt', import.meta.url), 'utf8');

describe('default codebook', () => {
  const codebook = loadDefaultCodebook();

  it('validates against its JSON Schema and has no duplicate codes', () => {
    const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(codebookSchema);
    expect(validate(codebook), JSON.stringify(validate.errors)).toBe(true);
    expect(findCodebookInconsistencies(codebook)).toEqual([]);
  });

  it('holds the paper taxonomies: 3 symptoms, 5 root causes, 7 mitigations plus others', () => {
    const paperCodes = (d: 'symptom' | 'rootCause' | 'mitigation') => topLevelCodes(codebook, d).filter((c) => !c.reserved);
    expect(paperCodes('symptom').map((c) => c.name)).toEqual(['Invalid inference', 'Deployment failure', 'Degraded performance']);
    expect(paperCodes('rootCause')).toHaveLength(5);
    expect(paperCodes('mitigation')).toHaveLength(8);
  });

  it('offers "other" and "not applicable" in every dimension, once', () => {
    for (const dimension of ['symptom', 'rootCause', 'mitigation'] as const) {
      const paths = flattenCodes(codebook, dimension).map((c) => c.path);
      expect(paths.filter((p) => p === 'other'), dimension).toHaveLength(1);
      expect(paths.filter((p) => p === 'not-applicable'), dimension).toHaveLength(1);
    }
    // Mitigation's "others" is the paper's own category, so it is not offered twice.
    expect(flattenCodes(codebook, 'mitigation').find((c) => c.path === 'other')).toMatchObject({ name: 'Others', reserved: false });
    expect(flattenCodes(codebook, 'symptom').find((c) => c.path === 'other')).toMatchObject({ name: 'Other', reserved: true });
  });

  it('leaves retired codes out of what is offered, but still names them', () => {
    const changed = loadDefaultCodebook();
    changed.dimensions.symptom[0]!.retired = true;
    const offered = flattenCodes(changed, 'symptom').map((c) => c.path);
    expect(offered).not.toContain('invalid-inference');
    expect(offered).not.toContain('invalid-inference/response-quality-degradation');
    expect(flattenCodes(changed, 'symptom', { retired: true }).map((c) => c.path)).toContain('invalid-inference/response-quality-degradation');
    expect(describeCode(changed, 'symptom', 'invalid-inference/response-quality-degradation')).toBe('Invalid inference › Response quality degradation');
  });

  it('names every category with the heading and share the paper gives it', () => {
    // Section headings in the paper read "A. Invalid Inference (14.5%)".
    for (const dimension of ['symptom', 'rootCause', 'mitigation'] as const) {
      for (const node of codebook.dimensions[dimension]) {
        if (node.paperShare === undefined) continue;
        const heading = new RegExp(`^[A-G]\\. ${node.name.replace(/[-/]/g, '.')} \\(${node.paperShare.toFixed(1)}%\\)`, 'im');
        expect(paper, `${dimension}: ${node.name}`).toMatch(heading);
      }
    }
  });

  it('sub-category shares add up to their parent share, as in the paper', () => {
    for (const dimension of ['symptom', 'rootCause', 'mitigation'] as const) {
      for (const node of codebook.dimensions[dimension]) {
        if (!node.children?.length || node.paperShare === undefined) continue;
        const sum = node.children.reduce((s, c) => s + (c.paperShare ?? 0), 0);
        expect(sum, node.code).toBeCloseTo(node.paperShare, 1);
      }
    }
  });

  it('top-level shares of each dimension add up to 100%', () => {
    for (const dimension of ['symptom', 'rootCause', 'mitigation'] as const) {
      const sum = codebook.dimensions[dimension].reduce((s, c) => s + (c.paperShare ?? 0), 0);
      expect(sum, dimension).toBeCloseTo(100, 1);
    }
  });

  it('flattens to full paths with parents before children', () => {
    const flat = flattenCodes(codebook, 'symptom');
    const paths = flat.map((c) => c.path);
    expect(paths).toContain('degraded-performance/api-level-degradation');
    expect(paths.indexOf('degraded-performance')).toBeLessThan(paths.indexOf('degraded-performance/api-level-degradation'));
    expect(flat.filter((c) => c.depth === 1)).toHaveLength(7);
    expect(topLevelOf('degraded-performance/api-level-degradation')).toBe('degraded-performance');
    expect(topLevelOf('self-recover')).toBe('self-recover');
    expect(describeCode(codebook, 'symptom', 'degraded-performance/api-level-degradation')).toBe(
      'Degraded performance › API-level degradation',
    );
  });

  it('reports a duplicated code', () => {
    const broken = loadDefaultCodebook();
    broken.dimensions.mitigation.push({ code: 'code-fix', name: 'again', children: [] });
    expect(findCodebookInconsistencies(broken)).toEqual(['mitigation: code "code-fix" appears twice']);
  });

  it('the schema rejects a code with spaces', () => {
    const broken = loadDefaultCodebook();
    broken.dimensions.symptom[0]!.code = 'Invalid inference';
    const validate = new Ajv({ validateFormats: false }).compile(codebookSchema);
    expect(validate(broken)).toBe(false);
  });
});

describe('dimensions a study adds', () => {
  it('codes a dimension of its own beside the paper\'s three, named, with Other and Not applicable', () => {
    const codebook = { ...loadDefaultCodebook(), extraDimensions: [{ id: 'detection-gap', name: 'Detection gap', codes: [{ code: 'no-alert', name: 'No alert', children: [{ code: 'muted', name: 'Muted' }] }] }] };
    expect(dimensionsOf(codebook).map((d) => [d.id, d.name, d.builtIn])).toEqual([
      ['symptom', 'Symptom', true],
      ['rootCause', 'Root cause', true],
      ['mitigation', 'Mitigation', true],
      ['detection-gap', 'Detection gap', false],
    ]);
    expect(flattenCodes(codebook, 'detection-gap').map((c) => c.path)).toEqual(['no-alert', 'no-alert/muted', 'other', 'not-applicable']);
    expect(dimensionName(codebook, 'detection-gap')).toBe('Detection gap');
    expect(dimensionName(loadDefaultCodebook(), 'detection-gap')).toBe('detection-gap');
    expect(flattenCodes(loadDefaultCodebook(), 'detection-gap').map((c) => c.path)).toEqual(['other', 'not-applicable']);
    expect(findCodebookInconsistencies({ ...codebook, extraDimensions: [...codebook.extraDimensions, { id: 'symptom', name: 'Again', codes: [] }] })).toEqual(['the dimension "symptom" is there twice']);
  });

  it('overlays an imported codebook on the study\'s: its trees where it has codes, the study\'s elsewhere', () => {
    const current = { ...loadDefaultCodebook(), extraDimensions: [{ id: 'gap', name: 'Gap', codes: [{ code: 'a', name: 'A' }] }] };
    const incoming = { ...loadDefaultCodebook(), name: 'Theirs', dimensions: { symptom: [{ code: 'x', name: 'X' }], rootCause: [], mitigation: [] }, extraDimensions: [{ id: 'team', name: 'Team', codes: [{ code: 't', name: 'T' }] }] };
    const next = overlayCodebook(current, incoming);
    expect(next.name).toBe('Theirs');
    expect(next.dimensions.symptom).toEqual([{ code: 'x', name: 'X' }]);
    expect(next.dimensions.rootCause).toEqual(current.dimensions.rootCause);
    expect(next.extraDimensions).toEqual([current.extraDimensions[0], incoming.extraDimensions[0]]);
    // A list for one dimension replaces that tree alone.
    const fromList = overlayCodebook(current, codebookOfOneDimension(current, 'gap', [{ code: 'b', name: 'B' }]));
    expect(fromList.extraDimensions).toEqual([{ id: 'gap', name: 'Gap', codes: [{ code: 'b', name: 'B' }] }]);
    expect(fromList.dimensions).toEqual(current.dimensions);
  });
});
