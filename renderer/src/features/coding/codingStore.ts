import { create } from 'zustand';
import type { StudySet } from '../../../../shared/model/incident.ts';

/** Which incidents the coding list shows: what is assigned, every incident, or one study set. */
export type CodingScope = 'assigned' | 'all' | StudySet;

/**
 * The coding screen's view state (kept while the coder visits other screens): the list's scope and filters, whether
 * the next incident opens once every dimension has a code, and the shortcut sheet. What must survive a restart (where
 * the coder left off) is in the study's machine-local state, not here.
 */
interface CodingViewState {
  scope: CodingScope;
  uncodedOnly: boolean;
  query: string;
  autoAdvance: boolean;
  shortcutsOpen: boolean;
  set: (patch: Partial<Omit<CodingViewState, 'set'>>) => void;
}

export const useCodingView = create<CodingViewState>()((set) => ({
  scope: 'assigned',
  uncodedOnly: false,
  query: '',
  autoAdvance: true,
  shortcutsOpen: false,
  set: (patch) => set(patch),
}));
