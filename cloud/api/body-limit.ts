import { GradeBotError } from '../errors';
import type { Request } from '../http/types';

/**
 * The API's own body size limit. functions-framework parses bodies up to 1 GB before our code
 * runs (Cloud Run caps requests at 32 MB), so the limit is enforced here: on the declared length
 * when there is one, and on the bytes actually received.
 */
export function checkBodySize(req: Request, maxBytes: number): void {
  const declared = Number(req.get('content-length') ?? 0);
  const received = req.rawBody?.length ?? 0;
  if (declared > maxBytes || received > maxBytes) {
    throw new GradeBotError('payload_too_large', `The request is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB. Choose fewer or shorter Docs.`);
  }
}
