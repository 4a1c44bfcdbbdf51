import { describe, expect, it } from 'vitest';
import { findNode, loadDefaultCodebook } from './codebook.ts';
import { CodebookEditError, planCodebookChange, type CodebookEdit } from './codebookEdits.ts';

const meta = { at: '2024-06-01T00:00:00.000Z', by: 'Lee', reason: 'test', proposalId: null };
const plan = (edit: CodebookEdit, codebook = loadDefaultCodebook()) => planCodebookChange(codebook, edit, meta);

describe('planCodebookChange', () => {
  it('records only the fields an edit changes, clears a note emptied, and refuses an edit that changes nothing', () => {
    const codebook = loadDefaultCodebook();
    findNode(codebook, 'rootCause', 'infrastructure-issue/network')!.include = 'DNS';
    const { next } = plan({ kind: 'edit', dimension: 'rootCause', path: 'infrastructure-issue/network', fields: { name: 'Network issue', include: '', exclude: 'Storage networks' } }, codebook);
    expect(next.change!.edit).toEqual({ kind: 'edit', dimension: 'rootCause', path: 'infrastructure-issue/network', fields: ['include', 'exclude'] });
    const node = findNode(next, 'rootCause', 'infrastructure-issue/network')!;
    expect(node.include).toBeUndefined();
    expect(node.exclude).toBe('Storage networks');
    // The codebook given is left as it was.
    expect(findNode(codebook, 'rootCause', 'infrastructure-issue/network')!.include).toBe('DNS');
    expect(() => plan({ kind: 'edit', dimension: 'rootCause', path: 'infrastructure-issue/network', fields: { name: 'Network issue', description: findNode(codebook, 'rootCause', 'infrastructure-issue/network')!.description ?? '' } }, codebook)).toThrow(CodebookEditError);
  });

  it('maps labels of a merged parent and its sub-codes to the target, the most specific source first', () => {
    const { mapping } = plan({ kind: 'merge', dimension: 'rootCause', from: ['infrastructure-issue', 'infrastructure-issue/network'], into: 'configuration-issue' });
    expect(['infrastructure-issue', 'infrastructure-issue/network', 'infrastructure-issue/storage', 'code-bug'].map((c) => mapping!.translate(c, 'i1'))).toEqual([
      'configuration-issue',
      'configuration-issue',
      'configuration-issue/storage',
      'code-bug',
    ]);
  });

  it('adds a dimension once, with a valid id and a name', () => {
    const { next } = plan({ kind: 'add-dimension', dimension: 'detection-gap', name: ' Detection gap ' });
    expect(next.extraDimensions).toEqual([{ id: 'detection-gap', name: 'Detection gap', codes: [] }]);
    expect(() => plan({ kind: 'add-dimension', dimension: 'detection-gap', name: 'Again' }, next)).toThrow(/exists already/);
    expect(() => plan({ kind: 'add-dimension', dimension: 'Bad Id', name: 'x' })).toThrow(/not a dimension id/);
    expect(() => plan({ kind: 'add-dimension', dimension: 'gap', name: ' ' })).toThrow(/needs a name/);
  });
});
