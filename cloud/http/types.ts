import type { Request, Response } from '@google-cloud/functions-framework';

export type { Request, Response };

/**
 * An HTTP Cloud Function body as the host calls it. An express Router fits: it calls `next(err)`
 * on failure and `next()` when no route matched.
 */
export type HttpHandler = (req: Request, res: Response, next: (err?: unknown) => void) => unknown;
