import { create } from 'zustand';

/**
 * Codes typed but not saved: moving to another incident or screen asks first (never a silent loss). The coding form
 * says whether it holds unsaved codes; navigation goes through `leave`, which runs the move at once when nothing is
 * unsaved, or holds it until the user keeps editing or discards.
 *
 * Moving on by keyboard ("save and next", the last code picked, "next not coded") takes a moment: the save, then the
 * next incident's codes are read. Keys typed meanwhile are held (`advance`) and given to the next form once it is
 * drawn, so a fast coder loses no key and no key meant for the next incident lands on the one just left.
 */
interface UnsavedCodesState {
  unsaved: boolean;
  /** The move waiting for an answer. */
  pending: (() => void) | null;
  /** Null, or moving to the next form: the keys typed since, in order. */
  advance: string[] | null;
  setUnsaved: (unsaved: boolean) => void;
  leave: (move: () => void) => void;
  discard: () => void;
  keepEditing: () => void;
  startAdvance: () => void;
  cancelAdvance: () => void;
  /** Holds a key typed while moving; false when not moving. */
  typeAhead: (key: string) => boolean;
  /** For the form just drawn: the keys held for it (null when it was not moved to by keyboard). */
  takeAdvance: () => string[] | null;
}

export const useUnsavedCodes = create<UnsavedCodesState>()((set, get) => ({
  unsaved: false,
  pending: null,
  advance: null,
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
  keepEditing: () => set({ pending: null, advance: null }),
  startAdvance: () => set({ advance: [] }),
  cancelAdvance: () => set({ advance: null }),
  typeAhead: (key) => {
    const held = get().advance;
    if (held === null) return false;
    set({ advance: [...held, key] });
    return true;
  },
  takeAdvance: () => {
    const held = get().advance;
    if (held !== null) set({ advance: null });
    return held;
  },
}));
