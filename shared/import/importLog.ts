import { Type, type Static } from '@sinclair/typebox';

/** One import as the user saw it acknowledged: what file, when, how many rows went where. */
export const ImportLogEntrySchema = Type.Object(
  {
    seq: Type.Optional(Type.Integer({ minimum: 1 })),
    fileName: Type.String(),
    format: Type.String(),
    importedAt: Type.String({ format: 'date-time' }),
    added: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    rejected: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, title: 'ImportLogEntry' },
);
export type ImportLogEntry = Static<typeof ImportLogEntrySchema>;
