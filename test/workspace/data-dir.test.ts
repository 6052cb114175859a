import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../main/workspace/data-dir';

describe('defaultDataDir', () => {
  it('uses $XDG_DATA_HOME on Linux when it is an absolute path', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/me' }, home: '/home/me' })).toBe('/data/me/sender-model-workbench');
  });

  it('falls back to ~/.local/share on Linux when XDG_DATA_HOME is unset, empty or relative', () => {
    for (const env of [{}, { XDG_DATA_HOME: '' }, { XDG_DATA_HOME: 'relative/dir' }]) {
      expect(defaultDataDir({ platform: 'linux', env, home: '/home/me' })).toBe('/home/me/.local/share/sender-model-workbench');
    }
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/me' })).toBe('/Users/me/Library/Application Support/Sender Model Workbench');
  });

  it('uses %APPDATA% on Windows, and the roaming profile folder when it is missing', () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, home: 'C:\\Users\\me' })).toBe(
      'C:\\Users\\me\\AppData\\Roaming\\Sender Model Workbench',
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\me' })).toBe('C:\\Users\\me\\AppData\\Roaming\\Sender Model Workbench');
  });
});

describe('resolveDataDir', () => {
  const base = { platform: 'linux' as const, home: '/home/me', cwd: '/work' };

  it('prefers the --data-dir flag, resolved against the current directory', () => {
    expect(resolveDataDir('ws', { ...base, env: { SMW_DATA_DIR: '/env/ws' } })).toBe(path.resolve('/work', 'ws'));
  });

  it('then SMW_DATA_DIR', () => {
    expect(resolveDataDir(undefined, { ...base, env: { SMW_DATA_DIR: '/env/ws' } })).toBe(path.resolve('/env/ws'));
  });

  it('then the OS default, treating an empty SMW_DATA_DIR as unset', () => {
    expect(resolveDataDir(undefined, { ...base, env: { SMW_DATA_DIR: '' } })).toBe('/home/me/.local/share/sender-model-workbench');
  });

  it('rejects an empty --data-dir with a message that says what to give', () => {
    expect(() => resolveDataDir('  ', { ...base, env: {} })).toThrow(/--data-dir needs a folder/);
  });
});
