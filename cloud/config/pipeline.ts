import { z } from 'zod';
import { type Env, parseSection } from './env';

const PipelineEnv = z.object({
  /** A student Doc with more words than this is not graded: its work fails at creation with a reason. */
  PIPELINE_MAX_WORDS: z.coerce.number().int().min(1).max(100_000).default(2000),
  /**
   * Milliseconds the other feedback tasks of an assignment wait after the first one. Calls sent in
   * parallel before any of them has written the prompt-cache entry all miss it and each pays the
   * cache-write price (1.25× input) for the shared prefix; a cache entry is readable once its
   * writer has started answering (about a second for Claude). So the first work leads, and the
   * rest read its entry at a tenth of the input price. 0 turns this off; it is skipped anyway
   * when the prefix is shorter than the model can cache.
   */
  PIPELINE_CACHE_LEAD_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /**
   * Hedging: when at most this many works of an assignment are still open and one's Claude call
   * runs past its expected p95, a second copy of the call may start (one per work, only while the
   * circuit is closed; the first answer wins). The rubric and the summary, alone on the critical
   * path, may always be hedged. 0 turns hedging off. Cost: docs/llm.md, "Hedging".
   */
  PIPELINE_HEDGE_LAST_WORKS: z.coerce.number().int().min(0).max(35).default(7),
  /**
   * Teacher Retries accepted per student work (every accepted Retry is a paid model call). Three
   * covers a work that failed on an outage and again on a second one; past that the Doc itself is
   * the likely problem, and a new assignment is the way on.
   */
  RETRY_MAX_PER_WORK: z.coerce.number().int().min(0).max(100).default(3),
  /**
   * Teacher Retries accepted per teacher per UTC day, across assignments: a full 35-Doc assignment
   * failed by an outage, retried three times over, fits; a client looping on Retry does not.
   */
  RETRY_MAX_PER_TEACHER_PER_DAY: z.coerce.number().int().min(0).max(10_000).default(105),
});

export type PipelineConfig = ReturnType<typeof loadPipelineConfig>;

/** The pipeline's own settings; retries, parallelism and retention come from the tasks and pages sections. */
export function loadPipelineConfig(env: Env) {
  const p = parseSection('pipeline', PipelineEnv, env);
  return {
    maxWords: p.PIPELINE_MAX_WORDS,
    cacheLeadMs: p.PIPELINE_CACHE_LEAD_MS,
    hedgeLastWorks: p.PIPELINE_HEDGE_LAST_WORKS,
    retryLimits: { perWork: p.RETRY_MAX_PER_WORK, perTeacherPerDay: p.RETRY_MAX_PER_TEACHER_PER_DAY },
  };
}
