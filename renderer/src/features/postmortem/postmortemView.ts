import { create } from 'zustand';
import type { PostmortemTemplate } from '../../../../shared/postmortem/template.ts';

export type PostmortemTab = 'draft' | 'actions' | 'template';

/**
 * Where the Postmortems screen was left (kept while the app is open): the tab, the incident open, and template changes
 * not saved yet (with the version they started from), so switching tabs or screens loses none of them.
 */
interface PostmortemViewState {
  tab: PostmortemTab;
  incidentId: string | null;
  /** Keyed by the study's database: every study's template has the id 'default'. */
  templateWork: { dbName: string; base: number; template: PostmortemTemplate } | null;
  set: (change: Partial<Pick<PostmortemViewState, 'tab' | 'incidentId' | 'templateWork'>>) => void;
}

export const usePostmortemView = create<PostmortemViewState>()((set) => ({
  tab: 'draft',
  incidentId: null,
  templateWork: null,
  set: (change) => set(change),
}));
