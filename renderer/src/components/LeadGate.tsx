import type { ReactNode } from 'react';
import { useViewer } from '../hooks/useViewer.ts';
import { blindRounds } from '../../../shared/coding/blinding.ts';

/**
 * What shows other coders' codes (agreement, resolution, analysis, label exports, codebook changes that say whose
 * labels move) renders only where the lead's views are open (shared/coding/blinding.ts leadViewsOpen): to a lead, or
 * to anyone once every round with codes is unblinded. Otherwise nothing of it is mounted, so neither the screen, its
 * DOM nor its exports can hold another annotator's codes.
 */
export function LeadGate({ children, what }: { children: ReactNode; what: string }) {
  const viewer = useViewer();
  if (!viewer) return <p role="status">Loading…</p>;
  if (viewer.leads) return <>{children}</>;
  const blind = blindRounds(viewer.holdings, viewer.unblinded);
  return (
    <div className="warning" role="note" data-testid="lead-gate">
      <p>
        <strong>{what} is the lead's while codes are blind.</strong> Round{blind.length === 1 ? '' : 's'} {blind.join(', ')} {blind.length === 1 ? 'is' : 'are'} blind
        until the lead unblinds {blind.length === 1 ? 'it' : 'them'}: annotators see only their own codes until then.
      </p>
      <p>{viewer.me ? 'Your codes are on the Code screen.' : 'Choose who you are on the Study screen.'}</p>
    </div>
  );
}
