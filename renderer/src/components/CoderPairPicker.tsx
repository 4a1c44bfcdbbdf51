import type { Person } from '../../../shared/model/labels.ts';
import { visibleTextString } from '../../../shared/text/hiddenText.ts';

export function CoderPairPicker(props: {
  people: readonly Person[];
  a: Person | null;
  b: Person | null;
  onChange: (a: string | null, b: string | null) => void;
}) {
  const { people, a, b, onChange } = props;
  return (
    <div className="toolbar" role="group" aria-label="Coders compared">
      <label htmlFor="coder-a">Coder A</label>
      <select id="coder-a" value={a?.id ?? ''} onChange={(e) => onChange(e.target.value, b?.id ?? null)} data-testid="coder-a">
        {people.map((x) => (
          <option key={x.id} value={x.id}>
            {visibleTextString(x.name)}
          </option>
        ))}
      </select>
      <label htmlFor="coder-b">Coder B</label>
      <select id="coder-b" value={b?.id ?? ''} onChange={(e) => onChange(a?.id ?? null, e.target.value)} data-testid="coder-b">
        {people
          .filter((x) => x.id !== a?.id)
          .map((x) => (
            <option key={x.id} value={x.id}>
              {visibleTextString(x.name)}
            </option>
          ))}
      </select>
    </div>
  );
}
