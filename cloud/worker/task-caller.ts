import type { TokenVerifier } from '../auth/verify-token';
import { AuthError, GradeBotError } from '../errors';
import type { Request } from '../http/types';
import { taskUrl } from '../pipeline/payloads';
import type { TaskKind } from '../../shared/domain';

export interface TaskCallerOptions {
  verifyToken: TokenVerifier;
  workerUrl: string;
  serviceAccount: string;
}

/**
 * Only Cloud Tasks may run pipeline tasks: the request must carry an OIDC token signed by the
 * trusted issuer (Google; locally the local issuer), for this worker (its base URL, or the task's
 * own URL, which is Cloud Tasks' default audience — both from config, never from the Host header),
 * issued to the queue's service account. No token or a bad one → 401; a valid token for anyone
 * else → 403. Nothing is read or written before this passes.
 */
export async function verifyTaskCaller(req: Request, kind: TaskKind | 'sweep' | undefined, opts: TaskCallerOptions): Promise<void> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AuthError('no bearer token');
  const audience = kind ? [opts.workerUrl, taskUrl(opts.workerUrl, kind)] : [opts.workerUrl];
  const who = await opts.verifyToken(match[1], { audience });
  if (who.email !== opts.serviceAccount.toLowerCase()) {
    throw new GradeBotError('forbidden', 'Only the task queue may call the worker.');
  }
}
