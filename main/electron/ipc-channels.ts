// The two IPC channels between the preload and the main process (preload.cts repeats them:
// a sandboxed preload bundle should not pull in main-process modules).
export const CALL_CHANNEL = 'smw:call';
export const EVENT_CHANNEL = 'smw:event';
export const SAVE_EXPORT_CHANNEL = 'smw:save-export';
