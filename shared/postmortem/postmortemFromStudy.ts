import type { ChartSpec } from '../report/charts.ts';
import { currentLabels } from '../coding/labelHistory.ts';
import { pickPair } from '../study/coderPair.ts';
import type { StudyTables } from '../study/studyFile.ts';
import { visibleTextString } from '../text/hiddenText.ts';
import { draftFromTemplate, postmortemHtml, postmortemMarkdown, type PostmortemContext } from './document.ts';
import { prefillPostmortem } from './prefill.ts';
import { studyFinalCodes } from './codedIncidents.ts';
import { categoryStanding, findSimilarIncidents } from './similar.ts';
import { defaultTemplate, latestTemplates } from './template.ts';
import { draftHeads } from './draft.ts';

/**
 * A postmortem of one incident of a study file: its stored draft as it stands, else a new draft from the study's
 * default template (the stored one, if the study changed it), prefilled from the incident
 * and the final codes of the coder pair the Analysis screen compares first, with the similar incidents and the
 * incident's place in its root-cause category.
 */
export function postmortemFromStudyTables(tables: StudyTables, incidentId: string, format: 'md' | 'html', svgOf?: (chart: ChartSpec) => string): string {
  const settings = tables.settings[0];
  if (!settings) throw new Error('The study file has no settings row.');
  const codebook = tables.codebookVersions.find((c) => c.id === settings.codebook.id && c.version === settings.codebook.version);
  if (!codebook) throw new Error(`The study's codebook (${settings.codebook.id}, version ${settings.codebook.version}) is not in the file.`);
  const incident = tables.incidents.find((i) => i.id === incidentId);
  if (!incident) throw new Error(`The study has no incident "${visibleTextString(incidentId)}".`);
  const { a, b } = pickPair(tables.people, null, null);
  const { coded, codesOf } = a && b ? studyFinalCodes(tables.incidents, currentLabels(tables.labelRevisions), tables.decisions, a.id, b.id, settings.currentRound) : studyFinalCodes(tables.incidents, [], [], '', '', settings.currentRound);
  const target = coded.find((c) => c.id === incidentId)!;
  const stored = draftHeads(tables.postmortemRevisions).get(incidentId);
  const template = latestTemplates(tables.postmortemTemplates).find((t) => t.id === 'default') ?? defaultTemplate();
  const draft = stored ?? draftFromTemplate(template, prefillPostmortem(incident, codesOf.get(incidentId) ?? [], codebook));
  const context: PostmortemContext = { incidentId, title: incident.title, similar: findSimilarIncidents(target, coded, 5), standing: categoryStanding(target, coded), codebook, timeToMitigateMinutes: incident.timeToMitigateMinutes };
  return format === 'md' ? postmortemMarkdown(draft, context) : postmortemHtml(draft, context, svgOf);
}
