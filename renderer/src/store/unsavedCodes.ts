import { create } from 'zustand';

/**
 * Codes typed but not saved: moving to another incident or screen asks first (never a silent loss). The coding form
 * says whether it holds unsaved codes; navigation goes through `leave`, which runs the move at once when nothing is
 * unsaved, or holds it until the user keeps editing or discards.
 */
interface UnsavedCodesState {
  unsaved: boolean;
  /** The move waiting for an answer. */
  pending: (() => void) | null;
  /** Set by "save and next": the next form takes the keyboard to its first code. */
  focusNextForm: boolean;
  setUnsaved: (unsaved: boolean) => void;
  leave: (move: () => void) => void;
  discard: () => void;
  keepEditing: () => void;
  setFocusNextForm: (focus: boolean) => void;
}

export const useUnsavedCodes = create<UnsavedCodesState>()((set, get) => ({
  unsaved: false,
  pending: null,
  focusNextForm: false,
  setUnsaved: (unsaved) => set({ unsaved }),
  leave: (move) => {
    if (!get().unsaved) move();
    else set({ pending: move });
  },
  discard: () => {
    const move = get().pending;
    set({ pending: null, unsaved: false });
    move?.();
  },
  keepEditing: () => set({ pending: null }),
  setFocusNextForm: (focusNextForm) => set({ focusNextForm }),
}));
