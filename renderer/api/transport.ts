// What a transport does: carry one call and bring back its ApiResponse, and deliver events.
// The client above it does not know whether that is Electron IPC or HTTP.

import type { ApiEvent, ApiResponse } from '../../shared/api';

export interface Transport {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export type { SmwBridge } from '../../shared/api';
