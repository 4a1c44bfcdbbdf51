import type { FieldMapping } from './mapping.ts';
import type { SourceFormat } from './parse.ts';

export interface MappingPreset {
  id: string;
  name: string;
  format: SourceFormat;
  mapping: FieldMapping;
  /** Columns whose presence identifies this export. */
  signature: string[];
}

/** GitHub's status history as rebuilt from its Atom feed (mrshu/github-statuses, FORMATS.md §1d). */
export const GITHUB_STATUS_HISTORY: MappingPreset = {
  id: 'github-status-history-jsonl',
  name: 'GitHub status history (JSONL)',
  format: 'jsonl',
  signature: ['entry_id', 'status_sequence', 'updates', 'impact'],
  mapping: {
    fields: {
      id: 'id',
      title: 'title',
      description: 'updates[*].message',
      status: 'status_sequence[-1]',
      severity: 'impact',
      services: 'components',
      createdAt: 'started_at',
      resolvedAt: 'resolved_at',
      mitigationText: 'updates[-1].message',
    },

  },
};

export const BUILT_IN_PRESETS: readonly MappingPreset[] = [GITHUB_STATUS_HISTORY];

/** The built-in preset whose signature columns all appear, if any. */
export function detectPreset(columns: readonly string[]): MappingPreset | null {
  const present = new Set(columns);
  return BUILT_IN_PRESETS.find((p) => p.signature.every((c) => present.has(c))) ?? null;
}
