import type { ExportFormat } from './format.ts';
import { isRecord, str, ViewError } from './format.ts';
import { parseInstant } from '../instant.ts';

interface ScrapedUpdate {
  Update_Title?: string;
  Update_Body?: string;
  Update_Timestamp?: string;
}

/** "Posted 3 months ago. May 31, 2024 - 18:05 PDT" → the instant; display text around it is dropped. */
export function parseStatuspageDisplayTime(text: string): string | null {
  const cleaned = text.replace(/^\s*Posted\s+(?:[^.]*?ago\.\s*)?/i, '').trim();
  return parseInstant(cleaned) ?? null;
}

/** "This incident affected: API and ChatGPT." → ["API", "ChatGPT"]. */
export function parseAffectedServices(text: string): string[] {
  const body = text.replace(/^\s*This incident affected:\s*/i, '').replace(/\.\s*$/, '');
  return body
    .split(/,\s*|\s+and\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Statuspage *HTML* history pages as scraped by the ICPE'25 study (FORMATS.md §1b). */
export const ICPE_STATUS_HISTORY: ExportFormat = {
  id: 'icpe-statuspage-history-csv',
  name: 'Statuspage history pages, scraped (ICPE 2025 CSV)',
  format: 'csv',
  signatures: [['Incident_Title', 'Incident_Link', 'Incident_Impact', 'Updates', 'Service']],
  mapping: {
    fields: {
      id: '__id',
      title: 'Incident_Title',
      description: '__description',
      status: '__status',
      severity: '__impact',
      services: '__services',
      createdAt: '__createdAt',
      mitigatedAt: '__mitigatedAt',
      resolvedAt: '__resolvedAt',
      discussion: '__updates',
    },
  },
  fieldSources: { __id: 'Incident_Link', __status: 'Updates', __impact: 'Incident_Impact', __createdAt: 'Updates', __mitigatedAt: 'Updates', __resolvedAt: 'Updates' },
  view(record) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(str(record.Updates) || '[]');
    } catch (e) {
      throw new ViewError('Updates', `is not the JSON list of updates it should be: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new ViewError('Updates', 'is not a list of updates');
    const updates = parsed
      .filter(isRecord)
      .map((u) => u as ScrapedUpdate)
      .map((u) => ({ title: str(u.Update_Title), body: str(u.Update_Body), at: parseStatuspageDisplayTime(str(u.Update_Timestamp)) }))
      .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
    const at = (title: string) => updates.find((u) => u.title.toLowerCase() === title)?.at ?? null;
    const link = str(record.Incident_Link);
    return {
      ...record,
      __id: link.split('/').filter((s) => s !== '').pop() ?? '',
      __description: updates.map((u) => u.body).filter((b) => b).join('\n\n'),
      __status: updates.length ? updates[updates.length - 1]!.title : '',
      __impact: str(record.Incident_Impact).replace(/^impact-/, ''),
      __services: parseAffectedServices(str(record.Service)),
      __createdAt: updates[0]?.at ?? null,
      __mitigatedAt: at('monitoring'),
      __resolvedAt: at('resolved'),
      __updates: updates.map((u) => ({ at: u.at, status: u.title, body: u.body })),
    };
  },
};
