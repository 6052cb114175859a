// The application menu as a plain template (roles do the standard work); the actions are
// passed in, so this file holds no state.

import type { MenuItemConstructorOptions } from 'electron';
import type { ImportKind } from '../../shared/types';

export interface MenuActions {
  importFile(kind: ImportKind): void;
  showWorkspaceFolder(): void;
  about(): void;
}

export function menuTemplate(actions: MenuActions, options: { isMac: boolean; devTools: boolean }): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Import Sender Model…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFile('sender-model') },
      { label: 'Import Reputation Build…', click: () => actions.importFile('reputation') },
      { label: 'Import Feedback…', click: () => actions.importFile('feedback') },
      { type: 'separator' },
      { label: 'Show Workspace Folder', click: () => actions.showWorkspaceFolder() },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'About Sender Model Workbench', click: () => actions.about() }],
  };
  return [...(options.isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
