// The renderer's build: renderer/ → out/renderer/, relative asset paths (base './') so the same
// files load from app://smw/ in Electron and from http://127.0.0.1:PORT/ in browser mode.

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // No inline scripts or styles: the Content-Security-Policy allows only 'self'.
    assetsInlineLimit: 0,
    // One local bundle, loaded from disk or 127.0.0.1: its size is not a download cost.
    chunkSizeWarningLimit: 2000,
  },
});
