// The Electron window's security policies, tested as the plain values and functions they are
// (Electron's checklist: https://www.electronjs.org/docs/latest/tutorial/security).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor } from '../../main/electron/app-protocol';
import { keychainAvailable, looksLikePgArgs, PASSWORD_FILE, passwordStoreFor, withStoredPassword, type SafeStorageLike } from '../../main/electron/keychain';
import {
  APP_ENTRY_URL,
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
} from '../../main/electron/security';
import { fitToDisplays, readWindowState, writeWindowState } from '../../main/electron/window-state';

describe('window options', () => {
  it('isolate the page from Node and Electron: context isolation, sandbox, no Node integration', () => {
    const web = WINDOW_OPTIONS.webPreferences;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keep web security on and the risky features off', () => {
    const web = WINDOW_OPTIONS.webPreferences;
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('add only the preload when built for a window, keeping every other preference', () => {
    const options = windowOptions('/app/out/preload/preload.cjs', { width: 1000, height: 700 });
    expect(options.webPreferences).toEqual({ ...WINDOW_OPTIONS.webPreferences, preload: '/app/out/preload/preload.cjs' });
    expect(options.width).toBe(1000);
    expect(options.show).toBe(false);
  });

  it('load the renderer from the app protocol, a standard secure scheme', () => {
    expect(APP_ENTRY_URL).toBe('app://smw/index.html');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/u);
      return [name, sources];
    }),
  );

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('allows no inline code, no eval, no remote hosts anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/u);
  });

  it('forbids plugins, base tags, form posts and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('navigation and new windows', () => {
  it('allow only the app itself', () => {
    expect(isAllowedNavigation('app://smw/index.html')).toBe(true);
    expect(isAllowedNavigation('app://smw/index.html#/notes')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://user:pw@smw/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('never open a window', () => {
    expect(windowOpenHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(windowOpenHandler({ url: 'app://smw/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('deny every request and every check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      permissionRequestHandler({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(permissionCheckHandler()).toBe(false);
  });
});

describe('external links', () => {
  it('go to the OS only when they are http(s) with a host and no credentials', () => {
    expect(isSafeExternalUrl('https://portal.example/messages?domain=a.example&ip=192.0.2.1')).toBe(true);
    expect(isSafeExternalUrl('http://intranet.example/')).toBe(true);
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pw@example.com/',
      'app://smw/index.html',
      'mailto:a@example.com',
      '',
      '//example.com',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts frames showing the app and nothing else', () => {
    expect(isTrustedSender('app://smw/index.html')).toBe(true);
    for (const url of ['https://example.com/', 'app://other/index.html', 'file:///app/out/renderer/index.html', '', null, undefined]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('app:// protocol', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-renderer-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'export {}');

  it('serves the files of the renderer folder with the Content-Security-Policy', () => {
    const index = appFileFor('app://smw/', root);
    expect(index.status).toBe(200);
    expect(index.file).toBe(path.join(root, 'index.html'));
    expect(index.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(appFileFor('app://smw/assets/app.js', root).headers['Content-Type']).toMatch(/^text\/javascript/u);
  });

  it('serves nothing outside it, and nothing for another host', () => {
    expect(appFileFor('app://smw/../../etc/passwd', root).status).toBe(404);
    expect(appFileFor('app://smw/%2e%2e/%2e%2e/etc/passwd', root).status).toBe(404);
    expect(appFileFor('app://smw/assets/..%2f..%2fsecret', root).status).toBe(404);
    expect(appFileFor('app://other/index.html', root).status).toBe(403);
    expect(appFileFor('app://smw/missing.js', root).status).toBe(404);
  });
});

describe('keychain', () => {
  const fake = (backend: string, available = true): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`enc:${text}`),
    decryptString: (buffer) => buffer.toString().replace(/^enc:/u, ''),
  });
  const userData = () => fs.mkdtempSync(path.join(os.tmpdir(), 'smw-userdata-'));
  const args = { host: 'db.example', port: 5432, database: 'feedback', user: 'analyst' };

  it("counts Linux's basic_text backend as no keychain", () => {
    expect(keychainAvailable(fake('basic_text'))).toBe(false);
    expect(keychainAvailable(fake('gnome_libsecret'))).toBe(true);
    expect(keychainAvailable(fake('gnome_libsecret', false))).toBe(false);
  });

  it('remembers a password given with a pull, encrypted on disk, and fills it in for the next pull', () => {
    const dir = userData();
    const store = passwordStoreFor(fake('gnome_libsecret'), dir);
    expect(withStoredPassword(store, { ...args, password: 's3cret' }).password).toBe('s3cret');
    expect(fs.readFileSync(path.join(dir, PASSWORD_FILE), 'utf8')).not.toContain('s3cret');
    expect(withStoredPassword(store, args).password).toBe('s3cret');
    expect(withStoredPassword(store, { ...args, user: 'other' }).password).toBeUndefined();
  });

  it('writes nothing to disk without a real keychain (the password lives for this run only)', () => {
    const dir = userData();
    const store = passwordStoreFor(fake('basic_text'), dir);
    withStoredPassword(store, { ...args, password: 's3cret' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('fills in only what looks like a PostgreSQL pull', () => {
    expect(looksLikePgArgs(args)).toBe(true);
    expect(looksLikePgArgs({ ...args, port: '5432' })).toBe(false);
    expect(looksLikePgArgs(null)).toBe(false);
    expect(looksLikePgArgs({ bucket: 'b' })).toBe(false);
  });
});

describe('window state', () => {
  const defaults = { width: 1400, height: 900, maximized: false };
  const display = { x: 0, y: 0, width: 1920, height: 1080 };

  it('comes back as it was saved', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'smw-ws-')), 'window-state.json');
    writeWindowState(file, { x: 100, y: 50, width: 1200, height: 800, maximized: true });
    expect(readWindowState(file, defaults)).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: true });
  });

  it('falls back to the defaults for a missing or broken file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-ws-'));
    expect(readWindowState(path.join(dir, 'none.json'), defaults)).toEqual(defaults);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"width": "wide"}');
    expect(readWindowState(path.join(dir, 'bad.json'), defaults)).toEqual(defaults);
  });

  it('forgets the place when that display is gone, and shrinks to the largest display', () => {
    expect(fitToDisplays({ x: 3000, y: 100, width: 1200, height: 800, maximized: false }, [display])).toEqual({ width: 1200, height: 800, maximized: false });
    expect(fitToDisplays({ x: 10, y: 10, width: 4000, height: 3000, maximized: false }, [display])).toEqual({
      x: 10,
      y: 10,
      width: 1920,
      height: 1080,
      maximized: false,
    });
    expect(fitToDisplays({ x: 2000, y: 0, width: 1200, height: 800, maximized: false }, [display, { x: 1920, y: 0, width: 1920, height: 1080 }]).x).toBe(2000);
  });
});
