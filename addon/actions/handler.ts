import type { z } from 'zod';
import type { Ctx } from '../context';
import type { AddonEvent } from '../platform/event';
import type { Reply } from './reply';

/** The one global function every card action names; the handler travels as a parameter. */
export const DISPATCH_FUNCTION = 'onAction';
/** The action parameter that names the handler. */
export const HANDLER_PARAM = 'handler';

/** Card action parameters are strings; each handler declares its own with a zod object. */
export type ParamsSchema = z.ZodObject<Record<string, z.ZodType<string | undefined, string | undefined>>>;

/**
 * A card action handler. Cards reference it by value (`act(openWork, {...})`); `key` is what goes on
 * the wire (function names do not survive minification, so keys are explicit and checked unique).
 * It returns a {@link Reply} and never calls navigation itself; it may make at most one backend call.
 */
export interface Handler<P extends ParamsSchema = ParamsSchema> {
  readonly key: string;
  readonly params: P;
  run(params: z.output<P>, event: AddonEvent, ctx: Ctx): Reply;
}

export function defineHandler<P extends ParamsSchema>(key: string, params: P, run: Handler<P>['run']): Handler<P> {
  return { key, params, run };
}
