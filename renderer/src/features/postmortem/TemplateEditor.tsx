import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Person } from '../../../../shared/model/labels.ts';
import { addSection, moveSection, removeSection, renameSection, templateFromMarkdown, type PostmortemTemplate, type PrefillKind } from '../../../../shared/postmortem/template.ts';
import { visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { VisibleText } from '../../components/VisibleText.tsx';
import { shortInstant } from '../../../../shared/export/fileNames.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { postmortemTemplateHistory, savePostmortemTemplate } from '../../db/repositories/postmortems.ts';
import { usePostmortemView } from './postmortemView.ts';

/** A skeleton larger than this is not a template. */
const MAX_SKELETON_BYTES = 1024 * 1024;
const KIND_NAMES: Record<PrefillKind, string> = { summary: 'summary', impact: 'impact', detection: 'detection and monitor', timeline: 'timeline', triage: 'triage and transfers', rootCause: 'root cause and its code', mitigation: 'mitigation and its code', wentWell: 'nothing (the author writes it)', wentPoorly: 'nothing (the author writes it)', actionItems: 'the action items' };

/**
 * The study's postmortem template: sections renamed, reordered, added and removed, or the whole template taken from a
 * Markdown skeleton's headings. Saving adds a version (the earlier ones stay); new drafts start from the latest, and
 * drafts already written keep their sections.
 */
export function TemplateEditor({ template, me, people }: { template: PostmortemTemplate; me: Person; people: readonly Person[] }) {
  const db = getDatabase();
  const { templateWork, set } = usePostmortemView();
  const work = templateWork?.dbName === db.name && templateWork.template.id === template.id ? templateWork : null;
  const working = work?.template ?? template;
  const sameAsSaved = (t: PostmortemTemplate) => JSON.stringify([t.name, t.sections]) === JSON.stringify([template.name, template.sections]);
  const setWorking = (next: PostmortemTemplate | null) =>
    set({ templateWork: next === null || sameAsSaved(next) ? null : { dbName: db.name, base: work?.base ?? template.version, template: next } });
  const [newTitle, setNewTitle] = useState('');
  const [message, setMessage] = useState('');
  // The section whose title takes the keyboard once drawn (after a removal).
  const focusOn = useRef<string | null>(null);
  const titles = useRef(new Map<string, HTMLInputElement>());
  useEffect(() => {
    if (focusOn.current === null) return;
    titles.current.get(focusOn.current)?.focus();
    focusOn.current = null;
  });
  const history = useLiveQuery(() => postmortemTemplateHistory(db, template.id), [db, template.id]);
  const changed = work !== null && !sameAsSaved(working);
  const nameOf = (id: string | null) => (id === null ? 'built in' : visibleTextString(people.find((p) => p.id === id)?.name ?? id));

  const apply = (change: () => PostmortemTemplate) => {
    try {
      setWorking(change());
      setMessage('');
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const importSkeleton = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const name = visibleTextString(file.name);
    if (file.size > MAX_SKELETON_BYTES) {
      setMessage(`${name}: ${file.size} bytes is too large for a skeleton (at most 1 MiB).`);
      return;
    }
    const text = await file.text();
    // A NUL or undecodable bytes: not a text file (a skeleton is Markdown in UTF-8).
    if (text.includes('\u0000') || (text.match(/\uFFFD/g)?.length ?? 0) > 0) {
      setMessage(`${name}: is not a UTF-8 text file (it has bytes that are not text); a skeleton is a Markdown file.`);
      return;
    }
    try {
      const skeleton = templateFromMarkdown(text, working.name, working.id);
      setWorking({ ...working, sections: skeleton.sections });
      const n = skeleton.sections.length;
      const filled = skeleton.sections.filter((s) => s.prefill).length;
      setMessage(`${name}: ${n} section${n === 1 ? '' : 's'}, ${filled} of them filled by the workbench. Save to keep them.`);
    } catch (error) {
      setMessage(`${name}: ${(error as Error).message}`);
    }
  };
  const save = async () => {
    const saved = await savePostmortemTemplate(db, working, me.id, new Date());
    setWorking(null);
    setMessage(`Saved as version ${saved.version}. New postmortems start from it; drafts already written keep their sections.`);
  };

  return (
    <section aria-labelledby="template-heading" data-testid="template-editor">
      <h2 id="template-heading">Postmortem template</h2>
      <p className="muted">
        The sections a new postmortem starts with. Version {template.version === 0 ? '0 (as built in)' : template.version}.
        {changed && ' Your changes are not saved yet (they stay while the app is open).'}
      </p>
      {work && work.base !== template.version && (
        <p className="warning" role="note">
          Version {template.version} was saved meanwhile; your changes started from version {work.base}. Saving them makes version {template.version + 1}.
        </p>
      )}
      <ol className="template-sections">
        {working.sections.map((s, i) => (
          <li key={s.id} data-testid="template-section" data-section-id={s.id}>
            <TitleInput
              label={`Title of section ${i + 1}`}
              title={s.title}
              inputRef={(el) => {
                if (el) titles.current.set(s.id, el);
                else titles.current.delete(s.id);
              }}
              onTitle={(title) => apply(() => renameSection(working, s.id, title))}
              onEmpty={() => setMessage('A section needs a title.')}
            />{' '}
            <span className="muted">{s.prefill ? `filled with ${KIND_NAMES[s.prefill]}` : 'written by the author'}</span>{' '}
            <button type="button" disabled={i === 0} onClick={() => apply(() => moveSection(working, s.id, i - 1))} aria-label={`Move ${visibleTextString(s.title)} up`}>
              Up
            </button>
            <button type="button" disabled={i === working.sections.length - 1} onClick={() => apply(() => moveSection(working, s.id, i + 1))} aria-label={`Move ${visibleTextString(s.title)} down`}>
              Down
            </button>
            <button
              type="button"
              onClick={() => {
                // The keyboard goes on to the next section's title (the previous one's for the last).
                const neighbour = working.sections[i + 1] ?? working.sections[i - 1];
                apply(() => removeSection(working, s.id));
                if (neighbour) focusOn.current = neighbour.id;
              }}
              aria-label={`Remove ${visibleTextString(s.title)}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <label>
          New section <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} data-testid="template-new-title" />
        </label>
        <button
          type="button"
          onClick={() =>
            apply(() => {
              const next = addSection(working, newTitle, `own-${crypto.randomUUID()}`);
              setNewTitle('');
              return next;
            })
          }
          data-testid="template-add"
        >
          Add section
        </button>
        <label>
          From a Markdown skeleton (its headings) <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => void importSkeleton(e)} data-testid="template-skeleton" />
        </label>
      </div>
      <div className="toolbar">
        <button type="button" disabled={!changed} onClick={() => void save()} data-testid="template-save">
          Save as a new version
        </button>
        <button type="button" disabled={!changed} onClick={() => setWorking(null)}>
          Undo the changes
        </button>
        <span role="status" data-testid="template-message">
          {message}
        </span>
      </div>
      {history && history.length > 0 && (
        <details>
          <summary>Earlier versions ({history.length})</summary>
          <ul>
            {history.map((t) => (
              <li key={t.version}>
                Version {t.version}, {t.savedAt ? shortInstant(t.savedAt) : ''} by {nameOf(t.savedBy)}: {t.sections.map((s) => visibleTextString(s.title)).join(' · ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted">
        Sections named like ones the workbench fills (<VisibleText text="Summary, Impact, Timeline, Root cause, Mitigation, Action items…" />) are filled in new drafts.
      </p>
    </section>
  );
}

/**
 * A section's title, renamed on Enter (the keyboard stays) or on leaving the box; an empty title is refused and the box
 * shows the title kept. A title changed elsewhere (a skeleton, an undo) shows.
 */
function TitleInput({ label, title, inputRef, onTitle, onEmpty }: { label: string; title: string; inputRef: (el: HTMLInputElement | null) => void; onTitle: (title: string) => void; onEmpty: () => void }) {
  const [value, setValue] = useState(title);
  const [shown, setShown] = useState(title);
  if (title !== shown) {
    setShown(title);
    setValue(title);
  }
  const commit = () => {
    if (value === title) return;
    if (value.trim() === '') {
      setValue(title);
      onEmpty();
      return;
    }
    onTitle(value);
  };
  return (
    <input
      aria-label={label}
      value={value}
      ref={inputRef}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      data-testid="template-title"
    />
  );
}
