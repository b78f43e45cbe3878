import { http } from '@google-cloud/functions-framework';
import type { FunctionName } from '../config/core';
import type { Deps } from '../deps';
import { answerFrameworkErrorsWithJson } from '../http/framework-errors';
import { hostFunction } from '../http/function-host';
import type { FunctionFactory } from './registry';

/** Registers a function with functions-framework under its deployed name, hosted and wired. */
export function registerFunction(name: FunctionName, factory: FunctionFactory, deps: Deps): void {
  answerFrameworkErrorsWithJson();
  http(name, hostFunction(factory(deps), { name, logger: deps.logger, projectId: deps.config.projectId }));
}

/**
 * For production entries: build the dependencies on the first request, not at module load, so a
 * cold start that only answers a health check stays cheap and config errors surface in logs.
 */
export function registerLazily(name: FunctionName, factory: FunctionFactory, makeDeps: () => Deps): void {
  // Now, at module load: the framework builds its express app after loading us (framework-errors.ts).
  answerFrameworkErrorsWithJson();
  let hosted: ReturnType<typeof hostFunction> | undefined;
  http(name, (req, res) => {
    if (!hosted) {
      const deps = makeDeps();
      hosted = hostFunction(factory(deps), { name, logger: deps.logger, projectId: deps.config.projectId });
    }
    return hosted(req, res);
  });
}
