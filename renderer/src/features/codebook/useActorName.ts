import { usePeople, useSettings } from '../../hooks/useStudyData.ts';

/** Who is making a change here, as the records name them: the person working on this machine, else the study's lead. */
export function useActorName(): string {
  const settings = useSettings();
  const people = usePeople();
  return people?.find((p) => p.id === settings?.whoAmI)?.name ?? settings?.leadName ?? '';
}
