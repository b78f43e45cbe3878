import { execFileSync, spawnSync } from 'node:child_process';
import Stripe from 'stripe';
import { parseDeployArgs, runMain } from './cli';
import { ensureStripeWebhook } from './stripe-webhook';

// Step of deploy:cloud: `npx tsx dev/deploy/stripe-webhook-main.ts --project=P --url=U --events=a,b --secret=NAME`.
// The Stripe key comes from STRIPE_SECRET_KEY or, on re-runs, from Secret Manager.
runMain(async () => {
  const { options } = parseDeployArgs(process.argv.slice(2), ['project', 'url', 'events', 'secret']);
  const { project, url, events, secret } = options;
  if (!project || !url || !events || !secret) throw new Error('--project, --url, --events and --secret are required.');
  const gcloud = (args: string[], input?: string) =>
    spawnSync('gcloud', [...args, `--project=${project}`], { input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], encoding: 'utf8' });

  const key =
    process.env.STRIPE_SECRET_KEY ||
    execFileSync('gcloud', ['secrets', 'versions', 'access', 'latest', '--secret=STRIPE_SECRET_KEY', `--project=${project}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();

  await ensureStripeWebhook({
    stripe: new Stripe(key, { maxNetworkRetries: 2, appInfo: { name: 'GradeBot deploy' } }),
    url,
    events: events.split(',').filter(Boolean),
    secretHasVersion: async () => gcloud(['secrets', 'versions', 'describe', 'latest', `--secret=${secret}`]).status === 0,
    storeSecret: async (value) => {
      const result = gcloud(['secrets', 'versions', 'add', secret, '--data-file=-'], value);
      if (result.status !== 0) throw new Error(`Storing the webhook signing secret in ${secret} failed:\n${result.stderr}`);
    },
    suppliedSecret: process.env.STRIPE_WEBHOOK_SECRET || undefined,
    log: (line) => console.log(line),
  });
});
