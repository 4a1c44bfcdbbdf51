import { VisibleText } from '../../components/VisibleText.tsx';
import { useState } from 'react';
import { CodebookSchema, codebookOfOneDimension, dimensionName, dimensionsOf, findCodebookInconsistencies, loadDefaultCodebook, overlayCodebook, type Codebook } from '../../../../shared/codebook/codebook.ts';
import { parseCategoryList } from '../../../../shared/codebook/codebookList.ts';
import { readQdc, writeQdc } from '../../../../shared/codebook/refiQda.ts';
import { CODEBOOK_FILE } from '../../../../shared/files/codebookFile.ts';
import { readDataFile } from '../../../../shared/files/readFile.ts';
import { typeboxValidator } from '../../../../shared/files/typeboxValidator.ts';
import type { Dimension } from '../../../../shared/model/labels.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { countLabelsOutside, replaceCodebook } from '../../db/repositories/codebooks.ts';
import { getPlatform } from '../../platform/platform.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { SAY_WHO_YOU_ARE, useActorName } from '../../hooks/useActorName.ts';

/** A file's name without what would not do as a file name. */
const fileNameOf = (codebook: Codebook) => `${codebook.id.replace(/[^\w.-]+/g, '-')}-v${codebook.version}`;

/**
 * Codebook exchange and fresh starts: export as JSON (schemas/codebook.schema.json) or REFI-QDA (.qdc); import
 * either; start from the paper's taxonomy or from a list of categories. An import or a start is the next version of
 * the study's codebook; dimensions a file has no codes for keep theirs.
 */
export function CodebookFiles({ codebook, onDone }: { codebook: Codebook; onDone: (message: string) => void }) {
  const actor = useActorName();
  const [dimension, setDimension] = useState<Dimension>('symptom');
  const [list, setList] = useState('');
  const [pending, setPending] = useState<{ next: Codebook; from: 'template' | 'list' | 'file'; outside: number; what: string } | null>(null);
  const [problem, setProblem] = useState('');

  /** The next codebook: the new one's trees, and the current one's where the new one has none. */
  const offer = async (incoming: Codebook, from: 'template' | 'list' | 'file', what: string) => {
    const next = overlayCodebook(codebook, incoming);
    const problems = findCodebookInconsistencies(next);
    if (problems.length) {
      setProblem(`${what}: ${problems.join('; ')}`);
      return;
    }
    setPending({ next, from, outside: await countLabelsOutside(getDatabase(), next), what });
  };
  const store = async () => {
    if (!pending) return;
    if (!actor) {
      setPending(null);
      setProblem(SAY_WHO_YOU_ARE);
      return;
    }
    const version = await replaceCodebook(getDatabase(), pending.next, { by: actor, from: pending.from }, new Date());
    setPending(null);
    onDone(`Version ${version}: ${pending.what}.`);
  };

  const importFile = async () => {
    setProblem('');
    const [chosen] = await getPlatform().openFiles({ title: 'Import a codebook', filters: [{ name: 'Codebooks', extensions: ['json', 'qdc'] }] });
    if (!chosen) return;
    const text = await chosen.file.text();
    if (/\.qdc$/i.test(chosen.name) || text.trimStart().startsWith('<')) {
      const read = readQdc(text, chosen.name, dimension);
      if (!read.ok) setProblem(read.message);
      else await offer(read.codebook, 'file', `the codebook in ${chosen.name}${read.warnings.length ? ` (${read.warnings.join('; ')})` : ''}`);
      return;
    }
    const read = readDataFile(CODEBOOK_FILE, text, typeboxValidator(CodebookSchema), chosen.name);
    if (!read.ok) setProblem(read.message);
    else await offer(read.value, 'file', `the codebook in ${chosen.name}`);
  };
  const fromList = async () => {
    setProblem('');
    const parsed = parseCategoryList(list);
    if (!parsed.ok) {
      setProblem(`The list, ${parsed.message}`);
      return;
    }
    await offer(codebookOfOneDimension(codebook, dimension, parsed.codes), 'list', `the ${dimensionName(codebook, dimension).toLowerCase()} codes from a list of ${parsed.codes.length} categories`);
  };

  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Export, import, start again</h2>
      <div className="toolbar">
        <button type="button" onClick={() => void getPlatform().saveTextFile(`${fileNameOf(codebook)}.json`, `${JSON.stringify({ ...codebook }, null, 2)}\n`, 'application/json')} data-testid="codebook-export-json">
          Export as JSON
        </button>
        <button type="button" onClick={() => void getPlatform().saveTextFile(`${fileNameOf(codebook)}.qdc`, writeQdc(codebook), 'application/xml')} data-testid="codebook-export-qdc">
          Export as REFI-QDA (.qdc)
        </button>
        <label htmlFor="import-dimension">Codes of other tools go to</label>
        <select id="import-dimension" value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)} data-testid="import-dimension">
          {dimensionsOf(codebook).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void importFile()} data-testid="codebook-import">
          Import a codebook (.json or .qdc)…
        </button>
        <button type="button" onClick={() => void offer(loadDefaultCodebook(), 'template', 'the study paper\'s taxonomy')} data-testid="codebook-template">
          Start from the paper&apos;s taxonomy
        </button>
      </div>
      <label htmlFor="category-list">A list of categories for the dimension chosen above, one per line as “Name: definition” (indent a line to make it a sub-category)</label>
      <textarea id="category-list" rows={5} value={list} onChange={(e) => setList(e.target.value)} style={{ width: '100%' }} data-testid="category-list" />
      <button type="button" onClick={() => void fromList()} data-testid="codebook-from-list">
        Start this dimension from the list
      </button>
      {problem && (
        <p role="alert" data-testid="codebook-file-problem">
          <VisibleText text={problem} />
        </p>
      )}
      {pending && (
        <ConfirmDialog
          testId="replace-confirmation"
          title={`Make ${pending.what} the next version?`}
          safe="Keep the codebook as it is"
          danger="Make it the next version"
          onSafe={() => setPending(null)}
          onDanger={() => void store()}
        >
          <p>
            {pending.outside === 0
              ? 'Every label in the study uses a code the new version has.'
              : `${pending.outside} label${pending.outside === 1 ? '' : 's'} use codes the new version does not have: they stay as they are (agreement lists them as undeclared) until recoded, and the earlier version stays stored.`}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
