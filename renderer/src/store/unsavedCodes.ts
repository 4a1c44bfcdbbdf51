import { create } from 'zustand';

/**
 * What is typed but not saved: moving to another incident or screen asks first (never a silent loss). The coding form
 * says whether it holds unsaved codes, the postmortem editor whether a save of its text failed; navigation goes
 * through `leave`, which runs the move at once when nothing is unsaved, or holds it until the user keeps editing or
 * discards.
 *
 * Moving on by keyboard ("save and next", the last code picked, "next not coded") takes a moment: the save, then the
 * next incident's codes are read. Keys typed meanwhile are held (`advance`) and played on the next form once it is
 * drawn, in order, keys typed during the playing included, so a fast coder loses no key and no key meant for the
 * next incident lands on the one just left.
 */
interface UnsavedCodesState {
  unsaved: boolean;
  /** What is unsaved, for the question asked before leaving. */
  what: 'codes' | 'postmortem';
  /** The move waiting for an answer. */
  pending: (() => void) | null;
  /** Counts the discards: what was unsaved when one happened is not to be saved on the way out. */
  discards: number;
  /** Null, or moving to the next form: the keys typed since and not played yet, in order. */
  advance: string[] | null;
  /** Counts the moves: a form plays held keys only while no later move has started. */
  moves: number;
  setUnsaved: (unsaved: boolean, what?: 'codes' | 'postmortem') => void;
  leave: (move: () => void) => void;
  discard: () => void;
  keepEditing: () => void;
  /** Starts holding keys (keeping any already held, when a move starts during another). */
  startAdvance: () => void;
  /** Stops holding and drops what is held (the move did not happen, or the screen closed). */
  cancelAdvance: () => void;
  /** Holds a key typed while moving; false when not moving. */
  typeAhead: (key: string) => boolean;
  /** The next held key to play on the new form; undefined (and holding ends) when none is left. */
  nextHeld: () => string | undefined;
}

export const useUnsavedCodes = create<UnsavedCodesState>()((set, get) => ({
  unsaved: false,
  what: 'codes',
  pending: null,
  discards: 0,
  advance: null,
  moves: 0,
  setUnsaved: (unsaved, what = 'codes') => set(unsaved ? { unsaved, what } : { unsaved }),
  leave: (move) => {
    if (!get().unsaved) move();
    else set({ pending: move });
  },
  discard: () => {
    const move = get().pending;
    set({ pending: null, unsaved: false, discards: get().discards + 1 });
    move?.();
  },
  keepEditing: () => set({ pending: null, advance: null }),
  startAdvance: () => set({ advance: get().advance ?? [], moves: get().moves + 1 }),
  cancelAdvance: () => set({ advance: null }),
  typeAhead: (key) => {
    const held = get().advance;
    if (held === null) return false;
    set({ advance: [...held, key] });
    return true;
  },
  nextHeld: () => {
    const held = get().advance;
    if (held === null) return undefined;
    if (held.length === 0) {
      set({ advance: null });
      return undefined;
    }
    set({ advance: held.slice(1) });
    return held[0];
  },
}));
