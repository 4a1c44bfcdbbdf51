import { usePeople, useSettings } from './useStudyData.ts';

/** What the app says when a change cannot name who made it. */
export const SAY_WHO_YOU_ARE = "Say who you are (on the Code screen) or name the study's lead (on the Study screen): every change records who made it.";

/** Who is making a change here, as the records name them: the person working on this machine, else the study's lead; '' when neither is set. */
export function useActorName(): string {
  const settings = useSettings();
  const people = usePeople();
  return people?.find((p) => p.id === settings?.whoAmI)?.name ?? settings?.leadName ?? '';
}
