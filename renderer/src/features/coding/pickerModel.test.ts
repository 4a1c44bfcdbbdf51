import { describe, expect, it } from 'vitest';
import { flattenCodes, loadDefaultCodebook } from '../../../../shared/codebook/codebook.ts';
import { INITIAL_PICKER, pickerKey, pickerOptions, type PickerState } from './pickerModel.ts';

const codes = flattenCodes(loadDefaultCodebook(), 'symptom');
const top = codes.filter((c) => c.depth === 0);

/** Presses keys one after another, as the component does, and returns the code picked (or the state reached). */
function press(keys: string[], state: PickerState = INITIAL_PICKER): string | PickerState {
  let at = state;
  for (const key of keys) {
    const action = pickerKey(codes, at, key);
    if (action.kind === 'pick') return action.code;
    if (action.kind === 'state') at = action.state;
  }
  return at;
}

describe('the code picker', () => {
  it('numbers the top-level codes, opens a code with sub-codes, and picks a sub-code with a second number', () => {
    expect(pickerOptions(codes, INITIAL_PICKER).map((o) => [o.key, o.code.path])).toEqual(top.map((c, i) => [String(i + 1), c.path]));
    const second = top[1]!;
    const children = codes.filter((c) => c.parentPath === second.path);
    expect(children.length).toBeGreaterThan(1);
    expect(press(['2'])).toEqual({ level: second.path, query: '', highlight: -1 });
    expect(press(['2', '2'])).toBe(children[1]!.path);
    // 0 or Enter keeps the parent; Backspace goes back up.
    expect(press(['2', '0'])).toBe(second.path);
    expect(press(['2', 'Enter'])).toBe(second.path);
    expect(press(['2', 'Backspace', '1'])).toEqual({ level: top[0]!.path, query: '', highlight: -1 });
    // A code without sub-codes is picked at once ("Other" is offered in every dimension).
    const otherKey = String(top.findIndex((c) => c.path === 'other') + 1);
    expect(press([otherKey])).toBe('other');
    expect(pickerKey(codes, INITIAL_PICKER, '9')).toEqual({ kind: 'none' });
  });

  it('searches every level by name or path, and Enter takes the best match or the highlighted one', () => {
    const target = codes.find((c) => c.depth === 1)!;
    const searching = { ...INITIAL_PICKER, query: target.path };
    expect(pickerOptions(codes, searching)[0]!.code.path).toBe(target.path);
    expect(press(['Enter'], searching)).toBe(target.path);
    const word = target.name.split(' ')[0]!.toLowerCase();
    const matches = pickerOptions(codes, { ...INITIAL_PICKER, query: word });
    expect(matches.every((o) => `${o.code.name} ${o.code.path}`.toLowerCase().includes(word))).toBe(true);
    expect(press(['ArrowDown', 'ArrowDown', 'Enter'], { ...INITIAL_PICKER, query: word })).toBe(matches[1]!.code.path);
    // Numbers typed in a search are part of it, not picks.
    expect(pickerKey(codes, { ...INITIAL_PICKER, query: 'x' }, '1')).toEqual({ kind: 'none' });
  });
});
