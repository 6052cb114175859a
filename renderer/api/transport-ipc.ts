// Electron: the preload's `window.smw` bridge, which forwards to ipcMain.

import type { SmwBridge, Transport } from './transport';

declare global {
  interface Window {
    smw?: SmwBridge;
  }
}

export function ipcTransport(bridge: SmwBridge): Transport {
  return {
    call: (method, args) => bridge.call(method, args),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
