import { forwardRef, memo, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { describeCode, flattenCodes, type Codebook } from '../../../../shared/codebook/codebook.ts';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { INITIAL_PICKER, pickerKey, pickerOptions, type PickerState } from './pickerModel.ts';

/**
 * A code picker for one dimension: a search box (a combobox) over the codebook's hierarchy. Number keys pick at the
 * level shown (top-level codes, then the sub-codes of the one chosen; 0 or Enter keeps that one), letters search
 * every level, arrows and Enter choose. The options show only while the box has the focus, so three pickers fit
 * beside the reader at 1280×720. Drawn again only when its own props change (a pick redraws one picker, not three).
 */
export const CodePicker = memo(forwardRef<
  HTMLInputElement,
  {
    codebook: Codebook;
    dimension: Dimension;
    label: string;
    value: string;
    /** Called with the code picked and the picker's dimension (so one stable handler can serve every picker). */
    onPick: (code: string, dimension: Dimension) => void;
    testId: string;
    /** Codes not to offer (a secondary picker leaves out the primary and those chosen). */
    exclude?: readonly string[];
    onEscape?: () => void;
  }
>(function CodePicker(props, ref) {
  const { codebook, dimension, value } = props;
  const id = useId();
  const [state, setState] = useState<PickerState>(INITIAL_PICKER);
  const [open, setOpen] = useState(false);
  const excludeKey = props.exclude?.join('\u0000') ?? '';
  const codes = useMemo(() => {
    const excluded = new Set(excludeKey === '' ? [] : excludeKey.split('\u0000'));
    return flattenCodes(codebook, dimension).filter((c) => !excluded.has(c.path));
  }, [codebook, dimension, excludeKey]);
  const options = useMemo(() => pickerOptions(codes, state), [codes, state]);
  const known = value === '' || codes.some((c) => c.path === value) || props.exclude?.includes(value);
  const current = value === '' ? '— not coded —' : known ? visibleTextString(describeCode(codebook, dimension, value)) : `${visibleTextString(value)} (not in this codebook version)`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = pickerKey(codes, state, e.key);
    if (action.kind === 'none') {
      if (e.key === 'Escape') props.onEscape?.();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (action.kind === 'state') {
      setState(action.state);
      setOpen(true);
      return;
    }
    setState(INITIAL_PICKER);
    props.onPick(action.code, dimension);
  };

  const listId = `${id}-options`;
  const highlighted = options[state.highlight];
  return (
    <div className="code-picker" data-testid={props.testId} data-value={value}>
      <div className="picker-current" id={`${id}-current`} data-testid={`${props.testId}-current`}>
        {current}
      </div>
      <input
        ref={ref}
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-label={props.label}
        aria-describedby={`${id}-current`}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && highlighted ? `${id}-option-${state.highlight}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={state.level === null ? 'Number or type to search' : `Sub-code (0: keep ${visibleTextString(codes.find((c) => c.path === state.level)?.name ?? '')})`}
        value={state.query}
        onChange={(e) => setState({ level: state.level, query: e.target.value, highlight: -1 })}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setState(INITIAL_PICKER);
        }}
        data-testid={`${props.testId}-input`}
      />
      <ul className="picker-options" role="listbox" id={listId} aria-label={`${props.label}: options`} hidden={!open}>
        {options.map((o, i) => (
          <li
            key={o.code.path}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={o.code.path === value}
            className={i === state.highlight ? 'highlighted' : undefined}
            // A pointer picks without the box losing the focus first.
            onMouseDown={(e) => {
              e.preventDefault();
              const action = o.hasChildren && o.code.path !== state.level && state.query === '' ? null : o.code.path;
              if (action === null) setState({ level: o.code.path, query: '', highlight: -1 });
              else {
                setState(INITIAL_PICKER);
                props.onPick(action, dimension);
              }
            }}
            title={visibleTextString(o.code.description)}
            data-testid="picker-option"
            data-code={o.code.path}
          >
            {o.key !== null && <kbd>{o.key}</kbd>} {'\u00A0'.repeat(state.query ? o.code.depth * 2 : 0)}
            {visibleTextString(o.code.name)}
            {o.hasChildren && o.code.path !== state.level ? ' ›' : ''}
          </li>
        ))}
        {options.length === 0 && <li role="option" aria-selected={false} aria-disabled="true">No code matches</li>}
      </ul>
    </div>
  );
}));
