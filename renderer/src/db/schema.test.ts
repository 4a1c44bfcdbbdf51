import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V1, WorkbenchDatabase } from './schema.ts';
import type { IncidentV1 } from '../../../shared/model/migrations.ts';

describe('database upgrades', () => {
  it('opens a version-1 database with data and upgrades its incidents, keeping labels', async () => {
    const name = 'upgrade-v1';
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const incident: IncidentV1 = {
      id: 'INC-1',
      title: 'Old',
      description: '',
      status: 'resolved',
      severity: 'high',
      severityRaw: 'high',
      services: [],
      createdAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      timeToMitigateMinutes: null,
      rootCauseText: '',
      mitigationText: '',
      source: { file: 'f', row: 1, format: 'csv' },
      raw: { id: 'INC-1' },
    };
    await v1.table('incidents').put(incident);
    await v1.table('labels').put({ incidentId: 'INC-1', annotatorId: 'a', dimension: 'symptom', code: 'x', rationale: '', codebookId: 'cb', savedAt: '' });
    v1.close();

    const db = new WorkbenchDatabase(name);
    await db.open();
    expect(db.verno).toBe(2);
    const upgraded = await db.incidents.get('INC-1');
    expect(upgraded).toMatchObject({ ...incident, teamHistory: [], discussion: [], hiddenCharacters: 0, detectionType: null });
    expect(await db.labels.count()).toBe(1);
    expect(await db.importUndo.count()).toBe(0);
    await db.delete();
  });
});
