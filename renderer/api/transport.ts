// What a transport does: carry one call and bring back its ApiResponse, and deliver events.
// The client above it does not know whether that is Electron IPC or HTTP.

import type { ApiEvent, ApiResponse } from '../../shared/api';

export interface Transport {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** What the Electron preload exposes as `window.smw` (transport only). */
export interface SmwBridge {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The path of a dropped file (a sandboxed page cannot see paths; Electron's webUtils can). */
  pathForFile(file: File): string;
}
