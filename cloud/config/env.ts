import { z } from 'zod';

/** The environment as config sections receive it: plain strings, read once at the root. */
export type Env = Readonly<Record<string, string | undefined>>;

/** An integer port from the environment, with a default. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A comma-separated list. */
export const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** "true"/"1"/"yes" → true. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

/** Parse one section of configuration; errors name every bad variable. */
export function parseSection<S extends z.ZodType>(name: string, schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid ${name} configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Makes `key` of `target` a value this function is not given: reading it throws and says why. It
 * is not enumerable, so a spread or a log of the section leaves it out instead of throwing.
 */
export function withhold<T extends object>(target: T, key: keyof T & string, reason: string): T {
  Object.defineProperty(target, key, {
    enumerable: false,
    configurable: true,
    get() {
      throw new Error(`${key} is not part of this configuration: ${reason}`);
    },
  });
  return target;
}
