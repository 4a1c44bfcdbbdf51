import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Who is working: the annotator coding now, and the lead's name and chosen coder pair. */
interface SessionState {
  annotatorId: string | null;
  leadName: string;
  coderA: string | null;
  coderB: string | null;
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
      setAnnotator: (annotatorId) => set({ annotatorId }),
      setLeadName: (leadName) => set({ leadName }),
      setCoders: (coderA, coderB) => set({ coderA, coderB }),
    }),
    { name: 'incident-workbench-session' },
  ),
);
