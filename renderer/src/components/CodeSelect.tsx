import { flattenCodes, type Codebook } from '../../../shared/codebook/codebook.ts';
import { visibleTextString } from '../../../shared/text/hiddenText.ts';
import type { Dimension } from '../../../shared/model/labels.ts';

/**
 * One primary code for a dimension. Top-level categories are options too (when no sub-category fits);
 * their sub-categories are indented under them.
 */
export function CodeSelect(props: {
  id: string;
  codebook: Codebook;
  dimension: Dimension;
  value: string;
  onChange: (code: string) => void;
  testId?: string;
  describedBy?: string;
}) {
  const codes = flattenCodes(props.codebook, props.dimension);
  // A stored code this version does not offer (retired, or from a file) stays selected, so saving keeps it.
  const unknown = props.value !== '' && !codes.some((c) => c.path === props.value);
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
      aria-describedby={props.describedBy}
    >
      <option value="">— not coded —</option>
      {unknown && <option value={props.value}>{visibleTextString(props.value)} (not in this codebook version)</option>}
      {codes.map((c) => (
        <option key={c.path} value={c.path} title={c.description}>
          {`${'\u00A0\u00A0\u00A0\u00A0'.repeat(c.depth)}${visibleTextString(c.name)}`}
        </option>
      ))}
    </select>
  );
}
