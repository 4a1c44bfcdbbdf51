import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../files/schemaTypes.ts';

export const StratifyBySchema = OneOf(['service', 'severity'], { description: 'Each stratum (first service, or severity) is split in the shares on its own.' });
export type StratifyBy = Static<typeof StratifyBySchema>;

/** How the study's sets were drawn, so the split can be shown and reproduced (paper §III-C: 40/20/40 at random). */
export const SplitRecordSchema = Type.Object(
  {
    seed: Type.Integer(),
    method: OneOf(['random', 'shuffle', 'stratified'], {
      description:
        'shuffle: a seeded shuffle of the incidents sorted by id (input order does not matter); stratified: the same within each stratum; random: the earlier method, a seeded shuffle of the incidents in list order (creation time, then id) with rounded shares, kept so splits made with it can be reproduced (listOrderSplit).',
    }),
    stratifyBy: Type.Optional(StratifyBySchema),
    cohort: Type.Optional(
      Type.Object(
        { id: Type.String({ minLength: 1 }), version: Type.Integer({ minimum: 1 }), name: Type.String() },
        { additionalProperties: false, description: 'The cohort that was split; absent when every incident of the study was.' },
      ),
    ),
    shares: Type.Object({ taxonomy: Type.Number({ minimum: 0 }), validation: Type.Number({ minimum: 0 }), test: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    incidents: Type.Integer({ minimum: 0, description: 'How many incidents were split.' }),
    counts: Type.Object(
      { taxonomy: Type.Integer({ minimum: 0 }), validation: Type.Integer({ minimum: 0 }), test: Type.Integer({ minimum: 0 }) },
      { additionalProperties: false, description: 'How many incidents each set got.' },
    ),
    splitAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type SplitRecord = Static<typeof SplitRecordSchema>;

/**
 * Every split made in a study, kept (convention 16): the settings hold the split in force, this table each one ever
 * applied, so a re-split never loses how the earlier sets were drawn.
 */
export const StoredSplitSchema = Type.Object(
  { id: Type.String({ minLength: 1 }), record: SplitRecordSchema },
  { additionalProperties: false, title: 'StoredSplit' },
);
export type StoredSplit = Static<typeof StoredSplitSchema>;

/** A study's settings: kept in its database, so a backup or a study file carries them (not localStorage). */
export const StudySettingsSchema = Type.Object(
  {
    key: Type.Literal('study'),
    studyId: Type.String({
      minLength: 1,
      description: 'Which study this is, on every machine it travels to (a study file keeps it; a copy gets its own): label packages name it, and another study refuses them.',
    }),
    name: Type.String({ minLength: 1 }),
    createdAt: Type.String({ format: 'date-time' }),
    currentRound: Type.Integer({ minimum: 1, description: 'The labelling round new codes are saved in.' }),
    leadName: Type.String({ description: 'Who decides disagreements, as written on each decision.' }),
    whoAmI: Nullable(Type.String({ minLength: 1 }), {
      description: 'The person working on this machine; codes are saved as theirs. Machine-local: a study file carries null, so another machine chooses its own.',
    }),
    codebook: Type.Object({ id: Type.String({ minLength: 1 }), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false, description: 'The codebook version new codes are given under.' }),
    // Nullable() is for one plain type; an object or nothing is a union.
    split: Type.Union([SplitRecordSchema, Type.Null()]),
    normalisedReport: Type.Optional(
      Type.Boolean({ description: 'The analysis hides absolute counts and shows times in normalised units (as the paper does for confidentiality), on screen and in every export.' }),
    ),
  },
  { additionalProperties: false, title: 'StudySettings' },
);
export type StudySettings = Static<typeof StudySettingsSchema>;

export function defaultStudySettings(name: string, codebook: { id: string; version: number }, now: Date, studyId: string): StudySettings {
  return { key: 'study', studyId, name, createdAt: now.toISOString(), currentRound: 1, leadName: '', whoAmI: null, codebook, split: null };
}

/** A 32-bit FNV-1a hash as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The id of a study made before studies had one, derived from what every copy of it holds (its name and when it was
 * created), so the same study upgraded on two machines, or read from an older study file, gets the same id.
 */
export function legacyStudyId(settings: { name: string; createdAt: string }): string {
  const key = `${settings.name}\u0000${settings.createdAt}`;
  return `study-${fnv1a(key)}${fnv1a(`${key}\u0001`)}`;
}

/** A settings row of an earlier shape brought to the current one (a database upgrade, an older study file). */
export function migrateSettingsRow(row: Record<string, unknown>): Record<string, unknown> {
  if (typeof row.studyId === 'string' && row.studyId !== '') return row;
  const name = typeof row.name === 'string' ? row.name : '';
  const createdAt = typeof row.createdAt === 'string' ? row.createdAt : '';
  return { ...row, studyId: legacyStudyId({ name, createdAt }) };
}
