// The snapshot list, the settings and the app info, loaded once and shared by every view.
// The list reloads when the core says snapshots changed (an import or pull landed, a delete).

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, Settings } from '../../shared/api';
import type { SnapshotInfo } from '../../shared/types';
import { api, onApiEvent } from '../api';
import { errorText } from '../common/error-text';

export interface WorkspaceData {
  snapshots: SnapshotInfo[] | null;
  settings: Settings | null;
  appInfo: AppInfo | null;
  error: string | null;
  reloadSnapshots: () => void;
  /** Saves a settings change and shares the result with every view. */
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
}

const Ctx = createContext<WorkspaceData | null>(null);

export function WorkspaceDataProvider({ children }: { children: ReactNode }) {
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reloadSnapshots = useCallback(() => {
    api.listSnapshots({}).then(
      (r) => {
        setSnapshots(r.snapshots);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  useEffect(() => {
    reloadSnapshots();
    api.getSettings({}).then(setSettings, (e: unknown) => setError(errorText(e)));
    api.appInfo({}).then(setAppInfo, () => undefined);
    const off = onApiEvent((event) => {
      if (event.type === 'snapshots-changed') reloadSnapshots();
    });
    return () => {
      if (typeof off === 'function') off();
    };
  }, [reloadSnapshots]);

  const saveSettings = useCallback(async (patch: Partial<Settings>) => {
    const next = await api.updateSettings(patch);
    setSettings(next);
    return next;
  }, []);

  const value = useMemo(
    () => ({ snapshots, settings, appInfo, error, reloadSnapshots, saveSettings }),
    [snapshots, settings, appInfo, error, reloadSnapshots, saveSettings],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkspaceData(): WorkspaceData {
  const value = useContext(Ctx);
  if (!value) throw new Error('useWorkspaceData outside WorkspaceDataProvider');
  return value;
}

/** Newest first: the order the pickers offer them in. */
export function snapshotsOfKind(snapshots: SnapshotInfo[] | null, kind: SnapshotInfo['kind']): SnapshotInfo[] {
  return (snapshots ?? []).filter((s) => s.kind === kind).sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0));
}
