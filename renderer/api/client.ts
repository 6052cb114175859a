// The renderer's AppApi: one function per method of the contract, each a call through the
// transport; an `{ok: false}` answer becomes a thrown ApiError with the readable message.

import type { ApiEvent, ApiMethod, AppApi } from '../../shared/api';
import type { Transport } from './transport';

/** Every method of AppApi; the type makes a missing or extra name a compile error. */
const API_METHODS: { readonly [M in ApiMethod]: null } = {
  appInfo: null,
  listSnapshots: null,
  deleteSnapshot: null,
  loadDemo: null,
  startImport: null,
  listS3Builds: null,
  startS3Pull: null,
  startPgPull: null,
  startContextPull: null,
  listJobs: null,
  cancelJob: null,
  authenticityOverview: null,
  authenticityRows: null,
  authenticityDetail: null,
  authenticityNetworks: null,
  reputationOverview: null,
  reputationRows: null,
  reputationDetail: null,
  exportRows: null,
  startReportExport: null,
  listNotes: null,
  noteChanges: null,
  saveNote: null,
  deleteNote: null,
  exportNotes: null,
  importNotes: null,
  getSettings: null,
  updateSettings: null,
};

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClient {
  api: AppApi;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  const api = {} as Record<string, (args?: unknown) => Promise<unknown>>;
  for (const method of Object.keys(API_METHODS)) {
    api[method] = async (args?: unknown) => {
      const response = await transport.call(method, args ?? {});
      if (!response.ok) throw new ApiError(method, response.error);
      return response.value;
    };
  }
  return {
    api: Object.freeze(api) as unknown as AppApi,
    onEvent: (listener) => transport.onEvent(listener),
  };
}
