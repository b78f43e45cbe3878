import { http } from '@google-cloud/functions-framework';
import type { FunctionName } from '../config/core';
import type { Deps } from '../deps';
import { hostFunction } from '../http/function-host';
import { FUNCTIONS } from './registry';

/** Registers one function with functions-framework under its deployed name, hosted and wired. */
export function registerFunction(name: FunctionName, deps: Deps): void {
  http(name, hostFunction(FUNCTIONS[name](deps), { name, logger: deps.logger, projectId: deps.config.projectId }));
}

/**
 * For production entries: build the dependencies on the first request, not at module load, so a
 * cold start that only answers a health check stays cheap and config errors surface in logs.
 */
export function registerLazily(name: FunctionName, makeDeps: () => Deps): void {
  let hosted: ReturnType<typeof hostFunction> | undefined;
  http(name, (req, res) => {
    if (!hosted) {
      const deps = makeDeps();
      hosted = hostFunction(FUNCTIONS[name](deps), { name, logger: deps.logger, projectId: deps.config.projectId });
    }
    return hosted(req, res);
  });
}
