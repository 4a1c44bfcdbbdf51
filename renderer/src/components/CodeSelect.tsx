import { flattenCodes, type Codebook } from '../../../shared/codebook/codebook.ts';
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
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
      aria-describedby={props.describedBy}
    >
      <option value="">— not coded —</option>
      {codes.map((c) => (
        <option key={c.path} value={c.path} title={c.description}>
          {c.depth === 0 ? c.name : `\u00A0\u00A0\u00A0\u00A0${c.name}`}
        </option>
      ))}
    </select>
  );
}
