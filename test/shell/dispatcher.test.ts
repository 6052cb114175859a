// The dispatcher: the one gate between every transport and the core.
import { describe, expect, it, vi } from 'vitest';
import { apiArgs, type ApiMethod } from '../../shared/api';
import { createDispatcher } from '../../main/api/dispatcher';
import type { ValidatedApi } from '../../main/api/validated-api';

/** An API whose every method echoes its (validated) arguments. */
function echoApi(): ValidatedApi & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const api = { calls } as Record<string, unknown>;
  for (const method of Object.keys(apiArgs)) {
    api[method] = async (args: unknown) => {
      calls.push([method, args]);
      return { echoed: args };
    };
  }
  return api as unknown as ValidatedApi & { calls: Array<[string, unknown]> };
}

describe('createDispatcher', () => {
  it('rejects an unknown method by name, without calling anything', async () => {
    const api = echoApi();
    const dispatch = createDispatcher(api);
    expect(await dispatch('dropDatabase', {})).toEqual({ ok: false, error: 'unknown method "dropDatabase"' });
    expect(api.calls).toEqual([]);
  });

  it('does not take names from the prototype for methods', async () => {
    const dispatch = createDispatcher(echoApi());
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(await dispatch(name, {})).toEqual({ ok: false, error: `unknown method "${name}"` });
    }
  });

  it('names the argument and what is expected when a value is out of range', async () => {
    const dispatch = createDispatcher(echoApi());
    expect(await dispatch('authenticityOverview', { buildA: 'sm-1', cutoff: 2 })).toEqual({ ok: false, error: 'cutoff: must be at most 1' });
    expect(await dispatch('authenticityOverview', { buildA: 'sm-1', cutoff: -0.5 })).toEqual({ ok: false, error: 'cutoff: must be at least 0' });
  });

  it('says which argument is missing, of which type one is, and the path of nested ones', async () => {
    const dispatch = createDispatcher(echoApi());
    expect(await dispatch('authenticityOverview', {})).toEqual({ ok: false, error: 'buildA: is required' });
    expect(await dispatch('authenticityOverview', { buildA: 7 })).toEqual({ ok: false, error: 'buildA: must be text (got 7)' });
    expect(await dispatch('authenticityRows', { buildA: 'sm-1', filter: { bin: { histogram: 'individual', index: 50 } } })).toEqual({
      ok: false,
      error: 'filter.bin.index: must be at most 49',
    });
    expect(await dispatch('saveNote', { key: { org: 1 }, text: '', status: 'open', tags: ['ok', ''] })).toEqual({
      ok: false,
      error: 'tags[1]: must not be empty',
    });
  });

  it('lists the allowed values of an enum, and the forms of a union', async () => {
    const dispatch = createDispatcher(echoApi());
    expect(await dispatch('exportNotes', { format: 'pdf' })).toEqual({ ok: false, error: 'format: must be one of "markdown", "json"' });
    expect(await dispatch('deleteNote', { key: { org: 1.5 } })).toEqual({ ok: false, error: 'key.org: must be a whole number or text (got 1.5)' });
  });

  it("uses the contract's own wording for ids", async () => {
    const dispatch = createDispatcher(echoApi());
    expect(await dispatch('deleteSnapshot', { id: '../etc/passwd' })).toEqual({ ok: false, error: 'id: an id is 1–100 letters, digits and . _ - :' });
  });

  it('rejects arguments that are not an object', async () => {
    const dispatch = createDispatcher(echoApi());
    expect(await dispatch('listSnapshots', null)).toEqual({ ok: false, error: 'arguments: must be an object (got null)' });
    expect(await dispatch('listSnapshots', [1])).toEqual({ ok: false, error: 'arguments: must be an object (got a list)' });
  });

  it('joins several problems into one line', async () => {
    const dispatch = createDispatcher(echoApi());
    const response = await dispatch('authenticityRows', { buildA: 'x', limit: 0, offset: -1 });
    expect(response).toEqual({ ok: false, error: 'offset: must be at least 0; limit: must be at least 1' });
  });

  it('hands the method its arguments with the defaults of the schema filled in', async () => {
    const api = echoApi();
    const dispatch = createDispatcher(api);
    const response = await dispatch('authenticityRows', { buildA: 'sm-1' });
    expect(response).toEqual({ ok: true, value: { echoed: { buildA: 'sm-1', filter: {}, offset: 0, limit: 200 } } });
  });

  it('treats absent arguments as none', async () => {
    const api = echoApi();
    expect(await createDispatcher(api)('listSnapshots', undefined)).toEqual({ ok: true, value: { echoed: {} } });
  });

  it('routes every method of the contract', async () => {
    const api = echoApi();
    const dispatch = createDispatcher(api);
    for (const method of Object.keys(apiArgs) as ApiMethod[]) {
      const response = await dispatch(method, {});
      // Either it ran, or its arguments were refused with a readable line (never "unknown method").
      if (!response.ok) expect(response.error).not.toMatch(/unknown method/);
    }
    // Methods whose arguments are all optional run with {}.
    expect(new Set(api.calls.map(([m]) => m))).toEqual(
      new Set(['appInfo', 'listSnapshots', 'loadDemo', 'listJobs', 'listNotes', 'noteChanges', 'getSettings', 'updateSettings', 'startContextPull']),
    );
  });

  it("returns a thrown error's message, without its stack, and logs the stack", async () => {
    const api = echoApi();
    const error = new Error("no snapshot 'sm-9' in this workspace");
    api.deleteSnapshot = async () => {
      throw error;
    };
    const log = vi.fn();
    const response = await createDispatcher(api, log)('deleteSnapshot', { id: 'sm-9' });
    expect(response).toEqual({ ok: false, error: "no snapshot 'sm-9' in this workspace" });
    expect(JSON.stringify(response)).not.toContain('    at ');
    expect(log).toHaveBeenCalledWith('deleteSnapshot', error);
  });

  it('never answers with an empty error', async () => {
    const api = echoApi();
    api.listJobs = async () => {
      throw new Error('');
    };
    const response = await createDispatcher(api, () => {})('listJobs', {});
    expect(response.ok).toBe(false);
    expect(!response.ok && response.error.length).toBeGreaterThan(10);
  });
});
