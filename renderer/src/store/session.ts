import { create } from 'zustand';

/**
 * View state of the lead's screens: the coder pair compared. What must survive a restart or travel with the study
 * (who am I, the round, the lead's name, the split) is in the study's settings, not here.
 */
interface SessionState {
  coderA: string | null;
  coderB: string | null;
  setCoders: (a: string | null, b: string | null) => void;
}

export const useSession = create<SessionState>()((set) => ({
  coderA: null,
  coderB: null,
  setCoders: (coderA, coderB) => set({ coderA, coderB }),
}));
