// The Electron main process: one window showing the renderer from app://, the policies of
// security.ts wired in, IPC answered by the core worker (the same core and dispatcher as
// browser mode), the menu, a single instance, and the window's state remembered. The workspace
// is the OS app-data folder's (or --data-dir / SMW_DATA_DIR), seeded with the demo on first start.
// Started as `<app> --cli -- ARGS` (the installed `smw`), it runs the command line instead.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import type { ApiArgs, ApiResponse } from '../../shared/api';
import type { ImportKind } from '../../shared/types';
import { quietAwsSdkNodeNotice } from '../cli/aws-sdk-notice';
import { standardIo } from '../cli/standard-io';
import { CoreClient } from '../core/worker/core-client';
import { resolveDataDir } from '../workspace/data-dir';
import { appProtocolHandler } from './app-protocol';
import { cliArguments } from './cli-mode';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_EXPORT_CHANNEL } from './ipc-channels';
import { saveExport } from './save-export';
import { keychainAvailable, looksLikePgArgs, passwordStoreFor, withStoredPassword } from './keychain';
import { menuTemplate } from './menu';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isSafeExternalUrl,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  windowOpenHandler,
  windowOptions,
  WINDOW_OPTIONS,
} from './security';
import { fitToDisplays, readWindowState, writeWindowState, type WindowState } from './window-state';

// This file is bundled to out/main/electron-main.js; the renderer and preload are built beside it.
const OUT_DIR = fileURLToPath(new URL('../', import.meta.url));
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const PRELOAD = path.join(OUT_DIR, 'preload', 'preload.cjs');

const cliArgs = cliArguments(process.argv);
if (cliArgs) {
  void runCommandLine(cliArgs);
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    lockDownWebContents();
    app.whenReady().then(start, (err: unknown) => fail(err));
  }
}

/** `smw ARGS` on Electron's Node: no window, no single-instance lock; the CLI's exit code. */
async function runCommandLine(args: string[]): Promise<void> {
  app.dock?.hide();
  quietAwsSdkNodeNotice();
  let code = 1;
  try {
    // Loaded only here: the desktop app's main process never needs the command line's modules.
    const { main: smw } = await import('../cli/smw');
    code = await smw(args, standardIo(), { demoDir: demoDir() });
  } finally {
    app.exit(code);
  }
}

let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;

function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: Electron.Event, url: string) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', (event) => guard(event, event.url));
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler((details) => {
      if (isSafeExternalUrl(details.url)) void shell.openExternal(details.url);
      return windowOpenHandler(details);
    });
  });
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
  session.defaultSession.setPermissionCheckHandler(permissionCheckHandler);
  protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
  // The app:// responses carry the policy already; this covers any other response too.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const dataDir = resolveDataDir(argValue('--data-dir'));
  const keychain = keychainAvailable(safeStorage);
  const passwords = passwordStoreFor(safeStorage, app.getPath('userData'));
  const started = await CoreClient.start({ dataDir, mode: 'electron', keychain, version: app.getVersion(), demoDir: demoDir() });
  core = started.client;
  const client = core;

  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, args: unknown): Promise<ApiResponse<unknown>> | ApiResponse<unknown> => {
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: 'refused: this request does not come from the app' };
    if (typeof method !== 'string') return { ok: false, error: 'a method name must be text' };
    const callArgs = method === 'startPgPull' && looksLikePgArgs(args) ? withStoredPassword(passwords, args) : args;
    return client.call(method, callArgs);
  });
  // An export the core wrote to the workspace: the analyst picks where it goes, it is moved there.
  ipcMain.handle(SAVE_EXPORT_CHANNEL, async (event, exportId: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return { error: 'refused: this request does not come from the app' };
    if (typeof exportId !== 'string') return { error: 'an export id must be text' };
    return saveExport(dataDir, exportId, BrowserWindow.fromWebContents(event.sender) ?? undefined);
  });
  client.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          importFile: (kind) => void importFromDialog(client, kind),
          showWorkspaceFolder: () => void shell.openPath(dataDir),
          about: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'Sender Model Workbench',
              message: `Sender Model Workbench ${app.getVersion()}`,
              detail: `Workspace: ${dataDir}\nElectron ${process.versions.electron}`,
            }),
        },
        { isMac: process.platform === 'darwin', devTools: !app.isPackaged },
      ),
    ),
  );

  mainWindow = createWindow();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    void client.close().finally(() => app.quit());
  });

  if (started.fresh) {
    // In the background: the window shows the demo import's progress as a job.
    void client.call('loadDemo', {}).then((response) => {
      if (!response.ok) dialog.showErrorBox('The demo workspace could not be imported', response.error);
    });
  }
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const defaults: WindowState = { width: WINDOW_OPTIONS.width, height: WINDOW_OPTIONS.height, maximized: false };
  const state = fitToDisplays(
    readWindowState(stateFile, defaults),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow(windowOptions(PRELOAD, { x: state.x, y: state.y, width: state.width, height: state.height }));
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      writeWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (err) {
      console.error('[electron] could not save the window state:', err);
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function importFromDialog(client: CoreClient, kind: ImportKind): Promise<void> {
  const filters =
    kind === 'sender-model'
      ? [{ name: 'Avro sender model', extensions: ['avro'] }]
      : kind === 'reputation'
        ? [{ name: 'Reputation build (JSON)', extensions: ['json'] }]
        : [{ name: 'Feedback (JSON Lines)', extensions: ['jsonl', 'json'] }];
  const options = { properties: ['openFile' as const], filters: [...filters, { name: 'All files', extensions: ['*'] }] };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  if (picked.canceled || picked.filePaths.length === 0) return;
  const response = await client.call('startImport', { kind, path: picked.filePaths[0] } satisfies ApiArgs<'startImport'>);
  if (!response.ok) dialog.showErrorBox('Import not started', response.error);
}

/** The demo sources: shipped as a resource when packaged, `snapshots/` in a checkout. */
function demoDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'snapshots') : path.join(app.getAppPath(), 'snapshots');
}

function argValue(flag: string): string | undefined {
  const argv = process.argv;
  const i = argv.indexOf(flag);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  const joined = argv.find((a) => a.startsWith(`${flag}=`));
  return joined?.slice(flag.length + 1);
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error('[electron] could not start:', err);
  dialog.showErrorBox('Sender Model Workbench could not start', message);
  app.exit(1);
}
