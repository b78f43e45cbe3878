/**
 * Where Stripe sends the teacher back to. They only say what happens next: the plan itself changes
 * when Stripe's webhook arrives, so these pages never claim more than Stripe has told the browser.
 */
export const BILLING_SUCCESS = `<% layout('@layout') %>
<h1>Thank you for upgrading</h1>
<p>Stripe has received your payment details. Your GradeBot plan switches to Paid as soon as Stripe confirms
the payment to us, usually within a few seconds.</p>
<p>You can close this window. Back in GradeBot, click <strong>Refresh</strong> to see your new plan.</p>
<p>Questions about billing: <a href="<%= it.links.mailto %>"><%= it.operator.contactEmail %></a>.</p>
`;

export const BILLING_CANCEL = `<% layout('@layout') %>
<h1>No charge was made</h1>
<p>You left checkout before paying, so nothing changed: you are still on the free plan with
<%= it.plans.free %> assignment<%= it.plans.free === 1 ? '' : 's' %> a month.</p>
<p>You can close this window and upgrade later from <strong>Billing</strong> in GradeBot.</p>
`;

export const BILLING_RETURN = `<% layout('@layout') %>
<h1>You’re back from billing settings</h1>
<p>Changes you made in Stripe’s billing portal, such as a new card or a cancellation, reach GradeBot within a few seconds.</p>
<p>You can close this window. Back in GradeBot, click <strong>Refresh</strong> to see your plan.</p>
`;
