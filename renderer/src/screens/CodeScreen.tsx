import { useMemo, useState } from 'react';
import { DIMENSIONS } from '../../../shared/model/labels.ts';
import { getDatabase } from '../db/schema.ts';
import { saveIncidentCodes } from '../db/repositories/labels.ts';
import { useAnnotators, useCodebook, useIncidents, useLabelsOf } from '../hooks/useStudyData.ts';
import { useSession } from '../store/session.ts';
import { useNavigation } from '../store/navigation.ts';
import { IncidentList } from '../components/IncidentList.tsx';
import { IncidentReader } from '../components/IncidentReader.tsx';
import { CodingForm } from '../components/CodingForm.tsx';

export function CodeScreen() {
  const incidents = useIncidents();
  const annotators = useAnnotators();
  const codebook = useCodebook();
  const { annotatorId, setAnnotator, round, setRound } = useSession();
  const go = useNavigation((s) => s.go);
  const current = annotators?.find((a) => a.id === annotatorId) ?? null;
  // Blind coding: only the current annotator's own labels are ever read on this screen.
  const labels = useLabelsOf(current?.id ?? null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const codedCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const l of labels ?? []) counts.set(l.incidentId, (counts.get(l.incidentId) ?? 0) + 1);
    return counts;
  }, [labels]);

  if (!incidents || !annotators || !codebook) return <p role="status">Loading…</p>;
  const selected = incidents.find((i) => i.id === selectedId) ?? incidents[0] ?? null;
  const doneCount = [...codedCount.values()].filter((n) => n === DIMENSIONS.length).length;

  return (
    <div className="screen">
      <h1 tabIndex={-1}>Code incidents</h1>
      <div className="toolbar">
        <label htmlFor="annotator">Coding as</label>
        <select id="annotator" value={current?.id ?? ''} onChange={(e) => setAnnotator(e.target.value || null)} data-testid="annotator-select">
          <option value="">— choose who you are —</option>
          {annotators.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label htmlFor="round">Round</label>
        <input id="round" type="number" min={1} value={round} onChange={(e) => setRound(Number(e.target.value))} style={{ width: '4rem' }} data-testid="round" />
        {current && (
          <span className="muted" data-testid="coded-count">
            {doneCount} of {incidents.length} fully coded by {current.name}. You see only your own codes.
          </span>
        )}
      </div>
      {incidents.length === 0 && (
        <p>
          No incidents yet.{' '}
          <button type="button" onClick={() => go('import')}>
            Import some
          </button>
        </p>
      )}
      {!current && incidents.length > 0 && <p className="warning">Choose who you are before coding, so your codes stay apart from the other coder's.</p>}
      {current && selected && (
        <div className="split">
          <IncidentList
            incidents={incidents}
            selectedId={selected.id}
            onSelect={setSelectedId}
            label="Incidents to code"
            badge={(i) => `${codedCount.get(i.id) ?? 0}/${DIMENSIONS.length} coded${i.hiddenCharacters > 0 ? ` · ⚠ ${i.hiddenCharacters} hidden character${i.hiddenCharacters === 1 ? '' : 's'}` : ''}`}
          />
          <div className="detail">
            <IncidentReader incident={selected} />
            {labels === undefined ? (
              <p role="status">Loading your codes…</p>
            ) : (
            <CodingForm
              key={`${current.id}:${selected.id}`}
              incidentId={selected.id}
              codebook={codebook}
              labels={labels}
              onSave={(draft) =>
                saveIncidentCodes(getDatabase(), { incidentId: selected.id, annotatorId: current.id, codebookId: codebook.id, codebookVersion: codebook.version, round, now: new Date() }, draft)
              }
              onNext={() => {
                const index = incidents.findIndex((i) => i.id === selected.id);
                const next = incidents[index + 1];
                if (next) setSelectedId(next.id);
              }}
            />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
