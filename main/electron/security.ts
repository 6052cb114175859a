// The Electron window's security policies as plain values and functions, so that they are
// unit-tested as they are (no mocked Electron) and electron-main.ts only wires them in.
// Electron's checklist: https://www.electronjs.org/docs/latest/tutorial/security

import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';

export { CONTENT_SECURITY_POLICY } from '../api/content-security-policy';

/** The renderer is served from this custom protocol, never from a remote URL. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'smw';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of the `app:` scheme: a standard, secure origin so ES modules and fetch work. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

export const WINDOW_OPTIONS = {
  width: 1400,
  height: 900,
  minWidth: 960,
  minHeight: 600,
  title: 'Sender Model Workbench',
  // Shown on 'ready-to-show', so the first paint is the app, not a white flash.
  show: false,
  backgroundColor: '#f6f7f9',
  webPreferences: {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would otherwise try to open a link in a new window (denied anyway).
    disableBlinkFeatures: 'Auxclick',
  },
} as const satisfies BrowserWindowConstructorOptions;

/** The window options with the bundled preload (an absolute path known only at run time). */
export function windowOptions(
  preloadPath: string,
  bounds: Partial<Pick<BrowserWindowConstructorOptions, 'x' | 'y' | 'width' | 'height'>> = {},
): BrowserWindowConstructorOptions {
  return { ...WINDOW_OPTIONS, ...bounds, webPreferences: { ...WINDOW_OPTIONS.webPreferences, preload: preloadPath } };
}

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether `url` is the app's own origin. (Node's URL gives non-special schemes the origin 'null', so compare the parts.) */
export function isAppUrl(url: string | null | undefined): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** The window may only ever show the app itself: every other navigation is cancelled. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** New windows are never opened; safe links go to the system browser instead (see electron-main). */
export function windowOpenHandler(_details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** No permission (camera, notifications, geolocation, clipboard read…) is ever granted. */
export function permissionRequestHandler(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function permissionCheckHandler(): boolean {
  return false;
}

/** Only http(s) links with a host and no embedded credentials may be handed to the OS. */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
}

/** IPC is answered only for frames showing the app (not a frame some navigation slipped in). */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}
