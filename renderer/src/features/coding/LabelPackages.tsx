import { useState } from 'react';
import type { LabelPackage, PackageImportPlan } from '../../../../shared/coding/labelPackage.ts';
import { getDatabase } from '../../db/activeStudy.ts';
import { exportLabelPackage, importLabelPackage, previewLabelPackage } from '../../db/repositories/labelPackages.ts';
import { getPlatform } from '../../platform/platform.ts';
import { sha256Hex } from '../../platform/sha256.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { VisibleText } from '../../components/VisibleText.tsx';

/** An annotator's own labels as a package for the lead (every revision, every round). */
export function ExportMyLabels({ annotatorId, annotatorName }: { annotatorId: string; annotatorName: string }) {
  const [status, setStatus] = useState('');
  const exportPackage = async () => {
    try {
      const now = new Date();
      const text = await exportLabelPackage(getDatabase(), annotatorId, now, sha256Hex);
      const safeName = annotatorName.replace(/[^\p{L}\p{N}._-]+/gu, '-');
      await getPlatform().saveTextFile(`labels-${safeName}-${now.toISOString().slice(0, 10)}.json`, text, 'application/json');
      setStatus('Exported your labels as a package for the lead.');
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  return (
    <span>
      <button type="button" onClick={() => void exportPackage()} data-testid="export-package">
        Export my labels (package)
      </button>{' '}
      <span role="status">
        <VisibleText text={status} />
      </span>
    </span>
  );
}

/** The lead imports annotators' packages: each is checked, and what it would change is shown before it is imported. */
export function ImportLabelPackages() {
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<{ fileName: string; pkg: LabelPackage; plan: PackageImportPlan; newPerson: boolean } | null>(null);
  const choose = async () => {
    setStatus('');
    const [chosen] = await getPlatform().openFiles({ title: 'Import a label package', filters: [{ name: 'Label packages', extensions: ['json'] }] });
    if (!chosen) return;
    const preview = await previewLabelPackage(getDatabase(), await chosen.file.text(), chosen.name, sha256Hex);
    if (!preview.ok) setStatus(preview.message);
    else if (preview.plan.added.length === 0) setStatus(`${chosen.name}: nothing new (all ${preview.plan.alreadyHeld} revisions of ${preview.pkg.annotator.name} are here already).`);
    else setPending({ fileName: chosen.name, ...preview });
  };
  const confirm = async () => {
    if (!pending) return;
    const done = await importLabelPackage(getDatabase(), pending.pkg);
    setPending(null);
    setStatus(`${pending.fileName}: ${done.added} revisions of ${pending.pkg.annotator.name} imported.`);
  };
  return (
    <div className="toolbar">
      <button type="button" onClick={() => void choose()} data-testid="import-package">
        Import a label package…
      </button>
      <span role="status" data-testid="package-status">
        <VisibleText text={status} />
      </span>
      {pending && (
        <ConfirmDialog
          testId="package-confirmation"
          title={`Import ${pending.pkg.annotator.name}'s labels?`}
          safe="Do not import"
          danger={`Import ${pending.plan.added.length} revisions`}
          onSafe={() => setPending(null)}
          onDanger={() => void confirm()}
        >
          <p>
            {pending.newPerson ? `${pending.pkg.annotator.name} joins the study. ` : ''}
            {pending.plan.changes.length} current code{pending.plan.changes.length === 1 ? '' : 's'} change
            {pending.plan.alreadyHeld ? `; ${pending.plan.alreadyHeld} revisions are here already` : ''}.
          </p>
          <ul>
            {pending.plan.changes.slice(0, 20).map((c) => (
              <li key={`${c.round}-${c.incidentId}-${c.dimension}`}>
                <VisibleText text={`${c.incidentId}, ${c.dimension}, round ${c.round}: ${c.before || '(none)'} → ${c.after || '(none)'}`} />
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}
