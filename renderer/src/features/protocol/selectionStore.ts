import { create } from 'zustand';
import { EMPTY_SELECTION, type Facet, type SelectionForm } from '../../../../shared/protocol/criteria.ts';

/** The selection form's state: kept while the user moves between screens, so a filter is not lost on the way. */
interface SelectionState {
  form: SelectionForm;
  /** The cohort loaded into the form (saving then makes its next version), or null for a new selection. */
  cohortId: string | null;
  setForm: (change: Partial<SelectionForm>) => void;
  setFacet: (facet: Facet, values: string[], exclude: boolean) => void;
  load: (form: SelectionForm, cohortId: string | null) => void;
  clear: () => void;
}

export const useSelectionForm = create<SelectionState>()((set) => ({
  form: EMPTY_SELECTION,
  cohortId: null,
  setForm: (change) => set((s) => ({ form: { ...s.form, ...change } })),
  setFacet: (facet, values, exclude) => set((s) => ({ form: { ...s.form, facets: { ...s.form.facets, [facet]: { values, exclude } } } })),
  load: (form, cohortId) => set({ form, cohortId }),
  clear: () => set({ form: EMPTY_SELECTION, cohortId: null }),
}));
