import type { QuotaCheck } from '../../shared/rules/quota';
import { GradeBotError } from '../errors';

type LimitCheck = Extract<QuotaCheck, { kind: 'free_limit' | 'paid_limit' }>;

/**
 * The teacher has no assignment left this quota month. `free_limit` (402) means "upgrade": the API
 * attaches a checkout URL with `withCheckoutUrl`; `paid_limit` (429) carries the reset date.
 */
export class QuotaExceededError extends GradeBotError {
  readonly kind: LimitCheck['kind'];
  /** First day of the next quota month (YYYY-MM-DD in the teacher's zone); paid_limit only. */
  readonly resetsOn: string | undefined;

  constructor(
    readonly check: LimitCheck,
    extra: Record<string, unknown> = {},
  ) {
    super(check.kind, messageFor(check), {
      month: check.month,
      used: check.used,
      limit: check.limit,
      // Which month counts, for the card that shows the reset date.
      ...(check.kind === 'paid_limit' ? { resetsOn: check.resetsOn, note: check.note } : {}),
      ...extra,
    });
    this.name = 'QuotaExceededError';
    this.kind = check.kind;
    this.resetsOn = check.kind === 'paid_limit' ? check.resetsOn : undefined;
  }

  /** The same error with the upgrade link the add-on opens. */
  withCheckoutUrl(checkoutUrl: string): QuotaExceededError {
    return new QuotaExceededError(this.check, { ...this.details, checkoutUrl });
  }
}

function messageFor(check: LimitCheck): string {
  if (check.kind === 'paid_limit') {
    return `You have reached ${check.limit} assignments this month. Your allowance resets on ${check.resetsOn}.`;
  }
  const what = check.limit === 1 ? 'your free assignment' : `your ${check.limit} free assignments`;
  return `You have used ${what} for this month. Upgrade to keep grading.`;
}

/** Checkout was asked for a teacher whose subscription is already in force: send them to the portal. */
export class AlreadySubscribedError extends GradeBotError {
  constructor() {
    super('conflict', 'You already have GradeBot Pro. Manage it from Billing.');
    this.name = 'AlreadySubscribedError';
  }
}
