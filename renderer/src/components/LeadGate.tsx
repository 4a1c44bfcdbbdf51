import type { ReactNode } from 'react';
import { useViewer } from '../hooks/useViewer.ts';

/**
 * What shows other coders' codes (agreement, resolution, analysis, label exports, codebook changes that say whose
 * labels move) renders only for a viewer who may see every code: a lead, or anyone once every round in which others
 * hold codes is unblinded. Otherwise nothing of it is mounted, so neither the screen, its DOM nor its exports can
 * hold another annotator's codes.
 */
export function LeadGate({ children, what }: { children: ReactNode; what: string }) {
  const viewer = useViewer();
  if (!viewer) return <p role="status">Loading…</p>;
  if (viewer.seesAll) return <>{children}</>;
  const rounds = [...viewer.hidden].sort((a, b) => a - b);
  return (
    <div className="warning" role="note" data-testid="lead-gate">
      <p>
        <strong>{what} is the lead's while codes are blind.</strong> Round{rounds.length === 1 ? '' : 's'} {rounds.join(', ')} hold{rounds.length === 1 ? 's' : ''} codes of
        other coders that {viewer.me ? 'you' : 'nobody chosen on this machine'} may not see until the lead unblinds {rounds.length === 1 ? 'it' : 'them'}.
      </p>
      <p>{viewer.me ? 'You see only your own codes, on the Code screen.' : 'Choose who you are on the Study screen.'}</p>
    </div>
  );
}
