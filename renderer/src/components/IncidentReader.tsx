import type { Incident } from '../../../shared/model/incident.ts';
import { recordForCoders, recordTextFields } from '../../../shared/model/recordFields.ts';
import { countHiddenCharacters } from '../../../shared/text/hiddenText.ts';
import { linksIn } from '../../../shared/text/highlight.ts';
import { VisibleText } from './VisibleText.tsx';

function formatInstant(iso: string | null): string {
  return iso === null ? '—' : iso.replace('T', ' ').replace(/:00\.000Z$/, ' UTC').replace(/\.000Z$/, ' UTC');
}

const yesNo = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');

/** The raw record as indented JSON, for the raw view (at most this many characters: a record may be 16 MiB). */
const RAW_VIEW_LIMIT = 200_000;
function rawText(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw, null, 2) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > RAW_VIEW_LIMIT ? `${text.slice(0, RAW_VIEW_LIMIT)}\n… (${text.length - RAW_VIEW_LIMIT} more characters)` : text;
}

/**
 * An incident as a coder reads it: its facts, its texts, the responders' discussion, the web addresses it names (as
 * text, never as links: incident text is untrusted), every other text field of the source record, and the record
 * itself, without the data set's own labels (the answers). Nothing is rendered as HTML; hidden characters show as
 * markers; search words are marked.
 */
export function IncidentReader({ incident, headingLevel = 2, highlight }: { incident: Incident; headingLevel?: 2 | 3; highlight?: readonly string[] }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SectionHeading = headingLevel === 2 ? 'h3' : 'h4';
  const texts = [incident.title, incident.description, incident.rootCauseText, incident.mitigationText, ...incident.discussion.map((d) => d.text)];
  const hidden = countHiddenCharacters(texts.join(''));
  const links = linksIn(texts);
  const other = recordTextFields(incident.raw);
  return (
    <article className="reader" aria-label={`Incident ${incident.id}`} data-testid="incident-reader" data-incident-id={incident.id}>
      <Heading>
        <VisibleText text={incident.title} highlight={highlight} />
      </Heading>
      {hidden > 0 && (
        <p className="warning" role="note" data-testid="hidden-warning">
          This incident's text holds {hidden} hidden or direction-changing character{hidden === 1 ? '' : 's'}, shown as ⟦…⟧ markers.
        </p>
      )}
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <VisibleText text={incident.id} />
        </dd>
        <dt>Status</dt>
        <dd>{incident.status ?? '—'}</dd>
        <dt>Severity</dt>
        <dd>
          {incident.severity ?? '—'}
          {incident.severityRaw !== null && <span className="muted"> ({<VisibleText text={incident.severityRaw} />})</span>}
        </dd>
        <dt>Services</dt>
        <dd>{incident.services.length ? <VisibleText text={incident.services.join(', ')} /> : '—'}</dd>
        <dt>Team</dt>
        <dd>
          {incident.owningTeam ? <VisibleText text={incident.owningTeam} /> : '—'}
          {incident.teamHistory.length > 1 && (
            <span className="muted">
              {' '}
              (was with <VisibleText text={incident.teamHistory.join(' → ')} />; {incident.transferHops ?? incident.teamHistory.length - 1} transfer hops)
            </span>
          )}
        </dd>
        <dt>Detected</dt>
        <dd>
          {incident.detectionType ?? '—'}
          {incident.monitorName && (
            <span className="muted">
              {' '}
              by <VisibleText text={incident.monitorName} />
            </span>
          )}
          {incident.detectedAt && <span className="muted"> at {formatInstant(incident.detectedAt)}</span>}
        </dd>
        <dt>False alarm</dt>
        <dd>{yesNo(incident.falseAlarm)}</dd>
        <dt>Troubleshooting guide</dt>
        <dd>{yesNo(incident.hasTroubleshootingGuide)}</dd>
        <dt>Created</dt>
        <dd>{formatInstant(incident.createdAt)}</dd>
        <dt>Mitigated</dt>
        <dd>{formatInstant(incident.mitigatedAt)}</dd>
        <dt>Resolved</dt>
        <dd>{formatInstant(incident.resolvedAt)}</dd>
        <dt>Time to mitigate</dt>
        <dd>{incident.timeToMitigateMinutes === null ? '—' : `${incident.timeToMitigateMinutes} min`}</dd>
        <dt>Study set</dt>
        <dd>{incident.studySet ?? '—'}</dd>
      </dl>
      <section aria-label="Description">
        <SectionHeading>Description</SectionHeading>
        <VisibleText className="prose" text={incident.description || '—'} highlight={highlight} />
      </section>
      <section aria-label="Root-cause text">
        <SectionHeading>Root cause (as written)</SectionHeading>
        <VisibleText className="prose" text={incident.rootCauseText || '—'} highlight={highlight} />
      </section>
      <section aria-label="Mitigation text">
        <SectionHeading>Mitigation (as written)</SectionHeading>
        <VisibleText className="prose" text={incident.mitigationText || '—'} highlight={highlight} />
      </section>
      {incident.discussion.length > 0 && (
        <section aria-label="Discussion" data-testid="reader-discussion">
          <SectionHeading>Discussion ({incident.discussion.length})</SectionHeading>
          <ol className="discussion">
            {incident.discussion.map((entry, i) => (
              <li key={i}>
                <span className="muted">
                  {formatInstant(entry.at)}
                  {entry.author && (
                    <>
                      {' · '}
                      <VisibleText text={entry.author} />
                    </>
                  )}
                </span>
                <VisibleText className="prose" text={entry.text} highlight={highlight} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {links.length > 0 && (
        <section aria-label="Links" data-testid="reader-links">
          <SectionHeading>Links named in the text ({links.length})</SectionHeading>
          <p className="muted">Shown as text: copy one to open it outside the workbench.</p>
          <ul className="links">
            {links.map((link) => (
              <li key={link}>
                <code>
                  <VisibleText text={link} />
                </code>
              </li>
            ))}
          </ul>
        </section>
      )}
      <details className="record-fields" data-testid="reader-fields">
        <summary>
          Every field of the source record ({other.fields.length + other.more}
          {other.more > 0 ? `, the first ${other.fields.length} shown` : ''}
          {other.labels > 0 ? `; ${other.labels} holding the data set's own labels are not shown while coding` : ''})
        </summary>
        <dl className="facts">
          {other.fields.map((f, i) => (
            <div key={i} className="field-row">
              <dt>
                <VisibleText text={f.path} />
              </dt>
              <dd>
                <VisibleText className="prose" text={f.text} highlight={highlight} />
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <details className="raw-record" data-testid="reader-raw">
        <summary>The raw record ({incident.source.file}, row {incident.source.row})</summary>
        <pre>
          <VisibleText text={rawText(recordForCoders(incident.raw))} />
        </pre>
      </details>
    </article>
  );
}
