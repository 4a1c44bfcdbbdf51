import { create } from 'zustand';

export type Screen = 'study' | 'import' | 'select' | 'codebook' | 'code' | 'agreement' | 'resolve' | 'analysis' | 'postmortem';

export const SCREENS: ReadonlyArray<{ id: Screen; name: string; hint: string }> = [
  { id: 'study', name: 'Study', hint: 'Studies, people and settings' },
  { id: 'import', name: 'Import', hint: 'Load incident exports' },
  { id: 'select', name: 'Select', hint: 'Criteria, cohorts and the split into sets' },
  { id: 'codebook', name: 'Codebook', hint: 'Codes, versions, proposals' },
  { id: 'code', name: 'Code', hint: 'Label incidents, blind' },
  { id: 'agreement', name: 'Agreement', hint: "Cohen's kappa" },
  { id: 'resolve', name: 'Resolve', hint: 'Settle disagreements' },
  { id: 'analysis', name: 'Analysis', hint: 'Tables, figures, report' },
  { id: 'postmortem', name: 'Postmortems', hint: 'Draft an incident\'s report' },
];

interface NavigationState {
  screen: Screen;
  go: (screen: Screen) => void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  screen: 'import',
  go: (screen) => set({ screen }),
}));
