import { z } from 'zod';
import type { CoreConfig } from './core';
import { type Env, parseSection } from './env';

const PagesEnv = z.object({
  /** The legal entity that runs GradeBot, as the privacy policy and terms name it. */
  OPERATOR_NAME: z.string().trim().min(1).max(200).optional(),
  /** Where teachers write about privacy, deletion and support. */
  OPERATOR_CONTACT_EMAIL: z.email().optional(),
  /** Postal address for legal notices; optional (shown when set). */
  OPERATOR_POSTAL_ADDRESS: z.string().trim().min(1).max(500).optional(),
  /** "the laws of …" clause in the terms; optional (the clause is left out when unset). */
  OPERATOR_GOVERNING_LAW: z.string().trim().min(1).max(200).optional(),
  /** The date the current policies took effect, YYYY-MM-DD. */
  POLICY_EFFECTIVE_DATE: z.iso.date().optional(),
  /** Days after an assignment completes until the exported student text is deleted. */
  RETENTION_STUDENT_TEXT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Days Cloud Logging keeps our logs (Cloud Logging's _Default bucket keeps 30). */
  RETENTION_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days within which an emailed deletion request is carried out. */
  RETENTION_REQUEST_DAYS: z.coerce.number().int().min(1).max(90).default(30),
});

/** Stand-ins for a local stack; production must name a real operator (see loadPagesConfig). */
const LOCAL_DEFAULTS = {
  OPERATOR_NAME: 'GradeBot (local development)',
  OPERATOR_CONTACT_EMAIL: 'privacy@gradebot.invalid',
  POLICY_EFFECTIVE_DATE: '2026-01-01',
} as const;

const REQUIRED_IN_PRODUCTION = ['OPERATOR_NAME', 'OPERATOR_CONTACT_EMAIL', 'POLICY_EFFECTIVE_DATE'] as const;

export type PagesConfig = ReturnType<typeof loadPagesConfig>;

/**
 * What the public pages say about who runs GradeBot and how long data is kept. Locally the operator
 * fields fall back to clearly fake values; in production they are required, because a privacy
 * policy naming a placeholder company is worse than no deploy at all.
 */
export function loadPagesConfig(env: Env, core: Pick<CoreConfig, 'local'>) {
  const p = parseSection('pages', PagesEnv, env);
  if (!core.local) {
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => p[k] === undefined);
    if (missing.length > 0) {
      throw new Error(`Invalid pages configuration:\n${missing.map((k) => `  ${k}: required in production`).join('\n')}`);
    }
  }
  return {
    operator: {
      name: p.OPERATOR_NAME ?? LOCAL_DEFAULTS.OPERATOR_NAME,
      contactEmail: p.OPERATOR_CONTACT_EMAIL ?? LOCAL_DEFAULTS.OPERATOR_CONTACT_EMAIL,
      postalAddress: p.OPERATOR_POSTAL_ADDRESS ?? null,
      governingLaw: p.OPERATOR_GOVERNING_LAW ?? null,
    },
    /** YYYY-MM-DD. */
    effectiveDate: p.POLICY_EFFECTIVE_DATE ?? LOCAL_DEFAULTS.POLICY_EFFECTIVE_DATE,
    retention: {
      studentTextDays: p.RETENTION_STUDENT_TEXT_DAYS,
      logDays: p.RETENTION_LOG_DAYS,
      requestDays: p.RETENTION_REQUEST_DAYS,
    },
  };
}
