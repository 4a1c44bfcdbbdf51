import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Who is working: the annotator coding now, and the lead's name and chosen coder pair. */
interface SessionState {
  annotatorId: string | null;
  leadName: string;
  coderA: string | null;
  coderB: string | null;
  /** The labelling round new codes are saved in. */
  round: number;
  setRound: (round: number) => void;
  setAnnotator: (id: string | null) => void;
  setLeadName: (name: string) => void;
  setCoders: (a: string | null, b: string | null) => void;
}

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      annotatorId: null,
      leadName: '',
      coderA: null,
      coderB: null,
      round: 1,
      setRound: (round) => set({ round: Math.max(1, Math.floor(round) || 1) }),
      setAnnotator: (annotatorId) => set({ annotatorId }),
      setLeadName: (leadName) => set({ leadName }),
      setCoders: (coderA, coderB) => set({ coderA, coderB }),
    }),
    { name: 'incident-workbench-session' },
  ),
);
