// The renderer's Content-Security-Policy, the same for the Electron window (app:// responses)
// and browser mode (HTTP header): only the app's own scripts, styles and API, nothing inline,
// nothing remote, no frames, no plugins, no forms posting elsewhere.

export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  // 'self' is the browser-mode API and its event stream; the Electron window talks over IPC.
  'connect-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources}`)
  .join('; ');
