import type { ReactNode } from 'react';

/**
 * A question that must be answered before something that cannot be taken back (deleting a study, moving coded
 * incidents to other sets). The safe choice has the focus, so Enter twice never does the dangerous thing; Escape
 * chooses it too; Tab goes round the two buttons and stays in the dialog.
 */
export function ConfirmDialog(props: { title: ReactNode; children: ReactNode; safe: string; danger: string; onSafe: () => void; onDanger: () => void; testId: string }) {
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${props.testId}-title`}
      aria-describedby={`${props.testId}-what`}
      className="warning"
      data-testid={props.testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onSafe();
        if (e.key === 'Tab') {
          const buttons = [...e.currentTarget.querySelectorAll('button')];
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
          e.preventDefault();
          buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
        }
      }}
    >
      <p id={`${props.testId}-title`}>
        <strong>{props.title}</strong>
      </p>
      <div id={`${props.testId}-what`}>{props.children}</div>
      <button type="button" onClick={props.onSafe} data-testid={`${props.testId}-safe`} autoFocus>
        {props.safe}
      </button>
      <button type="button" className="danger" onClick={props.onDanger} data-testid={`${props.testId}-danger`}>
        {props.danger}
      </button>
    </div>
  );
}
