// Saving an export in the desktop app: a Save dialog proposes the export's own name, and the
// file the core wrote to the workspace's exports/ is moved there (copied when it is another
// disk), so a report of any size is never read into memory.

import fs from 'node:fs';
import { dialog, type BrowserWindow } from 'electron';
import { exportedFilePath, removeExport } from '../workspace/exports';

export async function saveExport(
  dataDir: string,
  exportId: string,
  window?: BrowserWindow,
): Promise<{ saved: string } | { cancelled: true } | { error: string }> {
  let file: ReturnType<typeof exportedFilePath>;
  try {
    file = exportedFilePath(dataDir, exportId);
  } catch (err) {
    return { error: (err as Error).message };
  }
  const options = { defaultPath: file.fileName, title: 'Save the export' };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) {
    removeExport(dataDir, exportId);
    return { cancelled: true };
  }
  try {
    try {
      await fs.promises.rename(file.path, choice.filePath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await fs.promises.copyFile(file.path, choice.filePath);
    }
    return { saved: choice.filePath };
  } catch (err) {
    return { error: `the export could not be saved to ${choice.filePath}: ${(err as Error).message}` };
  } finally {
    removeExport(dataDir, exportId);
  }
}
