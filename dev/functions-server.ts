import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { FUNCTION_NAMES, type FunctionName } from '../cloud/config/core';
import type { Deps } from '../cloud/deps';
import { FUNCTIONS } from '../cloud/functions/registry';
import { registerFunction } from '../cloud/functions/serve';

export interface RunningFunctions {
  urls: Record<FunctionName, string>;
  close(): Promise<void>;
}

/**
 * Serves the five Cloud Functions in this process, each on its own port as each is its own
 * service in production, through functions-framework's own server (raw body, body parsing, limits).
 */
export async function startFunctions(deps: Deps, opts: { host: string; ports: Record<FunctionName, number> }): Promise<RunningFunctions> {
  const servers: Server[] = [];
  const urls = {} as Record<FunctionName, string>;
  for (const name of FUNCTION_NAMES) {
    registerFunction(name, FUNCTIONS[name], deps);
    const server = getTestServer(name);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.ports[name], opts.host, () => resolve());
    });
    const addr = server.address();
    urls[name] = `http://${opts.host}:${typeof addr === 'object' && addr ? addr.port : opts.ports[name]}`;
    servers.push(server);
  }
  return {
    urls,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => { s.closeAllConnections?.(); s.close(() => resolve()); })));
    },
  };
}
