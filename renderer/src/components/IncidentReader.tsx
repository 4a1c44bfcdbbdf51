import type { Incident } from '../../../shared/model/incident.ts';
import { countHiddenCharacters } from '../../../shared/text/hiddenText.ts';
import { VisibleText } from './VisibleText.tsx';

function formatInstant(iso: string | null): string {
  return iso === null ? '—' : iso.replace('T', ' ').replace(/:00\.000Z$/, ' UTC').replace(/\.000Z$/, ' UTC');
}

export function IncidentReader({ incident, headingLevel = 2 }: { incident: Incident; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SectionHeading = headingLevel === 2 ? 'h3' : 'h4';
  const hidden = countHiddenCharacters([incident.title, incident.description, incident.rootCauseText, incident.mitigationText].join(''));
  return (
    <article className="reader" aria-label={`Incident ${incident.id}`} data-testid="incident-reader" data-incident-id={incident.id}>
      <Heading>
        <VisibleText text={incident.title} />
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
        <dt>Created</dt>
        <dd>{formatInstant(incident.createdAt)}</dd>
        <dt>Mitigated</dt>
        <dd>{formatInstant(incident.mitigatedAt)}</dd>
        <dt>Resolved</dt>
        <dd>{formatInstant(incident.resolvedAt)}</dd>
        <dt>Time to mitigate</dt>
        <dd>{incident.timeToMitigateMinutes === null ? '—' : `${incident.timeToMitigateMinutes} min`}</dd>
      </dl>
      <section aria-label="Description">
        <SectionHeading>Description</SectionHeading>
        <VisibleText className="prose" text={incident.description || '—'} />
      </section>
      <section aria-label="Root-cause text">
        <SectionHeading>Root cause (as written)</SectionHeading>
        <VisibleText className="prose" text={incident.rootCauseText || '—'} />
      </section>
      <section aria-label="Mitigation text">
        <SectionHeading>Mitigation (as written)</SectionHeading>
        <VisibleText className="prose" text={incident.mitigationText || '—'} />
      </section>
    </article>
  );
}
