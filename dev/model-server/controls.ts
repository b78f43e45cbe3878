import { z } from 'zod';

/** Faults the server can inject. HTTP faults happen before answering; the rest shape the answer. */
export const FAULTS = ['overloaded', 'rate_limit', 'server_error', 'bad_request', 'timeout', 'malformed_json', 'schema_violation', 'refusal'] as const;
export type Fault = (typeof FAULTS)[number];
/** A scripted step: a fault, or "ok" for a normal answer. */
export type ScriptStep = Fault | 'ok';

export const TASK_KINDS = ['rubric', 'feedback', 'summary', 'other'] as const;
export type ServerTaskKind = (typeof TASK_KINDS)[number];

const Latency = z.object({ meanMs: z.number().min(0), jitterMs: z.number().min(0).default(0) });
export type Latency = z.infer<typeof Latency>;

export const SettingsSchema = z.object({
  /** Response time, uniformly in mean ± jitter; per task kind (recognised from the schema title) or default. */
  latency: z
    .object({ default: Latency, rubric: Latency.optional(), feedback: Latency.optional(), summary: Latency.optional(), other: Latency.optional() })
    .default({ default: { meanMs: 0, jitterMs: 0 } }),
  /**
   * Probability per request of each fault, 0–1. Faults exclude each other and the rates add up:
   * `{overloaded: 0.15, server_error: 0.15}` faults 30% of requests (one uniform draw per request
   * against the cumulative rates), so their sum can be at most 1.
   */
  faultRates: z
    .partialRecord(z.enum(FAULTS), z.number().min(0).max(1))
    .refine((rates) => totalRate(rates) <= 1 + 1e-9, { message: 'fault rates add up to more than 1' })
    .default({}),
  /** `retry-after` sent with 429s (and 529s when set), seconds. */
  retryAfterSeconds: z.number().min(0).default(1),
  /** Also send `retry-after-ms` (the SDK honours it) for sub-second waits in tests; unset: not sent. */
  retryAfterMs: z.number().min(0).optional(),
  /** Send `retry-after` with 529s too (the API usually does not). */
  retryAfterOnOverloaded: z.boolean().default(false),
  /**
   * In every feedback answer, the first N feedback items quote a sentence that is not in the
   * student's text (an invented quote, as a model may produce): evidence verification must drop
   * them. 0: every quote is the student's own sentence.
   */
  fabricatedEvidence: z.number().int().min(0).max(20).default(0),
  /** Seed of the generator that draws faults and latencies, for reproducible runs. */
  seed: z.number().int().default(1),
  /** Override every model's minimum cacheable prefix (tokens); unset: the price table's value. */
  cacheMinimumTokens: z.number().int().min(0).optional(),
  /** When a written cache entry becomes readable, as a fraction of the writing request's latency. */
  firstTokenFraction: z.number().min(0).max(1).default(0.2),
});
export type ModelServerSettings = z.infer<typeof SettingsSchema>;
export type ModelServerSettingsInput = z.input<typeof SettingsSchema>;

/**
 * Latencies close to Claude's for our three tasks (structured JSON of 1–2k output tokens), for
 * `npm start` and demos; tests and benchmarks set their own.
 */
export const REALISTIC_LATENCY: ModelServerSettingsInput['latency'] = {
  default: { meanMs: 3000, jitterMs: 1000 },
  rubric: { meanMs: 8000, jitterMs: 2000 },
  feedback: { meanMs: 12_000, jitterMs: 4000 },
  summary: { meanMs: 15_000, jitterMs: 4000 },
};

const LatencyPatch = z.object({ meanMs: z.number().min(0).optional(), jitterMs: z.number().min(0).optional() }).strict();

/**
 * A change to some settings: only what it names, no defaults (a `.partial()` of SettingsSchema
 * would fill every unnamed setting with its default and so reset it). `latency` merges per task
 * kind and field, `faultRates` per fault; the merged whole is checked with SettingsSchema.
 */
export const SettingsPatchSchema = z
  .object({
    latency: z.partialRecord(z.enum(['default', ...TASK_KINDS]), LatencyPatch).optional(),
    faultRates: z.partialRecord(z.enum(FAULTS), z.number().min(0).max(1)).optional(),
    retryAfterSeconds: z.number().min(0).optional(),
    retryAfterMs: z.number().min(0).optional(),
    retryAfterOnOverloaded: z.boolean().optional(),
    fabricatedEvidence: z.number().int().min(0).max(20).optional(),
    seed: z.number().int().optional(),
    cacheMinimumTokens: z.number().int().min(0).optional(),
    firstTokenFraction: z.number().min(0).max(1).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** `settings` with `patch` merged in (nested maps per key); throws a ZodError when the result is invalid. */
export function mergeSettings(settings: ModelServerSettings, patch: SettingsPatch): ModelServerSettings {
  const latency: Record<string, { meanMs: number; jitterMs: number } | undefined> = { ...settings.latency };
  for (const [kind, l] of Object.entries(patch.latency ?? {})) {
    const base = latency[kind] ?? { meanMs: 0, jitterMs: 0 };
    latency[kind] = { meanMs: l?.meanMs ?? base.meanMs, jitterMs: l?.jitterMs ?? base.jitterMs };
  }
  return SettingsSchema.parse({ ...settings, ...patch, latency, faultRates: { ...settings.faultRates, ...patch.faultRates } });
}

/** Body of POST /_control. */
export const ControlRequestSchema = z.object({
  settings: SettingsPatchSchema.optional(),
  script: z.array(z.enum([...FAULTS, 'ok'])).optional(),
  reset: z.boolean().optional(),
  clearCache: z.boolean().optional(),
});

function totalRate(rates: Partial<Record<Fault, number>>): number {
  return Object.values(rates).reduce<number>((sum, r) => sum + (r ?? 0), 0);
}

/** A small seeded PRNG (mulberry32): the same seed gives the same faults and latencies. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fault and latency decisions, settable at start and at run time. */
export function createControls(initial: ModelServerSettingsInput = {}) {
  let settings = SettingsSchema.parse(initial);
  let random = seededRandom(settings.seed);
  let script: ScriptStep[] = [];
  return {
    settings: () => settings,
    /**
     * Merge new settings: what `patch` does not name keeps its value; `latency` and `faultRates`
     * merge per key (a rate of 0 turns a fault off). A new seed restarts the random sequence.
     */
    update(patch: SettingsPatch) {
      settings = mergeSettings(settings, SettingsPatchSchema.parse(patch));
      if (patch.seed !== undefined) random = seededRandom(settings.seed);
    },
    /** The next requests to /v1/messages take these steps, in order, before rates apply again. */
    script(steps: ScriptStep[]) {
      script = [...script, ...steps];
    },
    pendingScript: () => [...script],
    reset(patch: ModelServerSettingsInput = {}) {
      settings = SettingsSchema.parse(patch);
      random = seededRandom(settings.seed);
      script = [];
    },
    nextFault(): Fault | undefined {
      const step = script.shift();
      if (step !== undefined) return step === 'ok' ? undefined : step;
      // One draw against the cumulative rates: [0, r1) is the first fault, [r1, r1 + r2) the
      // second, …; the rest is a normal answer. (Drawing per fault would make them compete: 15% +
      // 15% would fault 1 − 0.85² = 27.75% of requests, not 30%.) No draw when no rate is set,
      // so latencies stay as they were.
      if (totalRate(settings.faultRates) === 0) return undefined;
      const u = random();
      let cumulative = 0;
      let last: Fault | undefined;
      for (const f of FAULTS) {
        const rate = settings.faultRates[f] ?? 0;
        if (rate === 0) continue;
        cumulative += rate;
        last = f;
        if (u < cumulative) return f;
      }
      // Rates meant to add up to 1 may sum to 0.9999…: every request faults then.
      return cumulative >= 1 - 1e-9 ? last : undefined;
    },
    latencyMs(kind: ServerTaskKind): number {
      const l = settings.latency[kind] ?? settings.latency.default;
      return Math.max(0, l.meanMs + (random() * 2 - 1) * l.jitterMs);
    },
  };
}
export type Controls = ReturnType<typeof createControls>;
