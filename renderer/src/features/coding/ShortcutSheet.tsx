import { useEffect, useRef } from 'react';

const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['1 – 9', 'Pick the code with that number (top level first; a code with sub-codes then shows them: a second number picks one, 0 or Enter keeps the parent). Typed anywhere, it goes to the first dimension still without a code.'],
  ['letters', 'In a code box: search every level by name; ↑ ↓ and Enter choose'],
  ['Backspace', 'In a code box: back up from the sub-codes to the top level'],
  ['Tab', 'Next box (a picked code moves on by itself)'],
  ['j  /  ↓ in the list', 'Next incident'],
  ['k  /  ↑ in the list', 'Previous incident'],
  ['u', 'Next incident you have not coded in every dimension'],
  ['f', 'Flag the incident as unsure (or unflag it)'],
  ['n', 'Write in your private note'],
  ['/', 'Search the list'],
  ['Ctrl+Enter', 'Save rationales and note, go to the next incident'],
  ['Ctrl+S', 'Save rationales and note'],
  ['?', 'This sheet'],
  ['Escape', 'Close it'],
];

/** The coding screen's keys, on "?". */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(document.activeElement);
  const sheet = useRef<HTMLDivElement>(null);
  useEffect(() => {
    close.current?.focus();
    const back = opener.current;
    // A modal keeps the keyboard: focus that lands outside it while it is open (a form drawn behind it taking the
    // focus, a click outside) is brought back.
    const keep = (e: FocusEvent) => {
      if (e.target instanceof Node && !sheet.current?.contains(e.target)) close.current?.focus();
    };
    document.addEventListener('focusin', keep);
    return () => {
      document.removeEventListener('focusin', keep);
      // Back where it was opened from; if that is gone (the form was drawn again for another incident), the heading.
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      else document.querySelector<HTMLElement>('main h1')?.focus();
    };
  }, []);
  return (
    <div
      ref={sheet}
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-title"
      className="shortcut-sheet"
      data-testid="shortcut-sheet"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          onClose();
        }
        if (e.key === 'Tab') e.preventDefault();
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <caption className="sr-only">Keys of the coding screen</caption>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button ref={close} type="button" onClick={onClose} data-testid="close-shortcuts">
        Close (Escape)
      </button>
    </div>
  );
}
