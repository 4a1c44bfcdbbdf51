import { segmentHiddenText } from '../../../shared/text/hiddenText.ts';

/**
 * Shows untrusted incident text as text (React escapes it; it is never parsed as HTML), with every hidden
 * tag character, bidi control and zero-width character replaced by a visible, labelled marker.
 */
export function VisibleText({ text, className }: { text: string; className?: string }) {
  const segments = segmentHiddenText(text);
  return (
    <span className={className}>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          <span key={i}>{s.text}</span>
        ) : (
          <mark key={i} className="hidden-char" title={`Hidden character ${s.label}`} data-testid="hidden-char">
            ⟦{s.label}⟧
          </mark>
        ),
      )}
    </span>
  );
}
