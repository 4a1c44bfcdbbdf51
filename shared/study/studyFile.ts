import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { CodebookSchema } from '../codebook/codebook.ts';
import { ImportLogEntrySchema } from '../import/importLog.ts';
import { MappingPresetSchema } from '../import/presets.ts';
import { IncidentSchema } from '../model/incident.ts';
import { LabelRevisionSchema, PersonSchema, ResolutionSchema } from '../model/labels.ts';
import { decisionKey, slotKey } from '../coding/labelHistory.ts';
import { findChainFault } from '../coding/revisionChains.ts';
import { Nullable, OneOf } from '../files/schemaTypes.ts';
import { readDataFile, type DataFileKind } from '../files/readFile.ts';
import { typeboxValidator } from '../files/typeboxValidator.ts';
import { migrateSettingsRow, StoredSplitSchema, StudySettingsSchema } from './studySettings.ts';
import { CohortSchema } from '../protocol/cohort.ts';
import { ProposalSchema } from '../codebook/proposals.ts';
import { migrateCodebookRow } from '../files/codebookFile.ts';
import { PostmortemRevisionSchema } from '../postmortem/draft.ts';
import { PostmortemTemplateSchema } from '../postmortem/template.ts';
import { CoderMarkSchema, markKey } from '../coding/coderMarks.ts';
import { AssignmentSchema, assignmentKey } from '../protocol/assignments.ts';
import { StudyEventSchema } from '../coding/blinding.ts';

/**
 * The study file: a whole study in one zip (fflate), one JSON file per table plus `study.json`, which names each
 * table's file, its row count and the SHA-256 of its bytes, and the SHA-256 of the content as a whole. It is a
 * backup, and how a study moves between machines. Everything in it is deterministic (rows in key order, fixed
 * timestamps in the zip), so export → import → export gives the same bytes.
 */

export const STUDY_FILE_VERSION = 3;

/** Each table of a study that the file carries, with the declaration its rows are checked against. */
const TABLE_DECLARATIONS = {
  settings: StudySettingsSchema,
  people: PersonSchema,
  codebookVersions: CodebookSchema,
  incidents: IncidentSchema,
  labelRevisions: LabelRevisionSchema,
  decisions: ResolutionSchema,
  imports: ImportLogEntrySchema,
  mappingPresets: MappingPresetSchema,
  cohorts: CohortSchema,
  proposals: ProposalSchema,
  splits: StoredSplitSchema,
  coderMarks: CoderMarkSchema,
  assignments: AssignmentSchema,
  studyEvents: StudyEventSchema,
  postmortemRevisions: PostmortemRevisionSchema,
  postmortemTemplates: PostmortemTemplateSchema,
} as const;

/** The file version each table first appeared in: an older file lacks it, and reads as holding none. */
const TABLE_SINCE: Partial<Record<keyof typeof TABLE_DECLARATIONS, number>> = { cohorts: 2, proposals: 2, splits: 2, coderMarks: 3, assignments: 3, studyEvents: 3, postmortemRevisions: 3, postmortemTemplates: 3 };

/** Rows that carry their own schemaVersion are brought to the current one before they are checked. */
const ROW_MIGRATIONS: Partial<Record<keyof typeof TABLE_DECLARATIONS, (row: Record<string, unknown>) => Record<string, unknown>>> = {
  codebookVersions: migrateCodebookRow,
  settings: migrateSettingsRow,
};

export type StudyTableName = keyof typeof TABLE_DECLARATIONS;
export const STUDY_TABLES = Object.keys(TABLE_DECLARATIONS) as StudyTableName[];

/** The rows of every table, each typed by its declaration. */
export type StudyTables = { [K in StudyTableName]: Array<Static<(typeof TABLE_DECLARATIONS)[K]>> };

const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const StudyFileManifestSchema = Type.Object(
  {
    schemaVersion: Type.Literal(STUDY_FILE_VERSION),
    kind: Type.Literal('incident-workbench-study'),
    tables: Type.Array(
      Type.Object(
        { name: OneOf(STUDY_TABLES), file: Type.String({ minLength: 1 }), rows: Type.Integer({ minimum: 0 }), sha256: Sha256Hex },
        { additionalProperties: false },
      ),
    ),
    contentSha256: { ...Sha256Hex, description: 'SHA-256 of the table digests joined in table order: one check of the whole content.' },
    exportedBy: Type.Optional(
      Type.String({ minLength: 1, description: 'Who exported the file (a person id): the study opens as them on the machine that imports it, as it was on theirs.' }),
    ),
    starter: Type.Optional(
      Type.Object(
        { for: Nullable(Type.String({ minLength: 1 }), { description: 'The person the lead made it for (who works on the machine that imports it); null for anyone.' }) },
        {
          additionalProperties: false,
          description: 'Present in a starter file: the study as the lead sends it to an annotator (incidents, codebook, people, sets, assignments, unblinded rounds), without anyone\'s labels, decisions, proposals or notes.',
        },
      ),
    ),
  },
  { additionalProperties: false, title: 'StudyFile', description: 'study.json, the manifest of a study file (a zip with one JSON file per table).' },
);
export type StudyFileManifest = Static<typeof StudyFileManifestSchema>;

export const STUDY_FILE: DataFileKind<typeof StudyFileManifestSchema> = {
  label: 'study file',
  declaration: StudyFileManifestSchema,
  currentVersion: STUDY_FILE_VERSION,
  versionOf: (data) => data.schemaVersion,
  migrations: [
    {
      from: 1,
      to: 2,
      why: 'Version 2 adds the cohorts, open-coding proposals and splits tables (a version-1 file has none), codebooks of schema version 2, and the study id in the settings (derived for a version-1 file from its name and creation time).',
      migrate: (data) => ({ ...data, schemaVersion: 2 }),
    },
    {
      from: 2,
      to: 3,
      why: 'Version 3 adds coders\' unsure flags and private notes, assignments and the log of identity switches and unblinded rounds, postmortem drafts and templates (a version-2 file has none), secondary codes on label revisions, and starter files.',
      migrate: (data) => ({ ...data, schemaVersion: 3 }),
    },
  ],
};

/** SHA-256 of some bytes as lowercase hex; passed in (Web Crypto in the app, node:crypto in the CLI), so this stays pure. */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

/** The order rows are written in: by primary key, so the same study always gives the same bytes. */
function rowKey(table: StudyTableName, row: Record<string, unknown>): string {
  if (table === 'settings') return String(row.key);
  if (table === 'codebookVersions' || table === 'cohorts' || table === 'postmortemTemplates') return `${String(row.id)}\u0000${String(row.version).padStart(12, '0')}`;
  if (table === 'imports') return String(row.seq ?? 0).padStart(16, '0');
  return String(row.id);
}

const byKey = (table: StudyTableName) => (a: unknown, b: unknown) => {
  const x = rowKey(table, a as Record<string, unknown>);
  const y = rowKey(table, b as Record<string, unknown>);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A table as text: a JSON array with one row per line, so the file diffs and streams line by line. */
function tableText(rows: readonly unknown[]): string {
  if (rows.length === 0) return '[]\n';
  let out = '[\n';
  for (let i = 0; i < rows.length; i++) out += `${JSON.stringify(rows[i])}${i < rows.length - 1 ? ',' : ''}\n`;
  return `${out}]\n`;
}

/** Zip entries carry this time (the earliest a zip can say), so the bytes do not depend on when the file was made. */
const ZIP_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export async function writeStudyFile(tables: StudyTables, sha256: Sha256, onTable: (name: StudyTableName) => void = () => {}, starter?: { for: string | null }): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  const manifestTables: StudyFileManifest['tables'] = [];
  for (const name of STUDY_TABLES) {
    onTable(name);
    // Who works on this machine stays on it, and so does the log of who switched to whom here: another machine
    // chooses its own (the file says who exported it). Coders' private notes stay on their machine too. Unblinded
    // rounds and roles given travel.
    const source: unknown[] =
      name === 'settings'
        ? tables.settings.map((row) => ({ ...row, whoAmI: null }))
        : name === 'studyEvents'
          ? tables.studyEvents.filter((e) => e.kind !== 'identity')
          : name === 'coderMarks'
            ? tables.coderMarks.filter((m) => m.kind !== 'note')
            : tables[name];
    const rows = [...source].sort(byKey(name));
    const bytes = strToU8(tableText(rows));
    const file = `tables/${name}.json`;
    entries[file] = bytes;
    manifestTables.push({ name, file, rows: rows.length, sha256: await sha256(bytes) });
  }
  const manifest: StudyFileManifest = {
    schemaVersion: STUDY_FILE_VERSION,
    kind: 'incident-workbench-study',
    tables: manifestTables,
    contentSha256: await sha256(strToU8(manifestTables.map((t) => `${t.name}:${t.sha256}`).join('\n'))),
    ...(starter ? { starter: { for: starter.for } } : {}),
    ...(tables.settings[0]?.whoAmI ? { exportedBy: tables.settings[0].whoAmI } : {}),
  };
  const files: Record<string, [Uint8Array, { mtime: Date }]> = { 'study.json': [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: ZIP_TIME }] };
  for (const [file, bytes] of Object.entries(entries)) files[file] = [bytes, { mtime: ZIP_TIME }];
  return zipSync(files, { level: 6 });
}

export type StudyFileRead = { ok: true; tables: StudyTables; starter: { for: string | null } | null; exportedBy: string | null } | { ok: false; message: string };

/** Unpacked, a study file may not exceed this (a zip bomb is refused before it is inflated). */
export const MAX_STUDY_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Reads a study file: unzip → manifest through parse → migrate → validate (a newer schemaVersion is refused) →
 * every table's digest checked → every row checked against its declaration. Any problem refuses the whole file,
 * naming the file, table, row and field; nothing is half-read.
 */
export async function readStudyFile(bytes: Uint8Array, sha256: Sha256, fileName: string): Promise<StudyFileRead> {
  const refuse = (why: string): StudyFileRead => ({ ok: false, message: `${fileName}: ${why}` });
  let unzipped: Unzipped;
  try {
    let total = 0;
    unzipped = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_STUDY_FILE_BYTES) throw new Error(`it unpacks to more than ${MAX_STUDY_FILE_BYTES / 1024 ** 3} GiB`);
        return true;
      },
    });
  } catch (e) {
    return refuse(`is not a study file, or is damaged: it cannot be read as a zip (${(e as Error).message})`);
  }
  const manifestBytes = unzipped['study.json'];
  if (!manifestBytes) return refuse('is not a study file (it has no study.json)');
  const manifest = readDataFile(STUDY_FILE, strFromU8(manifestBytes), typeboxValidator(StudyFileManifestSchema), 'study.json');
  if (!manifest.ok) return refuse(manifest.message);

  const tables = Object.fromEntries(STUDY_TABLES.map((name) => [name, []])) as unknown as StudyTables;
  const seen = new Set<string>();
  for (const entry of manifest.value.tables) {
    if (seen.has(entry.name)) return refuse(`study.json lists the table ${entry.name} twice`);
    seen.add(entry.name);
    const data = Object.hasOwn(unzipped, entry.file) ? unzipped[entry.file] : undefined;
    if (!data) return refuse(`study.json lists ${entry.file}, which is not in the file`);
    if ((await sha256(data)) !== entry.sha256) return refuse(`${entry.file} does not match its SHA-256 in study.json: the file is damaged or was edited`);
    let rows: unknown;
    try {
      rows = JSON.parse(strFromU8(data));
    } catch (e) {
      return refuse(`${entry.file} is not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(rows)) return refuse(`${entry.file} is not a JSON array of rows`);
    let list: unknown[] = rows;
    if (list.length !== entry.rows) return refuse(`${entry.file} has ${list.length} rows where study.json says ${entry.rows}`);
    const migrateRow = ROW_MIGRATIONS[entry.name];
    if (migrateRow) list = list.map((row) => (row !== null && typeof row === 'object' && !Array.isArray(row) ? migrateRow(row as Record<string, unknown>) : row));
    const validate = typeboxValidator(TABLE_DECLARATIONS[entry.name] as TSchema);
    const keys = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      if (!validate(list[i])) {
        const issue = validate.errors?.[0];
        const field = issue?.instancePath ? issue.instancePath.slice(1).replace(/\//g, '.') : '(the row)';
        return refuse(`${entry.file}, row ${i + 1}, field ${field}: ${issue?.message ?? 'does not match its schema'}`);
      }
      const key = rowKey(entry.name, list[i] as Record<string, unknown>);
      if (keys.has(key)) return refuse(`${entry.file}, row ${i + 1}: the key ${JSON.stringify(key)} is there twice`);
      keys.add(key);
    }
    (tables as unknown as Record<string, unknown[]>)[entry.name] = list;
  }
  const fileVersion = manifest.migratedFrom ?? STUDY_FILE_VERSION;
  const missing = STUDY_TABLES.filter((name) => !seen.has(name) && (TABLE_SINCE[name] ?? 1) <= fileVersion);
  if (missing.length > 0) return refuse(`study.json does not list the table${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
  const contentSha256 = await sha256(strToU8(manifest.value.tables.map((t) => `${t.name}:${t.sha256}`).join('\n')));
  if (contentSha256 !== manifest.value.contentSha256) return refuse('study.json\'s content digest does not match its tables');
  if (tables.settings.length !== 1) return refuse(`tables/settings.json must hold the study's one settings row, not ${tables.settings.length}`);
  const broken = findBrokenReferences(tables);
  if (broken) return refuse(broken);
  const starter = manifest.value.starter ?? null;
  if (starter?.for && !tables.people.some((p) => p.id === starter.for)) return refuse('study.json, field starter.for: no such person in tables/people.json');
  const exportedBy = manifest.value.exportedBy ?? null;
  if (exportedBy && !tables.people.some((p) => p.id === exportedBy)) return refuse('study.json, field exportedBy: no such person in tables/people.json');
  return { ok: true, tables, starter, exportedBy };
}

/**
 * What the schemas cannot say: every row points at rows that exist. Labels and decisions name people of the study;
 * a revision replaces an earlier revision of the same slot (a pointer across slots or in a circle would hide labels);
 * the settings name a stored codebook version. The first broken reference, named by file, row and field, or null.
 */
export function findBrokenReferences(tables: StudyTables): string | null {
  const people = new Set(tables.people.map((p) => p.id));
  const [settings] = tables.settings;
  if (settings && !tables.codebookVersions.some((c) => c.id === settings.codebook.id && c.version === settings.codebook.version)) {
    return `tables/settings.json, row 1, field codebook: version ${settings.codebook.version} of codebook ${settings.codebook.id} is not in tables/codebookVersions.json`;
  }
  if (settings?.whoAmI && !people.has(settings.whoAmI)) return 'tables/settings.json, row 1, field whoAmI: no such person in tables/people.json';
  const incidents = new Set(tables.incidents.map((i) => i.id));
  for (const [i, r] of tables.labelRevisions.entries()) {
    const at = `tables/labelRevisions.json, row ${i + 1}`;
    if (!people.has(r.annotatorId)) return `${at}, field annotatorId: no such person in tables/people.json`;
    if (!incidents.has(r.incidentId)) return `${at}, field incidentId: no such incident in tables/incidents.json`;
  }
  for (const [i, d] of tables.decisions.entries()) {
    const at = `tables/decisions.json, row ${i + 1}`;
    for (const field of ['coderA', 'coderB'] as const) {
      if (!people.has(d[field])) return `${at}, field ${field}: no such person in tables/people.json`;
    }
    if (!incidents.has(d.incidentId)) return `${at}, field incidentId: no such incident in tables/incidents.json`;
  }
  const cohorts = new Set(tables.cohorts.map((c) => `${c.id}\u0000${c.version}`));
  const splitCohort = settings?.split?.cohort;
  if (splitCohort && !cohorts.has(`${splitCohort.id}\u0000${splitCohort.version}`)) {
    return `tables/settings.json, row 1, field split.cohort: version ${splitCohort.version} of cohort ${splitCohort.id} is not in tables/cohorts.json`;
  }
  for (const [i, c] of tables.cohorts.entries()) {
    if (c.comparison && !cohorts.has(`${c.comparison.of}\u0000${c.comparison.ofVersion}`)) return `tables/cohorts.json, row ${i + 1}, field comparison.of: no version ${c.comparison.ofVersion} of cohort ${c.comparison.of} in tables/cohorts.json`;
  }
  const templates = new Set(['default', ...tables.postmortemTemplates.map((t) => t.id)]);
  const revisionIds = new Map(tables.postmortemRevisions.map((r) => [r.id, r.incidentId]));
  for (const [i, r] of tables.postmortemRevisions.entries()) {
    const at = `tables/postmortemRevisions.json, row ${i + 1}`;
    if (!incidents.has(r.incidentId)) return `${at}, field incidentId: no such incident in tables/incidents.json`;
    if (!templates.has(r.templateId)) return `${at}, field templateId: no such template in tables/postmortemTemplates.json`;
    if (r.restoredFrom !== null && revisionIds.get(r.restoredFrom) !== r.incidentId) return `${at}, field restoredFrom: no revision of the same incident's postmortem has that id`;
    if (!people.has(r.savedBy)) return `${at}, field savedBy: no such person in tables/people.json`;
  }
  for (const [i, t] of tables.postmortemTemplates.entries()) {
    if (t.savedBy !== null && !people.has(t.savedBy)) return `tables/postmortemTemplates.json, row ${i + 1}, field savedBy: no such person in tables/people.json`;
  }
  const draftFault = findChainFault(tables.postmortemRevisions, (r) => r.incidentId);
  if (draftFault) return `tables/postmortemRevisions.json, row ${draftFault.index + 1}, field previousId: ${draftFault.fault === 'circle' ? 'the revisions replace each other in a circle' : 'names no earlier revision of the same postmortem'}`;
  for (const [i, p] of tables.proposals.entries()) {
    if (p.incidentId !== null && !incidents.has(p.incidentId)) return `tables/proposals.json, row ${i + 1}, field incidentId: no such incident in tables/incidents.json`;
  }
  for (const [i, m] of tables.coderMarks.entries()) {
    const at = `tables/coderMarks.json, row ${i + 1}`;
    if (!people.has(m.annotatorId)) return `${at}, field annotatorId: no such person in tables/people.json`;
    if (!incidents.has(m.incidentId)) return `${at}, field incidentId: no such incident in tables/incidents.json`;
  }
  for (const [i, a] of tables.assignments.entries()) {
    if (!people.has(a.annotatorId)) return `tables/assignments.json, row ${i + 1}, field annotatorId: no such person in tables/people.json`;
  }
  for (const [i, e] of tables.studyEvents.entries()) {
    if (e.kind === 'identity' && !people.has(e.to)) return `tables/studyEvents.json, row ${i + 1}, field to: no such person in tables/people.json`;
    if (e.kind === 'role' && !people.has(e.personId)) return `tables/studyEvents.json, row ${i + 1}, field personId: no such person in tables/people.json`;
  }
  for (const [table, fault] of [
    ['coderMarks', findChainFault(tables.coderMarks, markKey)],
    ['assignments', findChainFault(tables.assignments, assignmentKey)],
  ] as const) {
    if (fault) return `tables/${table}.json, row ${fault.index + 1}, field previousId: it names no earlier revision of the same key, or they replace each other in a circle`;
  }
  const proposalFault = findChainFault(tables.proposals, (p) => p.proposalId);
  if (proposalFault) return `tables/proposals.json, row ${proposalFault.index + 1}, field previousId: it names no earlier revision of the same proposal, or they replace each other in a circle`;
  // A revision replaces one of the same slot, a decision one on the same disagreement; a circle would leave no head.
  const labelFault = findChainFault(tables.labelRevisions, slotKey);
  if (labelFault) {
    const at = `tables/labelRevisions.json, row ${labelFault.index + 1}, field previousId`;
    return labelFault.fault === 'circle' ? `${at}: its revisions replace each other in a circle` : `${at}: it names no earlier revision of the same incident, annotator, dimension and round`;
  }
  const decisionFault = findChainFault(tables.decisions, decisionKey);
  if (decisionFault) {
    const at = `tables/decisions.json, row ${decisionFault.index + 1}, field previousId`;
    return decisionFault.fault === 'circle' ? `${at}: its decisions replace each other in a circle` : `${at}: it names no earlier decision on the same disagreement (incident, dimension, round and coders)`;
  }
  return null;
}
