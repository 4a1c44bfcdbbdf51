import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { IncidentSummary } from '../../../shared/model/incidentSummary.ts';
import { VisibleText } from './VisibleText.tsx';

/**
 * A virtualised list of incidents (a study may hold hundreds of thousands). Arrow keys, Home and End move
 * the selection; the selected row is scrolled into view.
 */
export function IncidentList(props: {
  incidents: readonly IncidentSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  badge: (incident: IncidentSummary) => string;
  label: string;
}) {
  const { incidents, selectedId, onSelect } = props;
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: incidents.length, getScrollElement: () => parentRef.current, estimateSize: () => 56, overscan: 8 });
  const selectedIndex = incidents.findIndex((i) => i.id === selectedId);

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(incidents.length - 1, index));
    const target = incidents[clamped];
    if (!target) return;
    onSelect(target.id);
    virtualizer.scrollToIndex(clamped);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, Home: 0, End: incidents.length - 1 };
    const next = keys[e.key];
    if (next === undefined) return;
    e.preventDefault();
    move(next);
  };

  return (
    <div
      ref={parentRef}
      className="incident-list"
      role="listbox"
      aria-label={props.label}
      aria-activedescendant={selectedId !== null && selectedIndex >= 0 ? `incident-option-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="incident-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const incident = incidents[row.index]!;
          const selected = incident.id === selectedId;
          return (
            <div
              key={incident.id}
              id={`incident-option-${row.index}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'incident-row selected' : 'incident-row'}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)`, height: row.size }}
              onClick={() => onSelect(incident.id)}
              data-testid="incident-row"
              data-incident-id={incident.id}
            >
              <span className="row-title">
                <VisibleText text={incident.title} />
              </span>
              <span className="row-meta">
                <VisibleText text={incident.id} /> · {props.badge(incident)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
