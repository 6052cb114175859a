// The renderer's entry: the same bundle runs in the Electron window and, in browser mode, in
// any browser — it reaches data only through `api` (renderer/api), never main/.

// The base styles first, so the feature styles imported by the views come after and win.
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
