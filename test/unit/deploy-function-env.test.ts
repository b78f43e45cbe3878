import type { Server } from 'node:http';
import { CONFIG_SECRETS, FUNCTION_CONFIG, loadFunctionConfig } from '../../cloud/config';
import { FUNCTION_NAMES, type FunctionName } from '../../cloud/config/core';
import type { DeployCommand } from '../../dev/deploy/command';
import { cloudDeployPlan } from '../../dev/deploy/cloud-plan';
import { loadDeployConfig } from '../../dev/deploy/config';
import { SECRET_PLACEHOLDERS } from '../../dev/deploy/functions';
import { PRODUCTION_ENV_FILE } from '../support/production-env';

const FILE = PRODUCTION_ENV_FILE;
const plan = cloudDeployPlan(loadDeployConfig({ file: FILE, shell: {} }));

const flag = (cmd: DeployCommand, name: string) => cmd.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** gcloud's dict syntax, including the `^DELIM^` form (gcloud topic escaping). */
function parseGcloudDict(value: string): Record<string, string> {
  const m = /^\^([^^]+)\^([\s\S]*)$/.exec(value);
  const [delimiter, body] = m ? [m[1] ?? ',', m[2] ?? ''] : [',', value];
  return Object.fromEntries(
    body
      .split(delimiter)
      .filter(Boolean)
      .map((pair) => {
        const i = pair.indexOf('=');
        return [pair.slice(0, i), pair.slice(i + 1)];
      }),
  );
}

/**
 * What one function starts with in production, read off its `gcloud functions deploy` command:
 * `--set-env-vars` as given, and each `--set-secrets` entry (`ENV=SECRET:latest`) as an environment
 * variable holding a well-formed stand-in for the secret's value.
 */
function deployedEnvironment(name: FunctionName): { env: Record<string, string>; secrets: string[] } {
  const deploy = plan.find((c) => c.argv[1] === 'functions' && c.argv[2] === 'deploy' && c.argv[3] === name);
  if (!deploy) throw new Error(`no deploy command for ${name}`);
  const env = parseGcloudDict(flag(deploy, 'set-env-vars') ?? '');
  const mounted = flag(deploy, 'set-secrets');
  const secrets = mounted ? Object.entries(parseGcloudDict(mounted)).map(([variable, ref]) => {
    const secret = ref.replace(/:latest$/, '');
    expect(variable).toBe(secret);
    return secret;
  }) : [];
  if (!mounted) expect(deploy.argv).toContain('--clear-secrets');
  for (const s of secrets) env[s] = SECRET_PLACEHOLDERS[s as keyof typeof SECRET_PLACEHOLDERS];
  return { env, secrets };
}

/** Loads a function's entry (cloud/entries/<name>.ts) as its bundle does, with `env` as process.env, and GETs a path. */
async function startEntry(name: FunctionName, env: Record<string, string>, path: string): Promise<{ status: number; body: string }> {
  let server!: Server;
  jest.isolateModules(() => {
    require(`../../cloud/entries/${name}`);
    const { getTestServer } = require('@google-cloud/functions-framework/testing') as typeof import('@google-cloud/functions-framework/testing');
    server = getTestServer(name);
  });
  const saved = process.env;
  process.env = { ...env };
  const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: await res.text() };
  } finally {
    quiet.mockRestore();
    process.env = saved;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('each deployed function starts with exactly the environment and secrets the deploy gives it', () => {
  it.each([...FUNCTION_NAMES])('%s: its configuration loads in production mode', (name) => {
    const { env, secrets } = deployedEnvironment(name);
    expect(env.GRADEBOT_ENV).toBe('production');
    expect(secrets.sort()).toEqual([...FUNCTION_CONFIG[name].secrets].sort());
    const config = loadFunctionConfig(name, env);
    expect(config.local).toBe(false);
    expect(config.firestore.emulatorHost).toBeUndefined();
  });

  it.each([...FUNCTION_NAMES])('%s: its entry builds the function on the first request and answers', async (name) => {
    const { env } = deployedEnvironment(name);
    // The first request builds configuration, dependencies and handler (registerLazily); a
    // configuration the function refuses would answer 500 here.
    const res = await startEntry(name, env, '/health');
    expect(res).toEqual({ status: 200, body: JSON.stringify({ status: 'ok', function: name, version: 'dev' }) });
  });

  it.each([...FUNCTION_NAMES])('%s: needs every secret it is given (least privilege)', (name) => {
    const { env, secrets } = deployedEnvironment(name);
    for (const secret of secrets) {
      const { [secret]: _removed, ...without } = env;
      expect(() => loadFunctionConfig(name, without)).toThrow(new RegExp(`${secret}: required in production`));
    }
  });

  it('gives each secret only to the functions that read it', () => {
    const holders = Object.fromEntries(CONFIG_SECRETS.map((s) => [s, FUNCTION_NAMES.filter((n) => deployedEnvironment(n).secrets.includes(s))]));
    expect(holders).toEqual({
      ANTHROPIC_API_KEY: ['worker'],
      STRIPE_SECRET_KEY: ['api'],
      STRIPE_WEBHOOK_SECRET: ['stripeWebhook'],
      CHART_URL_SECRET: ['api'],
      ADMIN_SESSION_SECRET: ['admin'],
    });
  });

  it('makes a function that reads a secret or section it is not given fail loudly, not fall back to a local default', () => {
    const pages = loadFunctionConfig('pages', deployedEnvironment('pages').env);
    expect(() => pages.billing.secretKey).toThrow(/secretKey is not part of this configuration: this function is not given STRIPE_SECRET_KEY/);
    expect(() => pages.billing.webhookSecret).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => pages.api).toThrow(/the pages function does not load the api section/);
    expect(pages.billing.limits).toEqual({ free: 1, paid: 300 });
    const api = loadFunctionConfig('api', deployedEnvironment('api').env);
    expect(() => api.llm.apiKey).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => api.admin).toThrow(/admin section/);
    expect(api.llm.kinds.feedback.model).toBe('claude-haiku-5-5');
    // Present-but-not-given secrets are ignored too: the webhook never reads the Stripe key.
    const webhook = loadFunctionConfig('stripeWebhook', { ...deployedEnvironment('stripeWebhook').env, STRIPE_SECRET_KEY: 'sk_live_x' });
    expect(() => webhook.billing.secretKey).toThrow(/STRIPE_SECRET_KEY/);
    expect(webhook.billing.webhookSecret).toBe(SECRET_PLACEHOLDERS.STRIPE_WEBHOOK_SECRET);
  });
});
