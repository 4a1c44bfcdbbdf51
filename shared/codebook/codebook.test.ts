import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import codebookSchema from '../../schemas/codebook.schema.json' with { type: 'json' };
import {
  describeCode,
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
    const validate = new Ajv({ allErrors: true }).compile(codebookSchema);
    expect(validate(codebook), JSON.stringify(validate.errors)).toBe(true);
    expect(findCodebookInconsistencies(codebook)).toEqual([]);
  });

  it('holds the paper taxonomies: 3 symptoms, 5 root causes, 7 mitigations plus others', () => {
    expect(topLevelCodes(codebook, 'symptom').map((c) => c.name)).toEqual([
      'Invalid inference',
      'Deployment failure',
      'Degraded performance',
    ]);
    expect(topLevelCodes(codebook, 'rootCause')).toHaveLength(5);
    expect(topLevelCodes(codebook, 'mitigation')).toHaveLength(8);
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
    const validate = new Ajv().compile(codebookSchema);
    expect(validate(broken)).toBe(false);
  });
});
