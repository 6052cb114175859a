// The one entry point behind every transport (IPC, HTTP, tests): checks the method name and
// its arguments against `apiArgs`, runs it, and turns whatever happens into an ApiResponse
// whose error a person can read. Stacks stay on this side, in the log.

import { apiArgs, type ApiMethod, type ApiResponse } from '../../shared/api';
import { describeArgsError } from './describe-args-error';
import type { ValidatedApi } from './validated-api';

export type Dispatch = (method: string, args: unknown) => Promise<ApiResponse<unknown>>;

export type DispatchLog = (method: string, error: unknown) => void;

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && Object.hasOwn(apiArgs, method);
}

/**
 * A call refused before anything runs: an unknown method (HTTP answers 404) or arguments that
 * do not fit its schema (400). The same check, and the same words, for every transport.
 */
export type CallCheck = { ok: true; method: ApiMethod; args: unknown } | { ok: false; status: 400 | 404; error: string };

export function checkCall(method: unknown, args: unknown): CallCheck {
  if (!isApiMethod(method)) return { ok: false, status: 404, error: `unknown method ${quoteMethod(method)}` };
  // An absent body means "no arguments", so `POST /api/listSnapshots` needs no `{}`.
  const parsed = apiArgs[method].safeParse(args === undefined ? {} : args);
  if (!parsed.success) return { ok: false, status: 400, error: describeArgsError(parsed.error, args) };
  return { ok: true, method, args: parsed.data };
}

/** `api` is the core (AppCore) or any AppApi; it gets arguments already checked, defaults filled in. */
export function createDispatcher(api: ValidatedApi, log: DispatchLog = logFailure): Dispatch {
  return async (method, args) => {
    const checked = checkCall(method, args);
    if (!checked.ok) return { ok: false, error: checked.error };
    try {
      const run = api[checked.method] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await run.call(api, checked.args) };
    } catch (err) {
      log(method, err);
      return { ok: false, error: errorMessage(err) };
    }
  };
}

/** The message of a thrown value, without its stack; never empty. */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return text.trim() !== '' ? text : 'the operation failed without saying why (see the log)';
}

function quoteMethod(method: unknown): string {
  if (typeof method !== 'string') return `(not a name: ${typeof method})`;
  const shown = method.length > 80 ? `${method.slice(0, 80)}…` : method;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces, so a log line stays one line
  return `"${shown.replace(/[\u0000-\u001f"\\]/gu, '?')}"`;
}

function logFailure(method: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`[api] ${method} failed: ${detail}`);
}
