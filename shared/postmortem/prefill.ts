import type { Codebook } from '../codebook/codebook.ts';
import { describeCode, dimensionName, findNode } from '../codebook/codebook.ts';
import { minutesBetween, type Incident } from '../model/incident.ts';
import type { Dimension } from '../model/labels.ts';
import { markControlCharacters, visibleTextString } from '../text/hiddenText.ts';
import type { PrefillKind } from './template.ts';

/**
 * What the workbench writes into a new postmortem from the incident and its final codes. Every value says where it
 * came from (shown beside it, and kept when the author overwrites it), and every text from the incident is written as
 * Markdown text, never as markup: its Markdown characters are escaped and hidden characters made visible, so a
 * title like `<img src=x onerror=…>` or `[x](javascript:…)` reads as itself in any Markdown renderer.
 */
export interface PrefilledValue {
  markdown: string;
  /** Where it came from, for people: "incident: created", "final code (agreed): root cause". */
  source: string;
}

export interface FinalCodeOfIncident {
  dimension: Dimension;
  code: string;
  origin: 'agreed' | 'resolved';
}

export interface TimelineEntry {
  at: string | null;
  text: string;
  source: string;
}

export interface PrefilledPostmortem {
  timeline: TimelineEntry[];
  /** Minutes from creation to detection, and to mitigation; null where the export has no time. */
  timeToDetectMinutes: number | null;
  timeToMitigateMinutes: number | null;
  sections: Record<PrefillKind, PrefilledValue[]>;
}

/** Text from an incident as Markdown text: one line, every ASCII punctuation Markdown reads escaped, hidden characters shown. */
export function markdownText(text: string): string {
  // Control characters (an escape sequence would drive a terminal the draft is printed to) are shown, not kept.
  return markControlCharacters(visibleTextString(text))
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_{}[\]<>()#+\-.!|~&"']/g, (c) => `\\${c}`)
    .trim();
}

/** A duration for people: "45 min", "3 h 5 min", "2 d 4 h". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const hours = Math.floor(m / 60);
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The incident's timeline: its own timestamps and its discussion, in time order (entries at the same instant keep the
 * order they came in); discussion entries without a time follow, in their order.
 */
export function incidentTimeline(incident: Incident): TimelineEntry[] {
  const dated: Array<TimelineEntry & { order: number }> = [];
  const undated: TimelineEntry[] = [];
  let order = 0;
  const add = (at: string | null, text: string, source: string) => (at ? dated.push({ at, text, source, order: order++ }) : undefined);
  add(incident.createdAt, 'Incident opened', 'incident: created');
  const detectedBy = incident.detectionType === 'monitor' ? `by a monitor${incident.monitorName ? ` (${markdownText(incident.monitorName)})` : ''}` : incident.detectionType === 'human' ? 'by a person' : '';
  add(incident.detectedAt, `Detected${detectedBy ? ` ${detectedBy}` : ''}`, 'incident: detected');
  for (const entry of incident.discussion) {
    const text = `${entry.author ? `${markdownText(entry.author)}: ` : ''}${markdownText(entry.text)}`;
    if (entry.at) add(entry.at, text, 'incident: discussion');
    else undated.push({ at: null, text, source: 'incident: discussion (no time)' });
  }
  add(incident.mitigatedAt, 'Mitigated', 'incident: mitigated');
  add(incident.resolvedAt, 'Resolved', 'incident: resolved');
  dated.sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : a.order - b.order));
  return [...dated.map(({ at, text, source }) => ({ at, text, source })), ...undated];
}

function codeValues(codes: readonly FinalCodeOfIncident[], dimension: Dimension, codebook: Codebook): PrefilledValue[] {
  return codes
    .filter((c) => c.dimension === dimension)
    .map((c) => {
      const definition = findNode(codebook, dimension, c.code)?.description ?? '';
      return {
        markdown: `**${markdownText(describeCode(codebook, dimension, c.code))}**${definition ? `: ${markdownText(definition)}` : ''}`,
        source: `final code (${c.origin === 'agreed' ? 'both coders agreed' : 'decided by the lead'}): ${dimensionName(codebook, dimension).toLowerCase()}`,
      };
    });
}

export function prefillPostmortem(incident: Incident, codes: readonly FinalCodeOfIncident[], codebook: Codebook): PrefilledPostmortem {
  const timeline = incidentTimeline(incident);
  const detect = minutesBetween(incident.createdAt, incident.detectedAt);
  const timeToDetectMinutes = detect !== null && detect >= 0 ? detect : null;
  const timeToMitigateMinutes = incident.timeToMitigateMinutes;
  const value = (markdown: string, source: string): PrefilledValue => ({ markdown, source });
  const when = (at: string | null) => (at ? utc(at) : 'unknown');
  const sections: Record<PrefillKind, PrefilledValue[]> = {
    summary: [value(markdownText(incident.title), 'incident: title'), ...(incident.description.trim() ? [value(markdownText(incident.description), 'incident: description')] : [])],
    impact: [
      ...(incident.severity ? [value(`Severity: ${incident.severity}${incident.severityRaw ? ` (${markdownText(incident.severityRaw)})` : ''}`, 'incident: severity')] : []),
      ...(incident.services.length ? [value(`Services: ${incident.services.map(markdownText).join(', ')}`, 'incident: services')] : []),
      ...codeValues(codes, 'symptom', codebook),
    ],
    detection: [
      value(`Opened ${when(incident.createdAt)}; detected ${when(incident.detectedAt)}${timeToDetectMinutes !== null ? ` (time to detect: ${formatMinutes(timeToDetectMinutes)})` : ''}`, 'incident: created, detected'),
      ...(incident.detectionType ? [value(`Detected by ${incident.detectionType === 'monitor' ? 'a monitor' : 'a person'}${incident.monitorName ? `: ${markdownText(incident.monitorName)}` : ''}`, 'incident: detection type, monitor')] : []),
      ...(incident.falseAlarm === true ? [value('Closed as a false alarm', 'incident: false alarm')] : []),
    ],
    timeline: timeline.map((e) => value(`${e.at ? `${utc(e.at)}: ` : ''}${e.text}`, e.source)),
    triage: [
      ...(incident.owningTeam ? [value(`Owning team: ${markdownText(incident.owningTeam)}`, 'incident: owning team')] : []),
      ...(incident.teamHistory.length > 1 ? [value(`Transferred ${incident.transferHops ?? incident.teamHistory.length - 1} time${(incident.transferHops ?? incident.teamHistory.length - 1) === 1 ? '' : 's'}: ${incident.teamHistory.map(markdownText).join(' → ')}`, 'incident: team history')] : []),
      ...(incident.hasTroubleshootingGuide !== null ? [value(incident.hasTroubleshootingGuide ? 'A troubleshooting guide was linked' : 'No troubleshooting guide was linked', 'incident: troubleshooting guide')] : []),
    ],
    rootCause: [...codeValues(codes, 'rootCause', codebook), ...(incident.rootCauseText.trim() ? [value(markdownText(incident.rootCauseText), 'incident: root cause')] : [])],
    mitigation: [
      ...codeValues(codes, 'mitigation', codebook),
      ...(incident.mitigationText.trim() ? [value(markdownText(incident.mitigationText), 'incident: mitigation')] : []),
      ...(timeToMitigateMinutes !== null ? [value(`Time to mitigate: ${formatMinutes(timeToMitigateMinutes)}`, 'incident: created, mitigated')] : []),
    ],
    wentWell: [],
    wentPoorly: [],
    actionItems: [],
  };
  return { timeline, timeToDetectMinutes, timeToMitigateMinutes, sections };
}
