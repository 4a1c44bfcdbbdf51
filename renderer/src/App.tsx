import { useEffect, useRef, useState } from 'react';
import { getDatabase } from './db/schema.ts';
import { ensureDefaultAnnotators } from './db/repositories/labels.ts';
import { rollBackUnfinishedImports, withImportLock } from './db/repositories/imports.ts';
import { ensureActiveCodebook } from './db/repositories/codebooks.ts';
import { SCREENS, useNavigation, type Screen } from './store/navigation.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { ImportScreen } from './features/import/ImportScreen.tsx';
import { CodeScreen } from './screens/CodeScreen.tsx';
import { AgreementScreen } from './screens/AgreementScreen.tsx';
import { ResolveScreen } from './screens/ResolveScreen.tsx';
import { AnalysisScreen } from './screens/AnalysisScreen.tsx';

const SCREEN_COMPONENTS: Record<Screen, () => React.JSX.Element> = {
  import: ImportScreen,
  code: CodeScreen,
  agreement: AgreementScreen,
  resolve: ResolveScreen,
  analysis: AnalysisScreen,
};

export function App() {
  const { screen, go } = useNavigation();
  const [ready, setReady] = useState<'starting' | 'ready' | string>('starting');
  const [recovered, setRecovered] = useState<string[]>([]);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const db = getDatabase();
    Promise.all([ensureDefaultAnnotators(db, new Date()), ensureActiveCodebook(db)])
      .then(() => setReady('ready'))
      .catch((e: unknown) => setReady(`The local database could not be opened: ${(e as Error).message}`));
    // In the background: an import still running in another window is waited for, not undone.
    rollBackUnfinishedImports(db, withImportLock)
      .then(setRecovered)
      .catch((e: unknown) => setReady(`An interrupted import could not be undone: ${(e as Error).message}`));
  }, []);

  // Moving focus to the new screen's heading tells keyboard and screen-reader users where they are.
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [screen, ready]);

  const Current = SCREEN_COMPONENTS[screen];
  return (
    <div className="app" data-testid="app" data-ready={ready === 'ready'}>
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
                  onClick={() => go(s.id)}
                  data-testid={`nav-${s.id}`}
                  title={s.hint}
                >
                  <span className="step">{i + 1}</span> {s.name}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <main id="main" ref={mainRef} data-testid={`screen-${screen}`}>
        {ready === 'starting' && <p role="status">Opening the local database…</p>}
        {recovered.length > 0 && (
          <p role="alert" className="warning" data-testid="recovered-imports">
            An import of {recovered.join(', ')} was interrupted before it finished; it has been undone, and the study is as it was before it.
          </p>
        )}
        {ready !== 'starting' && ready !== 'ready' && <p role="alert">{ready}</p>}
        {ready === 'ready' && (
          <ErrorBoundary resetKey={screen}>
            <Current />
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}
