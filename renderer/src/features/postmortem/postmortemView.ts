import { create } from 'zustand';

export type PostmortemTab = 'draft' | 'actions' | 'template';

/** Where the Postmortems screen was left: the tab and the incident open (kept while the app is open). */
interface PostmortemViewState {
  tab: PostmortemTab;
  incidentId: string | null;
  set: (change: Partial<Pick<PostmortemViewState, 'tab' | 'incidentId'>>) => void;
}

export const usePostmortemView = create<PostmortemViewState>()((set) => ({
  tab: 'draft',
  incidentId: null,
  set: (change) => set(change),
}));
