import type { FlatCode } from '../../../../shared/codebook/codebook.ts';

/**
 * How the code picker answers keys (kept apart from the component so it can be tested alone). Number keys pick at
 * the level shown: the top-level codes, or the sub-codes of the one just chosen (0, or Enter, keeps the parent
 * itself); a code with sub-codes opens them; typing letters searches every level by name and path.
 */
export interface PickerState {
  /** The code whose sub-codes are shown; null for the top level. */
  level: string | null;
  query: string;
  /** The highlighted option (arrow keys), or -1 for none. */
  highlight: number;
}

export const INITIAL_PICKER: PickerState = { level: null, query: '', highlight: -1 };

export interface PickerOption {
  code: FlatCode;
  /** The number key that picks it ('0' is the parent itself), or null when there is none (a search, the tenth on). */
  key: string | null;
  hasChildren: boolean;
}

const norm = (s: string) => s.toLowerCase();

/** The options shown for a state. */
export function pickerOptions(codes: readonly FlatCode[], state: PickerState): PickerOption[] {
  const withChildren = new Set(codes.map((c) => c.parentPath).filter((p): p is string => p !== null));
  const option = (code: FlatCode, key: string | null): PickerOption => ({ code, key, hasChildren: withChildren.has(code.path) });
  const query = norm(state.query.trim());
  if (query !== '') {
    const ranked: Array<{ code: FlatCode; rank: number }> = [];
    for (const code of codes) {
      const name = norm(code.name);
      const path = norm(code.path);
      const rank = path === query || name === query ? 0 : name.startsWith(query) ? 1 : name.split(/[\s/-]+/).some((w) => w.startsWith(query)) ? 2 : name.includes(query) || path.includes(query) ? 3 : -1;
      if (rank >= 0) ranked.push({ code, rank });
    }
    // Stable: codebook order within a rank.
    return ranked.sort((a, b) => a.rank - b.rank).map((r) => option(r.code, null));
  }
  if (state.level === null) return codes.filter((c) => c.depth === 0).map((c, i) => option(c, i < 9 ? String(i + 1) : null));
  const parent = codes.find((c) => c.path === state.level);
  const children = codes.filter((c) => c.parentPath === state.level);
  return [...(parent ? [option(parent, '0')] : []), ...children.map((c, i) => option(c, i < 9 ? String(i + 1) : null))];
}

export type PickerAction = { kind: 'pick'; code: string } | { kind: 'state'; state: PickerState } | { kind: 'none' };

/** What choosing an option does: a code with sub-codes opens them (unless it is the parent shown), any other is picked. */
function choose(option: PickerOption, state: PickerState): PickerAction {
  if (option.hasChildren && option.code.path !== state.level && state.query.trim() === '') return { kind: 'state', state: { level: option.code.path, query: '', highlight: -1 } };
  return { kind: 'pick', code: option.code.path };
}

/** The action of a key press in the picker's search box (`query` is what the box holds before the key). */
export function pickerKey(codes: readonly FlatCode[], state: PickerState, key: string): PickerAction {
  const options = pickerOptions(codes, state);
  const searching = state.query.trim() !== '';
  if (!searching && /^[0-9]$/.test(key)) {
    const option = options.find((o) => o.key === key);
    return option ? choose(option, state) : { kind: 'none' };
  }
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      if (options.length === 0) return { kind: 'none' };
      const step = key === 'ArrowDown' ? 1 : -1;
      const highlight = state.highlight === -1 ? (step === 1 ? 0 : options.length - 1) : (state.highlight + step + options.length) % options.length;
      return { kind: 'state', state: { ...state, highlight } };
    }
    case 'Enter': {
      const highlighted = options[state.highlight];
      if (highlighted) return choose(highlighted, state);
      // Enter keeps the parent shown; in a search it takes the best match.
      if (searching) return options[0] ? { kind: 'pick', code: options[0].code.path } : { kind: 'none' };
      return state.level !== null ? { kind: 'pick', code: state.level } : { kind: 'none' };
    }
    case 'Backspace':
      if (searching || state.level === null) return { kind: 'none' };
      return { kind: 'state', state: { level: codes.find((c) => c.path === state.level)?.parentPath ?? null, query: '', highlight: -1 } };
    case 'Escape':
      if (!searching && state.level === null) return { kind: 'none' };
      return { kind: 'state', state: INITIAL_PICKER };
    default:
      return { kind: 'none' };
  }
}
