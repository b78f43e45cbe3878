import { z } from 'zod';
import { billingCard } from '../cards/billing-cards';
import { defineHandler } from './handler';
import { openLink, push } from './reply';

const NoParams = z.object({});

export const showBilling = defineHandler('billing.show', NoParams, (_p, _e, ctx) => push(billingCard(ctx.backend.call({ name: 'getMe', params: {} }), ctx.fmt)));

/** Stripe Checkout in a new tab; the add-on reloads when it closes, showing the new plan. */
export const startCheckout = defineHandler('billing.checkout', NoParams, (_p, _e, ctx) =>
  openLink({ url: ctx.backend.call({ name: 'createCheckout', params: {}, body: {} }).url, reloadOnClose: true }),
);

export const openBillingPortal = defineHandler('billing.portal', NoParams, (_p, _e, ctx) =>
  openLink({ url: ctx.backend.call({ name: 'createPortal', params: {}, body: {} }).url, reloadOnClose: true }),
);
