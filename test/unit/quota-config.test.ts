import { LOCAL_STRIPE_PRICE_ID, LOCAL_STRIPE_SECRET_KEY, loadBillingConfig } from '../../cloud/config/billing';
import { loadCoreConfig } from '../../cloud/config/core';

describe('loadBillingConfig', () => {
  it('uses the local Stripe stand-in when STRIPE_SECRET_KEY is unset', () => {
    const c = loadBillingConfig({}, loadCoreConfig({ STRIPE_PORT: '9999' }));
    expect(c).toMatchObject({
      standIn: true,
      secretKey: LOCAL_STRIPE_SECRET_KEY,
      priceId: LOCAL_STRIPE_PRICE_ID,
      api: { host: '127.0.0.1', port: 9999, protocol: 'http' },
      limits: { free: 1, paid: 300 },
      priceDisplay: '$9.99/month',
      urls: { success: 'http://127.0.0.1:8085/billing/success', cancel: 'http://127.0.0.1:8085/billing/cancel' },
    });
  });

  it('talks to Stripe with a test key, and then needs the webhook secret and price', () => {
    const env = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', STRIPE_PRICE_ID: 'price_abc', QUOTA_PAID_PER_MONTH: '250' };
    const c = loadBillingConfig(env, loadCoreConfig({}));
    expect(c).toMatchObject({ standIn: false, api: undefined, priceId: 'price_abc', limits: { free: 1, paid: 250 } });
    expect(() => loadBillingConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' }, loadCoreConfig({}))).toThrow(/STRIPE_WEBHOOK_SECRET[\s\S]*STRIPE_PRICE_ID/);
  });

  it('refuses the stand-in in production and names bad variables', () => {
    expect(() => loadBillingConfig({}, loadCoreConfig({ GRADEBOT_ENV: 'production' }))).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => loadBillingConfig({ STRIPE_SECRET_KEY: 'pk_test_x', QUOTA_FREE_PER_MONTH: '-1' }, loadCoreConfig({}))).toThrow(
      /STRIPE_SECRET_KEY[\s\S]*QUOTA_FREE_PER_MONTH/,
    );
  });
});
