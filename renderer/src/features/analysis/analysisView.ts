import { create } from 'zustand';
import type { CodeLevel } from '../../../../shared/report/codeMatrix.ts';

/**
 * What the Analysis screen shows (cohort, what it is compared with, the level of codes): view state that outlives a
 * visit to another screen, so a lead who exports the study and comes back finds the report as they left it. Normalised
 * mode is not here: it is the study's setting, which every export follows.
 */
interface AnalysisViewState {
  cohortId: string;
  compareWith: string;
  level: CodeLevel;
  set: (patch: Partial<Pick<AnalysisViewState, 'cohortId' | 'compareWith' | 'level'>>) => void;
}

export const useAnalysisView = create<AnalysisViewState>()((set) => ({
  cohortId: '',
  compareWith: '',
  level: 'top',
  set: (patch) => set(patch),
}));
