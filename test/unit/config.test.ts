import { FUNCTION_CONFIG, loadConfig, loadFunctionConfig, SECTION_NAMES } from '../../cloud/config';
import { FUNCTION_NAMES, loadCoreConfig } from '../../cloud/config/core';

describe('loadCoreConfig', () => {
  it('defaults to the local stack on 127.0.0.1', () => {
    const c = loadCoreConfig({});
    expect(c.local).toBe(true);
    expect(c.urls.api).toBe('http://127.0.0.1:8081');
    expect(c.firestore.emulatorHost).toBe('127.0.0.1:8090');
    expect(c.auth.issuers).toEqual(['http://127.0.0.1:8092']);
  });

  it('uses Google as issuer in production and no emulator', () => {
    const c = loadCoreConfig({ GRADEBOT_ENV: 'production', API_URL: 'https://api.example.com' });
    expect(c.firestore.emulatorHost).toBeUndefined();
    expect(c.auth.issuers).toContain('https://accounts.google.com');
    expect(c.auth.certsUrl).toBeUndefined();
    expect(c.urls.api).toBe('https://api.example.com');
  });

  it('names every bad variable', () => {
    expect(() => loadCoreConfig({ API_PORT: 'eighty', GRADEBOT_ENV: 'staging' })).toThrow(/API_PORT[\s\S]*GRADEBOT_ENV|GRADEBOT_ENV[\s\S]*API_PORT/);
  });
});

describe('loadConfig and loadFunctionConfig', () => {
  // The plain variables a production deploy sets (dev/deploy/config.ts), without any secret.
  const PROD = {
    GRADEBOT_ENV: 'production',
    GCP_PROJECT_ID: 'gradebot-prod',
    ADDON_OAUTH_CLIENT_ID: 'addon.apps.googleusercontent.com',
    ADMIN_OAUTH_CLIENT_ID: 'admin.apps.googleusercontent.com',
    ADMIN_EMAILS: 'ops@example.com',
    STRIPE_PRICE_ID: 'price_123',
    OPERATOR_NAME: 'Northwind',
    OPERATOR_CONTACT_EMAIL: 'privacy@example.com',
    POLICY_EFFECTIVE_DATE: '2026-03-15',
  };
  const SECRETS = {
    ANTHROPIC_API_KEY: 'sk-ant-x',
    STRIPE_SECRET_KEY: 'sk_live_x',
    STRIPE_WEBHOOK_SECRET: 'whsec_x',
    CHART_URL_SECRET: 'c'.repeat(40),
    ADMIN_SESSION_SECRET: 'a'.repeat(40),
  };

  it('loads everything on the local stack with no environment, each function too', () => {
    const all = loadConfig({});
    expect(Object.keys(all)).toEqual(expect.arrayContaining([...SECTION_NAMES]));
    expect(all.billing.standIn).toBe(true);
    expect(all.llm.offline).toBe(true);
    for (const name of FUNCTION_NAMES) expect(loadFunctionConfig(name, {}).local).toBe(true);
  });

  it('requires every secret of every section in production for the whole configuration', () => {
    expect(() => loadConfig(PROD)).toThrow(/ANTHROPIC_API_KEY[\s\S]*STRIPE_SECRET_KEY[\s\S]*CHART_URL_SECRET[\s\S]*ADMIN_SESSION_SECRET/);
    const all = loadConfig({ ...PROD, ...SECRETS });
    expect(all.llm.offline).toBe(false);
    expect(all.llm.baseUrl).toBeUndefined();
    expect(all.billing).toMatchObject({ standIn: false, secretKey: 'sk_live_x', webhookSecret: 'whsec_x', api: undefined });
  });

  it.each([
    ['api', ['STRIPE_SECRET_KEY', 'CHART_URL_SECRET']],
    ['worker', ['ANTHROPIC_API_KEY']],
    ['stripeWebhook', ['STRIPE_WEBHOOK_SECRET']],
    ['admin', ['ADMIN_SESSION_SECRET']],
    ['pages', []],
  ] as const)('the %s function needs exactly %j in production', (name, secrets) => {
    expect(FUNCTION_CONFIG[name].secrets).toEqual(secrets);
    const given = Object.fromEntries(secrets.map((s) => [s, SECRETS[s]]));
    expect(loadFunctionConfig(name, { ...PROD, ...given }).local).toBe(false);
    if (secrets.length > 0) expect(() => loadFunctionConfig(name, PROD)).toThrow(new RegExp(secrets.map((s) => `${s}: required in production`).join('[\\s\\S]*')));
  });

  it('validates only the sections a function loads', () => {
    // A bad api setting stops the api, not the pages or the dashboard.
    const env = { ...PROD, ...SECRETS, CHART_URL_TTL_SECONDS: '1' };
    expect(() => loadFunctionConfig('api', env)).toThrow(/Invalid api configuration:[\s\S]*CHART_URL_TTL_SECONDS/);
    expect(() => loadFunctionConfig('pages', env)).not.toThrow();
    expect(() => loadFunctionConfig('admin', env)).not.toThrow();
    // And names the bad variables of every section it loads at once.
    expect(() => loadFunctionConfig('worker', { ...PROD, PIPELINE_MAX_WORDS: '0', TASKS_MAX_DOUBLINGS: '-1' })).toThrow(
      /Invalid tasks configuration[\s\S]*TASKS_MAX_DOUBLINGS[\s\S]*ANTHROPIC_API_KEY[\s\S]*Invalid pipeline configuration[\s\S]*PIPELINE_MAX_WORDS/,
    );
  });

  it('keeps sections and secrets a function is not given out of its configuration: reading one throws', () => {
    const admin = loadFunctionConfig('admin', { ...PROD, ...SECRETS });
    expect(admin.admin.session.secret).toBe(SECRETS.ADMIN_SESSION_SECRET);
    expect(() => admin.billing).toThrow(/the admin function does not load the billing section/);
    expect({ ...admin }).not.toHaveProperty('billing');
    const worker = loadFunctionConfig('worker', { ...PROD, ...SECRETS });
    expect(worker.llm.apiKey).toBe('sk-ant-x');
    expect(() => worker.billing.secretKey).toThrow(/not given STRIPE_SECRET_KEY/);
    expect(() => worker.billing.priceId).not.toThrow();
  });
});
