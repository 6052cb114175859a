// The app frame: the views as tabs, the view the URL names, and the memory of the last context
// (localStorage per view, and the workspace settings for the next run).

import { useEffect, useRef } from 'react';
import { FindingsView } from '../findings/findings-view';
import { NotesView } from '../notes/notes-view';
import { SettingsView } from '../settings/settings-view';
import { SnapshotsView } from '../snapshots/snapshots-view';
import { missingToken } from '../api';
import { rememberRoute, viewHref } from './remember';
import { formatRoute, VIEWS, type Route, type ViewName } from './route';
import { useRoute } from './use-route';
import { useWorkspaceData, WorkspaceDataProvider } from './workspace-data';

const TITLES: Record<ViewName, string> = {
  authenticity: 'Authenticity',
  reputation: 'Reputation',
  notes: 'Notes',
  snapshots: 'Snapshots',
  settings: 'Settings',
};

export function App() {
  if (missingToken) return <NeedsToken />;
  return (
    <WorkspaceDataProvider>
      <Frame />
    </WorkspaceDataProvider>
  );
}

function Frame() {
  const [route, setRoute] = useRoute();
  const { appInfo } = useWorkspaceData();
  useRememberContext(route);

  useEffect(() => {
    document.title = `${TITLES[route.view]} — Sender Model Workbench`;
  }, [route.view]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">Sender Model Workbench</span>
        <nav className="app-nav" aria-label="Views">
          {VIEWS.map((v) => (
            // Every view, the current one included, is a real link: Tab reaches it and Enter works.
            <a key={v} href={v === route.view ? formatRoute(route) : viewHref(v)} aria-current={v === route.view ? 'page' : undefined} data-view={v}>
              {TITLES[v]}
            </a>
          ))}
        </nav>
        <div className="app-header-right">
          {appInfo && (
            <span title={`Workspace folder: ${appInfo.dataDir}`}>
              {appInfo.mode === 'browser' ? 'browser mode' : 'desktop'} · v{appInfo.version}
            </span>
          )}
        </div>
      </header>
      <main className="app-main" id="main">
        {route.view === 'authenticity' || route.view === 'reputation' ? (
          <FindingsView key={route.view} view={route.view} route={route} setRoute={setRoute} />
        ) : route.view === 'notes' ? (
          <NotesView />
        ) : route.view === 'snapshots' ? (
          <SnapshotsView />
        ) : (
          <SettingsView />
        )}
      </main>
    </div>
  );
}

/** Browser mode without its token: what the page needs, not a workspace error. */
function NeedsToken() {
  useEffect(() => {
    document.title = 'Open the link with its token — Sender Model Workbench';
  }, []);
  return (
    <main className="page" id="main">
      <div className="state center" role="alert">
        <h1>This page needs its access token</h1>
        <p>
          Browser mode only answers the link that <code>npm run web</code> printed, which ends in <code>?token=…</code>. Open that link again (or start{' '}
          <code>npm run web</code> for a new one); the workspace itself is fine.
        </p>
      </div>
    </main>
  );
}

/** Remembers the analysis context: at once per view (localStorage), soon after in the workspace. */
function useRememberContext(route: Route) {
  const { settings, saveSettings } = useWorkspaceData();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<(() => void) | null>(null);
  // A save still waiting goes at once when the window hides or closes (the transport's keepalive
  // carries it), so a window closed right after a change still leaves its context behind.
  useEffect(() => {
    const flush = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      pending.current?.();
      pending.current = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
  useEffect(() => {
    if (route.view !== 'authenticity' && route.view !== 'reputation') {
      // Leaving the analysis: its last context is saved now rather than in a moment.
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      pending.current?.();
      pending.current = null;
      return;
    }
    rememberRoute(route);
    if (!settings || !route.a) return;
    // The sender context is the Authenticity view's: the Reputation view keeps the one remembered.
    const context = {
      feedback: route.feedback,
      buildA: route.a,
      buildB: route.b,
      cutoff: route.cutoff,
      context: route.view === 'authenticity' ? route.ctx : settings.context.context,
    };
    const same =
      JSON.stringify(context) ===
      JSON.stringify({
        feedback: settings.context.feedback,
        buildA: settings.context.buildA,
        buildB: settings.context.buildB,
        cutoff: settings.context.cutoff,
        context: settings.context.context,
      });
    if (same) return;
    if (timer.current) clearTimeout(timer.current);
    pending.current = () => {
      const clean = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
      saveSettings({ context: clean }).catch(() => undefined);
    };
    // Debounced: a cutoff drag is many routes and one setting.
    timer.current = setTimeout(() => {
      timer.current = null;
      pending.current?.();
      pending.current = null;
    }, 800);
    // No cleanup: leaving the view must not cancel the save of its last context.
  }, [route, settings, saveSettings]);
}
