import { useEffect, useRef } from 'react';
import { SCREENS, useNavigation, type Screen } from './store/navigation.ts';
import { useStudy } from './store/study.ts';
import { useSettings, usePeople } from './hooks/useStudyData.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { VisibleText } from './components/VisibleText.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { LeadGate } from './components/LeadGate.tsx';
import { useUnsavedCodes } from './store/unsavedCodes.ts';
import { StudyScreen } from './features/study/StudyScreen.tsx';
import { ImportScreen } from './features/import/ImportScreen.tsx';
import { ProtocolScreen } from './features/protocol/ProtocolScreen.tsx';
import { CodebookScreen } from './features/codebook/CodebookScreen.tsx';
import { CodeScreen } from './features/coding/CodeScreen.tsx';
import { AgreementScreen } from './screens/AgreementScreen.tsx';
import { ResolveScreen } from './screens/ResolveScreen.tsx';
import { AnalysisScreen } from './features/analysis/AnalysisScreen.tsx';
import { PostmortemScreen } from './features/postmortem/PostmortemScreen.tsx';

/** A screen that shows every coder's codes, mounted only for a viewer who may see them (LeadGate). */
const leads = (Screen: () => React.JSX.Element, what: string) =>
  function LeadScreen() {
    return (
      <div className="screen">
        <LeadGate what={what}>
          <Screen />
        </LeadGate>
      </div>
    );
  };

const SCREEN_COMPONENTS: Record<Screen, () => React.JSX.Element> = {
  study: StudyScreen,
  import: ImportScreen,
  select: ProtocolScreen,
  codebook: CodebookScreen,
  code: CodeScreen,
  agreement: leads(AgreementScreen, 'Agreement'),
  resolve: leads(ResolveScreen, 'Resolving disagreements'),
  analysis: leads(AnalysisScreen, 'Analysis of the final codes'),
  postmortem: leads(PostmortemScreen, 'Postmortems (they show final codes)'),
};

/** The open study and who is working on it, always in view. */
function StudyBadge({ name }: { name: string }) {
  const settings = useSettings();
  const people = usePeople();
  const me = people?.find((p) => p.id === settings?.whoAmI);
  if (!settings) return null;
  return (
    <span className="study-badge" data-testid="study-badge">
      <VisibleText text={name} /> · {me ? <VisibleText text={me.name} /> : 'who are you?'} · round {settings.currentRound}
    </span>
  );
}

export function App() {
  const { screen, go } = useNavigation();
  const { entry, status, recovered, start } = useStudy();
  const { leave, pending, discard, keepEditing, what } = useUnsavedCodes();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void start();
  }, [start]);

  // Moving focus to the new screen's heading tells keyboard and screen-reader users where they are.
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [screen, status, entry?.id]);

  const Current = SCREEN_COMPONENTS[screen];
  const ready = status === 'ready' && entry !== null;
  return (
    <div className="app" data-testid="app" data-ready={ready} data-study-id={entry?.id ?? ''} data-study-db={entry?.dbName ?? ''}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Incident Workbench</span>
        <nav aria-label="Study steps">
          <ol>
            {SCREENS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={screen === s.id ? 'page' : undefined}
                  onClick={() => leave(() => go(s.id))}
                  data-testid={`nav-${s.id}`}
                  title={s.hint}
                >
                  <span className="step">{i + 1}</span> {s.name}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        {ready && <StudyBadge key={entry.id} name={entry.name} />}
      </header>
      <main id="main" ref={mainRef} data-testid={`screen-${screen}`}>
        {status === 'opening' && <p role="status">Opening the study…</p>}
        {recovered.length > 0 && (
          <p role="alert" className="warning" data-testid="recovered-imports">
            An import of {recovered.join(', ')} was interrupted before it finished; it has been undone, and the study is as it was before it.
          </p>
        )}
        {typeof status === 'object' && <p role="alert">{status.error}</p>}
        {pending && what === 'codes' && (
          <ConfirmDialog testId="unsaved-codes" title="Leave codes unsaved?" safe="Keep editing" danger="Discard them and go on" onSafe={() => {
              keepEditing();
              // Back to the codes being edited.
              requestAnimationFrame(() => document.querySelector<HTMLElement>('.coding-form select')?.focus());
            }} onDanger={discard}>
            <p>The codes changed on this incident are not saved. Save them first (Ctrl+Enter saves and moves on), or discard them.</p>
          </ConfirmDialog>
        )}
        {pending && what === 'postmortem' && (
          <ConfirmDialog testId="unsaved-postmortem" title="Leave the postmortem unsaved?" safe="Stay" danger="Discard the changes and go on" onSafe={keepEditing} onDanger={discard}>
            <p>The last changes to this postmortem could not be saved (the message says why). Stay to try again or to copy them, or discard them.</p>
          </ConfirmDialog>
        )}
        {ready && (
          // Keyed by study: opening another study remounts every view, so none shows the previous study's rows.
          <ErrorBoundary key={entry.id} resetKey={screen}>
            <Current />
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}
