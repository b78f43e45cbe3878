import { CONFIG_SECRETS } from '../../cloud/config';
import { FUNCTION_NAMES } from '../../cloud/config/core';
import { type DeployCommand, formatCommand } from '../../dev/deploy/command';
import { cloudDeployPlan } from '../../dev/deploy/cloud-plan';
import { DEFAULT_STRIPE_EVENTS, loadDeployConfig } from '../../dev/deploy/config';
import { COMPOSITE_INDEXES, INDEX_EXEMPTIONS } from '../../dev/deploy/firestore-plan';
import { PRODUCTION_ENV_FILE } from '../support/production-env';

const FILE = {
  ...PRODUCTION_ENV_FILE,
  TASKS_MAX_ATTEMPTS: '6',
  TASKS_MIN_BACKOFF_SECONDS: '10',
  TASKS_MAX_BACKOFF_SECONDS: '120',
  TASKS_MAX_DOUBLINGS: '3',
  TASKS_MAX_DISPATCHES_PER_SECOND: '2.5',
  TASKS_MAX_CONCURRENT_DISPATCHES: '12',
  TASKS_DISPATCH_DEADLINE_SECONDS: '900',
  // Secret values may sit in the (git-ignored) env file; they must go to Secret Manager only.
  ANTHROPIC_API_KEY: 'sk-ant-do-not-print',
  STRIPE_SECRET_KEY: 'sk_live_do_not_print',
  DEPLOY_NODE_RUNTIME: 'nodejs22',
};

const config = loadDeployConfig({ file: FILE, shell: {} });
const plan = cloudDeployPlan(config);
const SA = (s: string) => `gradebot-${s}@gradebot-prod.iam.gserviceaccount.com`;

/** The value of `--name=` in argv, or undefined. */
const flag = (cmd: DeployCommand, name: string) => cmd.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const starts = (...prefix: string[]) => plan.filter((c) => prefix.every((p, i) => c.argv[i] === p));
const indexOf = (pred: (c: DeployCommand) => boolean) => plan.findIndex(pred);

/** Parses gcloud's dict syntax, including the `^DELIM^` form (gcloud topic escaping). */
function parseGcloudDict(value: string): Record<string, string> {
  const m = /^\^([^^]+)\^([\s\S]*)$/.exec(value);
  const [delimiter, body] = m ? [m[1] ?? ',', m[2] ?? ''] : [',', value];
  return Object.fromEntries(
    body.split(delimiter).map((pair) => {
      const i = pair.indexOf('=');
      return [pair.slice(0, i), pair.slice(i + 1)];
    }),
  );
}

describe('deploy:cloud plan', () => {
  it('builds first, then enables the APIs', () => {
    expect(plan[0]?.argv).toEqual(['npm', 'run', 'build']);
    const enable = starts('gcloud', 'services', 'enable')[0];
    for (const api of ['cloudfunctions', 'run', 'cloudbuild', 'cloudtasks', 'firestore', 'secretmanager', 'drive', 'docs', 'picker', 'appsmarket-component']) {
      expect(enable?.argv).toContain(`${api}.googleapis.com`);
    }
    expect(indexOf((c) => c === enable)).toBe(1);
  });

  it('keeps logs as long as the privacy policy says', () => {
    const c = loadDeployConfig({ file: { ...FILE, RETENTION_LOG_DAYS: '45' }, shell: {} });
    const logging = cloudDeployPlan(c).filter((x) => x.argv[1] === 'logging');
    expect(logging.map((x) => x.argv)).toEqual([
      ['gcloud', 'logging', 'buckets', 'update', '_Default', '--location=global', '--retention-days=45', '--project=gradebot-prod'],
    ]);
    expect(starts('gcloud', 'logging', 'buckets', 'update')[0]?.argv).toContain('--retention-days=30');
  });

  it('creates each service account only when absent', () => {
    const creates = starts('gcloud', 'iam', 'service-accounts', 'create');
    expect(creates.map((c) => c.argv[4]).sort()).toEqual(
      ['gradebot-admin', 'gradebot-api', 'gradebot-build', 'gradebot-pages', 'gradebot-tasks', 'gradebot-webhook', 'gradebot-worker'],
    );
    for (const c of creates) expect(c.unless).toEqual(['gcloud', 'iam', 'service-accounts', 'describe', SA(c.argv[4]?.slice(9) ?? ''), '--project=gradebot-prod']);
  });

  it('grants each runtime account exactly its roles', () => {
    const roles = (account: string) =>
      starts('gcloud', 'projects', 'add-iam-policy-binding')
        .filter((c) => flag(c, 'member') === `serviceAccount:${SA(account)}`)
        .map((c) => flag(c, 'role'))
        .sort();
    expect(roles('api')).toEqual(['roles/cloudtasks.enqueuer', 'roles/datastore.user']);
    expect(roles('worker')).toEqual(['roles/cloudtasks.enqueuer', 'roles/datastore.user']);
    expect(roles('webhook')).toEqual(['roles/datastore.user']);
    // The dashboard only reads Firestore; its sessions are signed cookies.
    expect(roles('admin')).toEqual(['roles/datastore.viewer']);
    expect(roles('pages')).toEqual([]);
    expect(roles('build')).toEqual(['roles/cloudbuild.builds.builder']);
    for (const c of starts('gcloud', 'projects', 'add-iam-policy-binding')) expect(c.argv).toContain('--condition=None');

    const actAs = starts('gcloud', 'iam', 'service-accounts', 'add-iam-policy-binding');
    expect(actAs.map((c) => [c.argv[4], flag(c, 'member'), flag(c, 'role')])).toEqual([
      [SA('tasks'), `serviceAccount:${SA('api')}`, 'roles/iam.serviceAccountUser'],
      [SA('tasks'), `serviceAccount:${SA('worker')}`, 'roles/iam.serviceAccountUser'],
    ]);
  });

  it('lets only the tasks account invoke the worker, once the worker exists', () => {
    const invoker = starts('gcloud', 'run', 'services', 'add-iam-policy-binding');
    expect(invoker).toHaveLength(1);
    expect(invoker[0]?.argv[4]).toBe('worker');
    expect(flag(invoker[0] as DeployCommand, 'member')).toBe(`serviceAccount:${SA('tasks')}`);
    expect(flag(invoker[0] as DeployCommand, 'role')).toBe('roles/run.invoker');
    expect(flag(invoker[0] as DeployCommand, 'region')).toBe('europe-west1');
    const workerDeploy = indexOf((c) => c.argv[2] === 'deploy' && c.argv[3] === 'worker');
    expect(indexOf((c) => c === invoker[0])).toBeGreaterThan(workerDeploy);
  });

  it('creates the secrets if absent, fills the API keys from the environment by name, generates the HMAC keys, and grants access per function', () => {
    const creates = starts('gcloud', 'secrets', 'create');
    expect(creates.map((c) => c.argv[3])).toEqual(['ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'CHART_URL_SECRET', 'ADMIN_SESSION_SECRET']);
    for (const c of creates) expect(c.unless?.slice(0, 4)).toEqual(['gcloud', 'secrets', 'describe', c.argv[3]]);

    const versions = starts('gcloud', 'secrets', 'versions', 'add');
    expect(versions.map((c) => [c.argv[4], c.stdinFromEnv, c.stdinGenerated, flag(c, 'data-file')])).toEqual([
      ['ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY', undefined, '-'],
      ['STRIPE_SECRET_KEY', 'STRIPE_SECRET_KEY', undefined, '-'],
      ['CHART_URL_SECRET', 'CHART_URL_SECRET', { bytes: 32 }, '-'],
      ['ADMIN_SESSION_SECRET', 'ADMIN_SESSION_SECRET', { bytes: 32 }, '-'],
    ]);
    for (const c of versions) expect(c.unless).toEqual(['gcloud', 'secrets', 'versions', 'describe', 'latest', `--secret=${c.argv[4]}`, '--project=gradebot-prod']);

    // Exactly one reader per secret: the function whose configuration reads it.
    const access = starts('gcloud', 'secrets', 'add-iam-policy-binding').map((c) => `${c.argv[3]} ${flag(c, 'member')} ${flag(c, 'role')}`);
    const role = 'roles/secretmanager.secretAccessor';
    expect(access).toEqual([
      `ANTHROPIC_API_KEY serviceAccount:${SA('worker')} ${role}`,
      `STRIPE_SECRET_KEY serviceAccount:${SA('api')} ${role}`,
      `STRIPE_WEBHOOK_SECRET serviceAccount:${SA('webhook')} ${role}`,
      `CHART_URL_SECRET serviceAccount:${SA('api')} ${role}`,
      `ADMIN_SESSION_SECRET serviceAccount:${SA('admin')} ${role}`,
    ]);
  });

  it('never prints a secret value', () => {
    const printed = plan.map(formatCommand).join('\n');
    expect(printed).not.toContain('do-not-print');
    expect(printed).not.toContain('do_not_print');
    expect(printed).toContain(`printf '%s' "$ANTHROPIC_API_KEY" | gcloud secrets versions add ANTHROPIC_API_KEY --data-file=-`);
    // A generated key is made by the deploy (or by openssl, pasting the line into a shell).
    expect(printed).toContain(`printf '%s' "\${CHART_URL_SECRET:-$(openssl rand -hex 32)}" | gcloud secrets versions add CHART_URL_SECRET --data-file=-`);
  });

  it('creates the Firestore database, every composite index, the field exemptions and the TTL policy', () => {
    const db = starts('gcloud', 'firestore', 'databases', 'create')[0];
    expect(db?.argv).toEqual(expect.arrayContaining(['--database=(default)', '--location=europe-west1', '--type=firestore-native']));
    expect(db?.unless?.slice(0, 4)).toEqual(['gcloud', 'firestore', 'databases', 'describe']);

    const indexes = starts('gcloud', 'firestore', 'indexes', 'composite', 'create');
    expect(indexes).toHaveLength(COMPOSITE_INDEXES.length);
    const list = indexes.map((c) => `${flag(c, 'collection-group')} ${flag(c, 'query-scope')}: ${c.argv.filter((a) => a.startsWith('--field-config=')).join(' ')}`);
    expect(list).toContain('assignments collection: --field-config=field-path=userId,order=ascending --field-config=field-path=createdAt,order=descending');
    // cloud/api/works-by-doc.ts: every assignment's works at once, so a collection-group index.
    expect(list).toContain(
      'works collection-group: --field-config=field-path=userId,order=ascending --field-config=field-path=selectedDocument.googleDocId,order=ascending --field-config=field-path=createdAt,order=descending',
    );
    expect(list).toContain(
      'costRollups collection: --field-config=field-path=dimension,order=ascending --field-config=field-path=key,order=ascending --field-config=field-path=day,order=ascending',
    );
    for (const c of indexes) expect(c.okIfStderr?.pattern.test('ERROR: (gcloud) ALREADY_EXISTS: index already exists')).toBe(true);

    const exemptions = starts('gcloud', 'firestore', 'indexes', 'fields', 'update').filter((c) => c.argv.includes('--disable-indexes'));
    expect(exemptions.map((c) => `${flag(c, 'collection-group')}.${c.argv[5]}`)).toEqual(INDEX_EXEMPTIONS.map((e) => `${e.collectionGroup}.${e.field}`));
    expect(exemptions.map((c) => `${flag(c, 'collection-group')}.${c.argv[5]}`)).toContain('texts.text');

    // TTL on the texts only: on a work or an assignment it would delete the feedback with the text.
    const ttl = starts('gcloud', 'firestore', 'fields', 'ttls', 'update');
    expect(ttl.map((c) => [c.argv[5], flag(c, 'collection-group'), c.argv.includes('--enable-ttl')])).toEqual([['purgeTextAt', 'texts', true]]);

    // The cleanup queries every assignment's texts: a collection-group index on the same field, which
    // gcloud cannot express (fields update --index sets COLLECTION scope only), so a script PATCHes it
    // and waits for the build, before the TTL change (one field operation at a time).
    expect(starts('gcloud', 'firestore', 'indexes', 'fields', 'update').filter((c) => !c.argv.includes('--disable-indexes'))).toEqual([]);
    const groupIndexes = plan.filter((c) => c.argv.includes('dev/deploy/firestore-field-index-main.ts'));
    expect(groupIndexes.map((c) => c.argv)).toEqual([
      ['npx', 'tsx', 'dev/deploy/firestore-field-index-main.ts', '--project=gradebot-prod', '--database=(default)', '--collection-group=texts', '--field=purgeTextAt'],
    ]);
    expect(indexOf((c) => c === groupIndexes[0])).toBeLessThan(indexOf((c) => c === ttl[0]));
    expect(indexOf((c) => c === groupIndexes[0])).toBeGreaterThan(indexOf((c) => c === db));
  });

  it('schedules the stall watchdog on the worker every TASKS_STALL_CHECK_SECONDS, as the tasks account', () => {
    const worker = 'https://europe-west1-gradebot-prod.cloudfunctions.net/worker';
    const jobs = starts('gcloud', 'scheduler', 'jobs').filter((c) => c.argv[5] === 'gradebot-stalls');
    expect(jobs.map((c) => c.argv[3])).toEqual(['create', 'update']);
    for (const c of jobs) {
      expect(flag(c, 'uri')).toBe(`${worker}/tasks/stalls`);
      expect(flag(c, 'oidc-service-account-email')).toBe(SA('tasks'));
      expect(flag(c, 'oidc-token-audience')).toBe(worker);
      expect(flag(c, 'schedule')).toBe('*/1 * * * *');
    }
    const every5 = cloudDeployPlan(loadDeployConfig({ file: { ...FILE, TASKS_STALL_CHECK_SECONDS: '270' }, shell: {} })).find((c) => c.argv[5] === 'gradebot-stalls') as DeployCommand;
    expect(flag(every5, 'schedule')).toBe('*/5 * * * *');
  });

  it('schedules the retention cleanup on the worker, as the tasks account, after the worker may be invoked by it', () => {
    expect(starts('gcloud', 'services', 'enable')[0]?.argv).toContain('cloudscheduler.googleapis.com');
    const create = starts('gcloud', 'scheduler', 'jobs', 'create', 'http').filter((c) => c.argv[5] === 'gradebot-retention');
    const update = starts('gcloud', 'scheduler', 'jobs', 'update', 'http').filter((c) => c.argv[5] === 'gradebot-retention');
    expect(create).toHaveLength(1);
    expect(update).toHaveLength(1);
    expect(create[0]?.unless).toEqual(['gcloud', 'scheduler', 'jobs', 'describe', 'gradebot-retention', '--location=europe-west1', '--project=gradebot-prod']);
    const worker = 'https://europe-west1-gradebot-prod.cloudfunctions.net/worker';
    for (const c of [create[0]!, update[0]!]) {
      expect(c.argv[5]).toBe('gradebot-retention');
      expect(flag(c, 'uri')).toBe(`${worker}/tasks/retention`);
      expect(flag(c, 'http-method')).toBe('POST');
      expect(flag(c, 'oidc-service-account-email')).toBe(SA('tasks'));
      // The worker accepts its base URL as the audience (cloud/worker/task-caller.ts).
      expect(flag(c, 'oidc-token-audience')).toBe(worker);
      expect(flag(c, 'schedule')).toBe('17 3 * * *');
      expect(flag(c, 'time-zone')).toBe('Etc/UTC');
      expect(flag(c, 'attempt-deadline')).toBe('900s');
      expect(flag(c, 'location')).toBe('europe-west1');
    }
    expect(flag(create[0]!, 'headers')).toBe('Content-Type=application/json');
    expect(flag(update[0]!, 'update-headers')).toBe('Content-Type=application/json');
    const invoker = indexOf((c) => c.argv[1] === 'run' && c.argv[3] === 'add-iam-policy-binding');
    expect(indexOf((c) => c === create[0])).toBeGreaterThan(invoker);

    const custom = loadDeployConfig({ file: { ...FILE, WORKER_URL: 'https://worker-abc-ew.a.run.app' }, shell: { DEPLOY_RETENTION_SCHEDULE: '0 */6 * * *' } });
    const job = cloudDeployPlan(custom).find((c) => c.argv[2] === 'jobs' && c.argv[3] === 'update' && c.argv[5] === 'gradebot-retention') as DeployCommand;
    expect(flag(job, 'uri')).toBe('https://worker-abc-ew.a.run.app/tasks/retention');
    expect(flag(job, 'oidc-token-audience')).toBe('https://worker-abc-ew.a.run.app');
    expect(flag(job, 'schedule')).toBe('0 */6 * * *');
    expect(() => loadDeployConfig({ file: FILE, shell: { DEPLOY_RETENTION_SCHEDULE: 'daily' } })).toThrow(/DEPLOY_RETENTION_SCHEDULE/);
  });

  it('creates the queue if absent and applies its retry and rate settings from the tasks configuration', () => {
    const create = starts('gcloud', 'tasks', 'queues', 'create');
    expect(create.map((c) => c.argv[4])).toEqual(['gradebot-pipeline']);
    expect(create[0]?.unless?.slice(0, 5)).toEqual(['gcloud', 'tasks', 'queues', 'describe', 'gradebot-pipeline']);
    const update = starts('gcloud', 'tasks', 'queues', 'update')[0] as DeployCommand;
    expect(update.argv.slice(5)).toEqual([
      '--location=europe-west1',
      '--project=gradebot-prod',
      '--max-attempts=6',
      '--min-backoff=10s',
      '--max-backoff=120s',
      '--max-doublings=3',
      '--max-dispatches-per-second=2.5',
      '--max-concurrent-dispatches=12',
    ]);
  });

  it('points a Stripe webhook endpoint at the webhook function before deploying the functions', () => {
    const stripe = plan.find((c) => c.argv.includes('dev/deploy/stripe-webhook-main.ts')) as DeployCommand;
    expect(stripe.argv.slice(0, 2)).toEqual(['npx', 'tsx']);
    expect(flag(stripe, 'url')).toBe('https://europe-west1-gradebot-prod.cloudfunctions.net/stripeWebhook');
    expect(flag(stripe, 'events')?.split(',')).toEqual([...DEFAULT_STRIPE_EVENTS]);
    expect(flag(stripe, 'secret')).toBe('STRIPE_WEBHOOK_SECRET');
    const firstDeploy = indexOf((c) => c.argv[2] === 'deploy');
    expect(indexOf((c) => c === stripe)).toBeLessThan(firstDeploy);
    expect(indexOf((c) => c.argv[3] === 'queues' && c.argv[4] === 'update')).toBeLessThan(firstDeploy);
    expect(Math.max(...plan.map((c, i) => (c.argv[1] === 'secrets' ? i : -1)))).toBeLessThan(firstDeploy);
  });

  it.each([
    ['api', '--allow-unauthenticated', '512Mi', '60s', '20', 'STRIPE_SECRET_KEY=STRIPE_SECRET_KEY:latest,CHART_URL_SECRET=CHART_URL_SECRET:latest'],
    ['worker', '--no-allow-unauthenticated', '512Mi', '900s', '12', 'ANTHROPIC_API_KEY=ANTHROPIC_API_KEY:latest'],
    ['stripeWebhook', '--allow-unauthenticated', '256Mi', '60s', '10', 'STRIPE_WEBHOOK_SECRET=STRIPE_WEBHOOK_SECRET:latest'],
    ['admin', '--allow-unauthenticated', '512Mi', '60s', '5', 'ADMIN_SESSION_SECRET=ADMIN_SESSION_SECRET:latest'],
    ['pages', '--allow-unauthenticated', '256Mi', '30s', '10', undefined],
  ])('deploys %s as a 2nd-gen Node 22 HTTP function with its bundle, account, limits, env and secrets', (name, access, memory, timeout, maxInstances, secrets) => {
    const deploys = starts('gcloud', 'functions', 'deploy').filter((c) => c.argv[3] === name);
    expect(deploys).toHaveLength(1);
    const c = deploys[0] as DeployCommand;
    expect(c.argv).toEqual(expect.arrayContaining(['--gen2', '--trigger-http', access]));
    expect(c.argv).not.toContain(access === '--allow-unauthenticated' ? '--no-allow-unauthenticated' : '--allow-unauthenticated');
    expect(flag(c, 'runtime')).toBe('nodejs22');
    expect(flag(c, 'region')).toBe('europe-west1');
    expect(flag(c, 'source')).toBe(`dist/functions/${name}`);
    expect(flag(c, 'entry-point')).toBe(name);
    expect(flag(c, 'service-account')).toBe(SA(name === 'stripeWebhook' ? 'webhook' : name));
    expect(flag(c, 'build-service-account')).toBe(`projects/gradebot-prod/serviceAccounts/${SA('build')}`);
    expect(flag(c, 'memory')).toBe(memory);
    expect(flag(c, 'timeout')).toBe(timeout);
    expect(flag(c, 'max-instances')).toBe(maxInstances);
    expect(flag(c, 'set-secrets')).toBe(secrets);
    // No secret: any mounted before are removed.
    expect(c.argv.includes('--clear-secrets')).toBe(secrets === undefined);
    expect(flag(c, 'project')).toBe('gradebot-prod');
  });

  it('gives every function the production environment, with its URLs and the tasks account, and no secrets', () => {
    const deploys = starts('gcloud', 'functions', 'deploy');
    expect(deploys.map((c) => c.argv[3])).toEqual([...FUNCTION_NAMES]);
    for (const c of deploys) {
      const env = parseGcloudDict(flag(c, 'set-env-vars') ?? '');
      expect(env).toEqual(config.runtimeEnv);
      expect(env).toMatchObject({
        GRADEBOT_ENV: 'production',
        GCP_PROJECT_ID: 'gradebot-prod',
        GCP_REGION: 'europe-west1',
        API_URL: 'https://europe-west1-gradebot-prod.cloudfunctions.net/api',
        WORKER_URL: 'https://europe-west1-gradebot-prod.cloudfunctions.net/worker',
        PAGES_URL: 'https://europe-west1-gradebot-prod.cloudfunctions.net/pages',
        TASKS_SERVICE_ACCOUNT: SA('tasks'),
        ADMIN_EMAILS: 'ops@northwind.example,cto@northwind.example',
        OPERATOR_NAME: 'Northwind Learning, Inc.',
      });
      expect(Object.keys(env).filter((k) => k.startsWith('DEPLOY_') || (CONFIG_SECRETS as readonly string[]).includes(k))).toEqual([]);
    }
  });

  it('keeps a URL the env file sets (a custom domain) and the events it lists', () => {
    const c = loadDeployConfig({
      file: { ...FILE, PAGES_URL: 'https://gradebot.example/legal', DEPLOY_STRIPE_WEBHOOK_EVENTS: 'invoice.paid,customer.subscription.deleted' },
      shell: { GCP_REGION: 'us-east1' },
    });
    expect(c.runtimeEnv.PAGES_URL).toBe('https://gradebot.example/legal');
    expect(c.runtimeEnv.API_URL).toBe('https://us-east1-gradebot-prod.cloudfunctions.net/api');
    expect(c.stripe.events).toEqual(['invoice.paid', 'customer.subscription.deleted']);
  });
});

describe('loadDeployConfig refuses a configuration the functions would run wrongly with', () => {
  const { OPERATOR_NAME: _name, ...withoutOperator } = FILE;
  const { ADDON_OAUTH_CLIENT_ID: _aud, ...withoutAudience } = FILE;
  it.each([
    ['no project', { ...FILE, GCP_PROJECT_ID: '' }, /GCP_PROJECT_ID/],
    ['an emulator host', { ...FILE, FIRESTORE_EMULATOR_HOST: '127.0.0.1:8090' }, /FIRESTORE_EMULATOR_HOST: must not be set/],
    ['a secret as plain env', { ...FILE, PICKER_API_KEY: 'AIza' }, /PICKER_API_KEY: looks like a secret/],
    ['no add-on audience', withoutAudience, /ADDON_OAUTH_CLIENT_ID: required/],
    ['no operator for the policies', withoutOperator, /OPERATOR_NAME: required in production/],
    ['a different tasks account', { ...FILE, TASKS_SERVICE_ACCOUNT: 'x@y.iam.gserviceaccount.com' }, /TASKS_SERVICE_ACCOUNT/],
    ['a bad queue setting', { ...FILE, TASKS_MIN_BACKOFF_SECONDS: '600' }, /TASKS_MIN_BACKOFF_SECONDS/],
    // Each function's own loader runs over the environment it gets, so these fail here, not at start-up.
    ['a chart URL lifetime the api refuses', { ...FILE, CHART_URL_TTL_SECONDS: '5' }, /The api function would not start:[\s\S]*CHART_URL_TTL_SECONDS/],
    ['a session lifetime the dashboard refuses', { ...FILE, ADMIN_SESSION_TTL_MINUTES: '1' }, /The admin function would not start:[\s\S]*ADMIN_SESSION_TTL_MINUTES/],
    ['a word limit the pipeline refuses', { ...FILE, PIPELINE_MAX_WORDS: '0' }, /The api function would not start:[\s\S]*PIPELINE_MAX_WORDS[\s\S]*The worker function would not start:[\s\S]*PIPELINE_MAX_WORDS/],
    ['a model without a price', { ...FILE, LLM_MODEL_FEEDBACK: 'gpt-5' }, /The worker function would not start:[\s\S]*LLM_MODEL_FEEDBACK/],
    ['a Stripe price id of the wrong kind', { ...FILE, STRIPE_PRICE_ID: 'prod_123' }, /STRIPE_PRICE_ID/],
    ['a secret-looking name the functions do not read', { ...FILE, SENTRY_TOKEN: 'x' }, /SENTRY_TOKEN: looks like a secret/],
  ])('%s', (_label, file, message) => {
    expect(() => loadDeployConfig({ file, shell: {} })).toThrow(message);
  });
});
