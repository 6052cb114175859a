// The API as the core implements it: the same methods and results as `AppApi`, but each
// method receives its arguments as the dispatcher hands them over — checked by zod, with the
// schema's defaults filled in (`replace: false`, `limit: 200`, …). Every AppApi is also a
// ValidatedApi, so the dispatcher accepts either.

import type { z } from 'zod';
import type { apiArgs, ApiMethod, ApiResults } from '../../shared/api';

export type ValidArgs<M extends ApiMethod> = z.output<(typeof apiArgs)[M]>;

export type ValidatedApi = { [M in ApiMethod]: (args: ValidArgs<M>) => Promise<ApiResults[M]> };
