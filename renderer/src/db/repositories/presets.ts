import type { MappingPreset } from '../../../../shared/import/presets.ts';
import type { WorkbenchDatabase } from '../schema.ts';

export function listSavedPresets(db: WorkbenchDatabase): Promise<MappingPreset[]> {
  return db.mappingPresets.toArray();
}

export async function savePreset(db: WorkbenchDatabase, preset: MappingPreset): Promise<void> {
  if (preset.name.trim() === '') throw new Error('A preset needs a name.');
  await db.mappingPresets.put(preset);
}
