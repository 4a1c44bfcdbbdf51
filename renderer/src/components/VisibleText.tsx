import { segmentHiddenText } from '../../../shared/text/hiddenText.ts';
import { splitByHits } from '../../../shared/text/highlight.ts';

/**
 * Shows untrusted incident text as text (React escapes it; it is never parsed as HTML), with every hidden
 * tag character, bidi control and zero-width character replaced by a visible, labelled marker. Words of a search
 * (`highlight`) are marked where they occur.
 */
export function VisibleText({ text, className, highlight }: { text: string; className?: string; highlight?: readonly string[] }) {
  const segments = segmentHiddenText(text);
  return (
    <span className={className}>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          highlight && highlight.length > 0 ? (
            <span key={i}>
              {splitByHits(s.text, highlight).map((piece, j) =>
                piece.hit ? (
                  <mark key={j} className="search-hit" data-testid="search-hit">
                    {piece.text}
                  </mark>
                ) : (
                  <span key={j}>{piece.text}</span>
                ),
              )}
            </span>
          ) : (
            <span key={i}>{s.text}</span>
          )
        ) : (
          <mark key={i} className="hidden-char" title={`Hidden character ${s.label}`} data-testid="hidden-char">
            ⟦{s.label}⟧
          </mark>
        ),
      )}
    </span>
  );
}
