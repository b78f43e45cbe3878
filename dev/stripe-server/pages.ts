import type { CheckoutSession, Price, StandInState, Subscription } from './objects';

/** The hosted pages of the stand-in: Checkout's pay page and the customer portal. Plain HTML forms. */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const money = (p: Pick<Price, 'unit_amount' | 'currency'>) =>
  `${p.currency === 'usd' ? '$' : `${p.currency.toUpperCase()} `}${(p.unit_amount / 100).toFixed(2)}`;

const date = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1f36}
.card{border:1px solid #e3e8ee;border-radius:8px;padding:1.5rem;margin:1rem 0}
.note{background:#fff8e1;border:1px solid #f5d27a;border-radius:6px;padding:.5rem .75rem;font-size:.9rem}
button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:.7rem 1.2rem;font-size:1rem;cursor:pointer}
button.secondary{background:#fff;color:#635bff;border:1px solid #635bff}
label,select{font-size:.9rem}
</style></head><body>
<p class="note">Local Stripe stand-in — no real card is charged.</p>
${body}
</body></html>`;
}

/** The delivery choices offered on the pay page, for trying disorder and replays by hand. */
export const DELIVERY_CHOICES = {
  stripe: "in Stripe's order",
  reversed: 'reversed',
  shuffled: 'shuffled',
  twice: "in Stripe's order, twice",
} as const;
export type DeliveryChoice = keyof typeof DELIVERY_CHOICES;

export function payPage(session: CheckoutSession, price: Price, email: string | null, current: DeliveryChoice): string {
  if (session.status !== 'open') {
    const back = session.status === 'complete' ? session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id) : session.cancel_url;
    return layout('Checkout', `<div class="card"><h1>This checkout is ${esc(session.status)}</h1>${back ? `<p><a href="${esc(back)}">Back to GradeBot</a></p>` : ''}</div>`);
  }
  const options = Object.entries(DELIVERY_CHOICES)
    .map(([value, label]) => `<option value="${value}"${value === current ? ' selected' : ''}>${esc(label)}</option>`)
    .join('');
  return layout(
    'Subscribe to GradeBot',
    `<div class="card">
<h1>${esc(price.nickname ?? 'Subscription')}</h1>
<p><strong>${money(price)}</strong> per month</p>
${email ? `<p>Billed to ${esc(email)}</p>` : ''}
<form method="post" action="/checkout/${esc(session.id)}/pay">
<p><label>Send webhooks <select name="delivery">${options}</select></label></p>
<button type="submit" id="pay">Pay and subscribe</button>
</form>
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Cancel and go back</a></p>` : ''}
</div>`,
  );
}

function subscriptionCard(portalId: string, sub: Subscription): string {
  const item = sub.items.data[0];
  const end = item ? date(item.current_period_end) : '—';
  const action = (name: string, label: string, secondary = false) =>
    `<form method="post" action="/portal/${esc(portalId)}/subscriptions/${esc(sub.id)}/${name}" style="display:inline"><button${secondary ? ' class="secondary"' : ''} id="${name}">${esc(label)}</button></form>`;
  const status =
    sub.status === 'canceled'
      ? `Canceled${sub.ended_at ? ` on ${date(sub.ended_at)}` : ''}`
      : sub.cancel_at_period_end
        ? `Cancels on ${end}`
        : `${sub.status === 'active' ? 'Renews' : `Status ${sub.status}; next attempt`} on ${end}`;
  const buttons =
    sub.status === 'canceled'
      ? ''
      : `<p>${sub.cancel_at_period_end ? action('resume', 'Keep my plan') : action('cancel-at-period-end', 'Cancel at period end')} ${action('cancel-now', 'Cancel now', true)}</p>`;
  return `<div class="card"><h2>${esc(item?.price.nickname ?? 'Subscription')}</h2><p data-status="${esc(sub.status)}">${esc(status)}</p>${buttons}</div>`;
}

export function portalPage(portalId: string, customerEmail: string | null, subs: Subscription[], returnUrl: string | null): string {
  const cards = subs.length > 0 ? subs.map((s) => subscriptionCard(portalId, s)).join('') : '<div class="card"><p>No subscriptions.</p></div>';
  return layout(
    'Manage your plan',
    `<h1>Manage your plan</h1>${customerEmail ? `<p>${esc(customerEmail)}</p>` : ''}${cards}${returnUrl ? `<p><a href="${esc(returnUrl)}">Return to GradeBot</a></p>` : ''}`,
  );
}

export function notFoundPage(what: string): string {
  return layout('Not found', `<div class="card"><h1>${esc(what)} not found</h1></div>`);
}

/** A customer's subscriptions, newest first. */
export function subscriptionsOf(state: StandInState, customer: string): Subscription[] {
  return [...state.subscriptions.values()].filter((s) => s.customer === customer).sort((a, b) => b.created - a.created);
}
