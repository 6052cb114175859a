// The preload: transport only. It exposes `window.smw` — call a method, listen to events, get
// a dropped file's path — and nothing of Node or Electron. Sandboxed preloads cannot be ES
// modules, so this file is CommonJS (bundled to out/preload/preload.cjs).

import type { IpcRendererEvent } from 'electron';
import type { ApiEvent, SmwBridge } from '../../shared/api';

// A sandboxed preload may require('electron') and nothing else of Node.
const { contextBridge, ipcRenderer, webUtils } = require('electron') as typeof import('electron');

// The same names as ipc-channels.ts (a test checks): a sandboxed preload can require nothing
// but electron, and a CommonJS file cannot import the constants.
const CALL_CHANNEL = 'smw:call';
const EVENT_CHANNEL = 'smw:event';
const SAVE_EXPORT_CHANNEL = 'smw:save-export';

const bridge: SmwBridge = {
  call(method, args) {
    if (typeof method !== 'string') return Promise.resolve({ ok: false, error: 'a method name must be text' });
    return ipcRenderer.invoke(CALL_CHANNEL, method, args);
  },
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
  saveExport(exportId) {
    if (typeof exportId !== 'string') return Promise.resolve({ error: 'an export id must be text' });
    return ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, exportId);
  },
};

contextBridge.exposeInMainWorld('smw', bridge);
