import { useMemo, useState } from 'react';
import type { Codebook } from '../../../../shared/codebook/codebook.ts';
import { describeCode, dimensionName } from '../../../../shared/codebook/codebook.ts';
import type { Person } from '../../../../shared/model/labels.ts';
import { actionItemsSection, standingSentence, postmortemBlocks, postmortemHtml, postmortemMarkdown, standingChart, type PostmortemContext } from '../../../../shared/postmortem/document.ts';
import { ACTION_ITEM_STATUSES, diffRevisions, type ActionItem, type DraftContent, type PostmortemRevision } from '../../../../shared/postmortem/draft.ts';
import { formatMinutes } from '../../../../shared/postmortem/prefill.ts';
import type { PostmortemTemplate } from '../../../../shared/postmortem/template.ts';
import { countHiddenCharacters, visibleTextString } from '../../../../shared/text/hiddenText.ts';
import { fileStem, shortInstant } from '../../../../shared/export/fileNames.ts';
import { chartSvg } from '../../components/chartSvg.ts';
import { IncidentReader } from '../../components/IncidentReader.tsx';
import { MarkdownView } from '../../components/MarkdownView.tsx';
import { ReportChart } from '../../components/ReportChart.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';
import { useIncident } from '../../hooks/useStudyData.ts';
import { getPlatform } from '../../platform/platform.ts';
import { useLessons, usePostmortemDraft, type Lessons, type SaveState } from './usePostmortemDraft.ts';

const SAVE_TEXT: Record<SaveState['kind'], string> = { new: 'Not saved yet: prefilled; the first change saves it', saved: 'Saved', unsaved: 'Unsaved changes: saving when you pause', saving: 'Saving…', error: '' };
const fileName = (id: string, extension: string) => `postmortem-${fileStem(id)}.${extension}`;

/**
 * One incident's postmortem: each section's Markdown beside its preview (drawn from the parser's tokens, never as
 * HTML), where each prefilled value came from, the action items, the versions (diff and restore), what similar
 * incidents taught, and the exports (Markdown, one HTML file, PDF). Every edit is saved as a revision.
 */
export function PostmortemEditor(props: { incidentId: string; me: Person; people: readonly Person[]; pair: { a: string; b: string } | null; round: number; codebook: Codebook; template: PostmortemTemplate }) {
  const { incidentId, pair, round } = props;
  const incident = useIncident(incidentId);
  const lessons = useLessons(incidentId, pair, round);
  if (incident === undefined) return <p role="status">Loading the incident…</p>;
  if (incident === null) return <p role="alert">The incident <VisibleText text={incidentId} /> is not in this study.</p>;
  // Without a pair of coders there are no final codes: the draft is prefilled from the incident alone.
  const codes = pair === null ? [] : lessons.error ? [] : (lessons.answer?.codes ?? null);
  return <Editor {...props} incident={incident} codes={codes} lessons={lessons.answer} lessonsError={lessons.error} computing={lessons.computing} />;
}

function Editor(props: Parameters<typeof PostmortemEditor>[0] & { incident: NonNullable<ReturnType<typeof useIncident>>; codes: Lessons['codes'] | null; lessons: Lessons | null; lessonsError: string | null; computing: boolean }) {
  const { incident, codebook, me, people, lessons } = props;
  const { content, history, state, edit, restore, restoring } = usePostmortemDraft({ incident, codes: props.codes, template: props.template, codebook, by: me.id });
  const context: PostmortemContext = useMemo(
    () => ({ incidentId: incident.id, title: incident.title, similar: lessons?.similar ?? [], standing: lessons?.standing ?? null, codebook, timeToMitigateMinutes: incident.timeToMitigateMinutes }),
    [incident, lessons, codebook],
  );
  const [message, setMessage] = useState('');
  if (!content) return <p role="status">Preparing the draft from the incident and its codes…</p>;

  const setSection = (sectionId: string, markdown: string) => edit((d) => ({ ...d, sections: d.sections.map((s) => (s.sectionId === sectionId ? { ...s, markdown } : s)) }));
  const save = async (extension: 'md' | 'html') => {
    const text = extension === 'md' ? postmortemMarkdown(content, context) : postmortemHtml(content, context, chartSvg);
    const saved = await getPlatform().saveTextFile(fileName(incident.id, extension), text, extension === 'md' ? 'text/markdown' : 'text/html');
    setMessage(saved ? `Saved ${fileName(incident.id, extension)}.` : 'Not saved.');
  };

  return (
    <div className="postmortem-editor" data-testid="postmortem-editor" data-incident-id={incident.id} data-lessons={props.computing ? 'computing' : 'ready'} data-lessons-ms={lessons ? `${lessons.loadMs.toFixed(0)}+${lessons.computeMs.toFixed(0)}` : ''}>
      <h2>
        Postmortem: <VisibleText text={incident.title} /> <span className="muted">({visibleTextString(incident.id)})</span>
      </h2>
      <div className="toolbar">
        <span role="status" data-testid="draft-state" data-state={state.kind} className={state.kind === 'error' ? 'warning' : 'muted'}>
          {state.kind === 'error' ? state.message : SAVE_TEXT[state.kind]}
        </span>
        <button type="button" onClick={() => void save('md')} data-testid="export-md">
          Export Markdown
        </button>
        <button type="button" onClick={() => void save('html')} data-testid="export-html">
          Export HTML
        </button>
        <button type="button" onClick={() => void getPlatform().printToPdf(fileName(incident.id, 'pdf'))} data-testid="export-pdf">
          Print or save as PDF
        </button>
        <span role="status">{message}</span>
      </div>
      <div className="postmortem-layout">
        <div className="postmortem-sections">
          {content.sections.map((section) => (
            <section key={section.sectionId} className="postmortem-section" aria-labelledby={`pm-${section.sectionId}`}>
              <h3 id={`pm-${section.sectionId}`}>
                <VisibleText text={section.title} />
              </h3>
              {section.sources.length > 0 && (
                <p className="muted" data-testid={`sources-${section.sectionId}`}>
                  Prefilled from <VisibleText text={section.sources.join('; ')} />. Change anything: where it came from stays noted.
                </p>
              )}
              <div className="section-edit">
                <textarea
                  aria-label={`${visibleTextString(section.title)} (Markdown)`}
                  value={section.markdown}
                  readOnly={restoring}
                  onChange={(e) => setSection(section.sectionId, e.target.value)}
                  rows={Math.min(14, Math.max(4, section.markdown.split('\n').length + 1))}
                  spellCheck
                  data-testid={`section-${section.sectionId}`}
                />
                <div className="section-preview" aria-label={`${visibleTextString(section.title)}, preview`} role="region">
                  <MarkdownView markdown={section.markdown} testId={`preview-${section.sectionId}`} />
                </div>
              </div>
              <HiddenNote sectionId={section.sectionId} markdown={section.markdown} />
              {section === actionItemsSection(content) && (
                <fieldset disabled={restoring} className="plain-fieldset">
                  <legend className="sr-only">Action items</legend>
                  <ActionItems items={content.actionItems} onChange={(actionItems) => edit((d) => ({ ...d, actionItems }))} />
                </fieldset>
              )}
            </section>
          ))}
        </div>
        <aside className="postmortem-side">
          <LessonsPanel context={context} computing={props.computing} error={props.lessonsError} paired={props.pair !== null} codes={props.codes} codebook={codebook} />
          <Versions history={history} people={people} current={content} onRestore={(r) => void restore(r)} />
          <details>
            <summary>The incident as recorded</summary>
            <IncidentReader incident={incident} headingLevel={3} />
          </details>
        </aside>
      </div>
      {/* What prints (PDF): the whole postmortem as a document. */}
      <div className="postmortem-print">
        {postmortemBlocks(content, context, { inert: false }).map((block, i) => (
          <MarkdownView key={i} markdown={block} />
        ))}
      </div>
    </div>
  );
}

/** Says when the Markdown being edited holds hidden characters (the preview and every export show them as markers). */
function HiddenNote({ sectionId, markdown }: { sectionId: string; markdown: string }) {
  const hidden = countHiddenCharacters(markdown);
  if (hidden === 0) return null;
  return (
    <p className="warning" role="note" data-testid={`hidden-in-${sectionId}`}>
      This text holds {hidden} hidden character{hidden === 1 ? '' : 's'} (invisible here; the preview and the exports show each as a marker).
    </p>
  );
}

function ActionItems({ items, onChange }: { items: readonly ActionItem[]; onChange: (items: ActionItem[]) => void }) {
  const [draft, setDraft] = useState({ text: '', owner: '', due: '', status: 'open' as ActionItem['status'] });
  const [problem, setProblem] = useState('');
  const change = (id: string, patch: Partial<ActionItem>) => {
    setProblem('');
    onChange(items.map((i) => (i.id === id ? { ...i, ...patch } : i)));
  };
  const add = () => {
    if (draft.text.trim() === '') {
      setProblem('Write what is to be done first.');
      return;
    }
    setProblem('');
    onChange([...items, { id: crypto.randomUUID(), text: draft.text.trim(), owner: draft.owner.trim(), due: draft.due === '' ? null : draft.due, status: draft.status }]);
    setDraft({ text: '', owner: '', due: '', status: 'open' });
  };
  return (
    <div className="action-items" data-testid="action-items">
      <table>
        <caption>Action items</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, n) => (
            <tr key={item.id} data-testid="action-item">
              <td>
                <ActionText label={`Action item ${n + 1}`} text={item.text} onText={(text) => change(item.id, { text })} onEmpty={() => setProblem('An action item needs a text: it keeps the old one until you write another.')} />
              </td>
              <td>
                <input aria-label={`Owner of action item ${n + 1}`} value={item.owner} onChange={(e) => change(item.id, { owner: e.target.value })} />
              </td>
              <td>
                <input type="date" aria-label={`Due date of action item ${n + 1}`} value={item.due ?? ''} onChange={(e) => change(item.id, { due: e.target.value === '' ? null : e.target.value })} />
              </td>
              <td>
                <select aria-label={`Status of action item ${n + 1}`} value={item.status} onChange={(e) => change(item.id, { status: e.target.value as ActionItem['status'] })}>
                  {ACTION_ITEM_STATUSES.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => onChange(items.filter((i) => i.id !== item.id))} aria-label={`Remove action item ${n + 1}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input aria-label="New action item" value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && add()} data-testid="new-action-text" />
            </td>
            <td>
              <input aria-label="Owner of the new action item" value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} data-testid="new-action-owner" />
            </td>
            <td>
              <input type="date" aria-label="Due date of the new action item" value={draft.due} onChange={(e) => setDraft({ ...draft, due: e.target.value })} data-testid="new-action-due" />
            </td>
            <td>
              <select aria-label="Status of the new action item" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as ActionItem['status'] })}>
                {ACTION_ITEM_STATUSES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </td>
            <td>
              <button type="button" onClick={add} data-testid="add-action">
                Add
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      {problem && (
        <p role="alert" className="warning">
          {problem}
        </p>
      )}
    </div>
  );
}

/** An action item's text, cleared and retyped freely; each non-empty text is kept, an empty one is not (it is required). */
function ActionText({ label, text, onText, onEmpty }: { label: string; text: string; onText: (text: string) => void; onEmpty: () => void }) {
  const [value, setValue] = useState(text);
  // A text changed from elsewhere (a restore) shows, unless the box is being retyped from empty.
  const [shown, setShown] = useState(text);
  if (text !== shown) {
    setShown(text);
    if (value.trim() !== '') setValue(text);
  }
  return (
    <input
      aria-label={label}
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        if (e.target.value.trim() === '') onEmpty();
        else onText(e.target.value);
      }}
      onBlur={() => value.trim() === '' && setValue(text)}
    />
  );
}

function LessonsPanel(props: { context: PostmortemContext; computing: boolean; error: string | null; paired: boolean; codes: Lessons['codes'] | null; codebook: Codebook }) {
  const { context, codebook } = props;
  const chart = useMemo(() => standingChart(context), [context]);
  const { standing } = context;
  return (
    <section aria-labelledby="lessons-heading" data-testid="lessons" data-computing={props.computing}>
      <h3 id="lessons-heading">What similar incidents taught</h3>
      {!props.paired ? (
        <p className="muted">Final codes come from two coders (chosen on the Agreement screen); with fewer than two, nothing is compared.</p>
      ) : props.error ? (
        <p role="alert">{props.error}</p>
      ) : props.codes === null ? (
        <p role="status">Looking through the study…</p>
      ) : null}
      {props.codes && props.codes.length === 0 && (
        <p className="muted" data-testid="no-final-codes">
          This incident has no final code yet (both coders' codes agreed, or the lead's decision), so nothing is compared: similar incidents and its
          category appear once it has a root cause or symptom.
        </p>
      )}
      {props.codes && props.codes.length > 0 && (
        <p data-testid="final-codes">
          Final codes:{' '}
          {props.codes.map((c, i) => (
            <span key={c.dimension}>
              {i > 0 ? '; ' : ''}
              <VisibleText text={dimensionName(codebook, c.dimension).toLowerCase()} /> <VisibleText text={describeCode(codebook, c.dimension, c.code)} /> ({c.origin})
            </span>
          ))}
        </p>
      )}
      {standing && (
        <div
          data-testid="category-standing"
          data-category={standing.category}
          data-n={standing.timeToMitigate?.n ?? 0}
          data-median={standing.timeToMitigate?.median ?? ''}
          data-q1={standing.timeToMitigate?.q1 ?? ''}
          data-q3={standing.timeToMitigate?.q3 ?? ''}
          data-percentile={standing.targetPercentile ?? ''}
        >
          <p>
            <VisibleText text={standingSentence(standing, codebook)} />
          </p>
          {standing.mitigations.length > 0 && (
            <table data-testid="category-mitigations">
              <caption>Mitigations used in the category</caption>
              <thead>
                <tr>
                  <th scope="col">Mitigation</th>
                  <th scope="col">Incidents</th>
                </tr>
              </thead>
              <tbody>
                {standing.mitigations.map((m) => (
                  <tr key={m.code} data-code={m.code}>
                    <th scope="row">
                      <VisibleText text={describeCode(codebook, 'mitigation', m.code)} />
                    </th>
                    <td data-value={m.count}>{m.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {chart && <ReportChart spec={chart} />}
        </div>
      )}
      {context.similar.length > 0 && (
        <>
          <h4>Similar past incidents</h4>
          <ol data-testid="similar-incidents">
            {context.similar.map((s) => (
              <li key={s.incident.id} data-incident-id={s.incident.id}>
                <strong>
                  <VisibleText text={s.incident.id} />
                </strong>
                : <VisibleText text={s.incident.title} /> <span className="muted">(shares {s.shared.join(', ')})</span>
                <br />
                {s.incident.codes.mitigation ? <VisibleText text={describeCode(codebook, 'mitigation', s.incident.codes.mitigation)} /> : 'no mitigation code'}
                {s.incident.timeToMitigateMinutes !== null && `, mitigated in ${formatMinutes(s.incident.timeToMitigateMinutes)}`}
                {s.incident.mitigationText && (
                  <>
                    {': '}
                    <VisibleText text={s.incident.mitigationText.length > 300 ? `${s.incident.mitigationText.slice(0, 300)}…` : s.incident.mitigationText} />
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Versions({ history, people, current, onRestore }: { history: readonly PostmortemRevision[]; people: readonly Person[]; current: DraftContent; onRestore: (r: PostmortemRevision) => void }) {
  const [chosen, setChosen] = useState('');
  const nameOf = (id: string) => visibleTextString(people.find((p) => p.id === id)?.name ?? id);
  const earlier = history.find((r) => r.id === chosen) ?? history[1] ?? null;
  const diff = useMemo(() => (earlier ? diffRevisions(earlier, current) : []), [earlier, current]);
  if (history.length === 0) return <p className="muted">Not saved yet: the first change saves the draft as its first version.</p>;
  return (
    <section aria-labelledby="versions-heading" data-testid="versions">
      <h3 id="versions-heading">Versions ({history.length})</h3>
      {history.length > 1 && earlier && (
        <>
          <label>
            Compare the draft with{' '}
            <select value={earlier.id} onChange={(e) => setChosen(e.target.value)} data-testid="version-pick">
              {history.map((r, i) => (
                <option key={r.id} value={r.id}>
                  {i === 0 ? 'the latest version' : `version ${history.length - i}`}, {shortInstant(r.savedAt)} by {nameOf(r.savedBy)}
                  {r.restoredFrom ? ' (a restore)' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => onRestore(earlier)} disabled={earlier === history[0]} data-testid="restore-version">
            Restore that version
          </button>
          <div className="diff" data-testid="version-diff" aria-live="polite">
            {diff.length === 0 ? (
              <p className="muted">No difference.</p>
            ) : (
              diff.map((d) => (
                <div key={d.sectionId}>
                  <h4>
                    <VisibleText text={d.title} />
                  </h4>
                  <pre>
                    {d.parts.map((p, i) =>
                      p.kind === 'added' ? (
                        <ins key={i}>{visibleTextString(p.text).replace(/^/gm, '+ ').replace(/\+ $/, '')}</ins>
                      ) : p.kind === 'removed' ? (
                        <del key={i}>{visibleTextString(p.text).replace(/^/gm, '- ').replace(/- $/, '')}</del>
                      ) : (
                        <span key={i}>{visibleTextString(p.text).replace(/^/gm, '  ').replace(/ {2}$/, '')}</span>
                      ),
                    )}
                  </pre>
                </div>
              ))
            )}
          </div>
        </>
      )}
    </section>
  );
}
