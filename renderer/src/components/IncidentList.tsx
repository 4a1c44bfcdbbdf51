import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { IncidentSummary } from '../../../shared/model/incidentSummary.ts';
import { VisibleText } from './VisibleText.tsx';

/**
 * A virtualised list of incidents (a study may hold hundreds of thousands), whose rows are loaded a window at a time:
 * `rowAt` gives a loaded row or undefined, and `onRange` says which rows are in view so the screen loads those.
 * Arrow keys, Home and End move the selection; the selected row is scrolled into view.
 */
export function IncidentList(props: {
  count: number;
  rowAt: (index: number) => IncidentSummary | undefined;
  onRange: (start: number, end: number) => void;
  selectedIndex: number;
  onSelect: (index: number) => void;
  badge: (incident: IncidentSummary) => string;
  label: string;
}) {
  const { count, rowAt, selectedIndex, onSelect, onRange } = props;
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize: () => 56, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => onRange(first, last + 1), [first, last, onRange]);

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    onSelect(clamped);
    virtualizer.scrollToIndex(clamped);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, Home: 0, End: count - 1 };
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
      aria-activedescendant={selectedIndex >= 0 && selectedIndex < count && rowAt(selectedIndex) ? `incident-option-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="incident-list"
      data-count={count}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const incident = rowAt(row.index);
          const selected = row.index === selectedIndex;
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)`, height: row.size };
          if (!incident) {
            return (
              <div key={`loading-${row.index}`} className="incident-row" style={style} aria-hidden="true">
                <span className="row-meta">…</span>
              </div>
            );
          }
          return (
            <div
              key={incident.id}
              id={`incident-option-${row.index}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'incident-row selected' : 'incident-row'}
              style={style}
              onClick={() => onSelect(row.index)}
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
