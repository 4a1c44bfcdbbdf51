import type { StudySettings } from '../../../../shared/study/studySettings.ts';
import type { WorkbenchDatabase } from '../schema.ts';

/** The study's settings; undefined until the study is set up (see initStudy). */
export function readSettings(db: WorkbenchDatabase): Promise<StudySettings | undefined> {
  return db.settings.get('study');
}

/** Changes some settings in one transaction; the rest stay as they are. */
export async function updateSettings(db: WorkbenchDatabase, patch: Partial<Omit<StudySettings, 'key'>>): Promise<StudySettings> {
  if (patch.currentRound !== undefined && !(Number.isInteger(patch.currentRound) && patch.currentRound >= 1)) throw new Error('A round is a whole number from 1.');
  if (patch.name !== undefined && patch.name.trim() === '') throw new Error('A study needs a name.');
  return db.transaction('rw', db.settings, async () => {
    const current = await db.settings.get('study');
    if (!current) throw new Error('The study has no settings yet.');
    const next: StudySettings = { ...current, ...patch, key: 'study' };
    await db.settings.put(next);
    return next;
  });
}
