import { useLiveQuery } from 'dexie-react-hooks';
import { leadViewsOpen, seesEveryCode } from '../../../shared/coding/blinding.ts';
import { getDatabase } from '../db/activeStudy.ts';
import { readViewerState, type ViewerState } from '../db/repositories/identity.ts';
import { getCatalog } from '../store/study.ts';

/**
 * Who works on this machine and what they may see (shared/coding/blinding.ts decides): the rounds whose codes they may
 * not all see, whether they see every code held here (`seesAll`: a study file or a copy), and whether the lead's
 * screens and actions are open to them (`leads`). Undefined while loading.
 */
export function useViewer(): (ViewerState & { seesAll: boolean; leads: boolean; seesRound: (round: number) => boolean }) | undefined {
  const state = useLiveQuery(() => readViewerState(getDatabase(), getCatalog()), []);
  if (!state) return undefined;
  return { ...state, seesAll: seesEveryCode(state.hidden), leads: leadViewsOpen(state.me, state.holdings, state.unblinded), seesRound: (round: number) => !state.hidden.has(round) };
}

/**
 * Whose codes the selection's coding states may come from in a round: every coder's (undefined) for a viewer who
 * sees the round, else the viewer's own only (no one's when nobody is chosen). Undefined while loading too: the
 * screens wait for the viewer before asking.
 */
export function useCodersSeen(round: number): { ready: boolean; coders: string[] | undefined } {
  const viewer = useViewer();
  if (!viewer) return { ready: false, coders: undefined };
  return { ready: true, coders: viewer.seesRound(round) ? undefined : viewer.me ? [viewer.me.id] : [] };
}
