import { cloudDeployPlan } from '../../dev/deploy/cloud-plan';
import { loadDeployConfig } from '../../dev/deploy/config';
import { checkGcloudParsing, classifyGcloud, gcloudAvailable, gcloudInvocations } from '../../dev/deploy/gcloud-parse-check';
import { PRODUCTION_ENV_FILE } from '../support/production-env';

const FILE = PRODUCTION_ENV_FILE;
const plan = cloudDeployPlan(loadDeployConfig({ file: FILE, shell: {} }));
const invocations = gcloudInvocations(plan);

const NO_ACCOUNT = 'ERROR: (gcloud.secrets.describe) You do not currently have an active account selected.\nPlease run:\n\n  $ gcloud auth login\n';
const BAD_KEY =
  'ERROR: (gcloud.firestore.indexes.fields.update) argument --index: valid keys are [array-config, order]; received: query-scope\nUsage: gcloud firestore indexes fields update …';

describe('the gcloud argument check (dev/deploy/gcloud-parse-check.ts)', () => {
  it('reads "no active account" as arguments accepted and a usage error as rejected', () => {
    expect(classifyGcloud(1, NO_ACCOUNT)).toBe('accepted');
    expect(classifyGcloud(2, BAD_KEY)).toBe('rejected');
    expect(classifyGcloud(2, 'ERROR: (gcloud.functions.deploy) unrecognized arguments: --bogus')).toBe('rejected');
    expect(classifyGcloud(1, 'ERROR: (gcloud) something else entirely')).toBe('unclassified');
  });

  it('checks every gcloud command of the plan and every create-if-absent probe, and nothing else', () => {
    const commands = plan.filter((c) => c.argv[0] === 'gcloud').length;
    const probes = plan.filter((c) => c.unless?.[0] === 'gcloud').length;
    expect(invocations).toHaveLength(commands + probes);
    expect(invocations.every((argv) => argv[0] === 'gcloud')).toBe(true);
    expect(plan.some((c) => c.argv[0] === 'npx')).toBe(true);
  });

  // The whole plan (~70 runs of gcloud, 40-90 s) is `npx tsx dev/deploy/check-gcloud.ts`; here each
  // form of the Firestore step, which once stopped a deploy half-way, and the two forms of function
  // deploy (public and private), one run each.
  it('the installed gcloud accepts the Firestore commands and the function deploys, and rejects the old field-index form', async () => {
    // The Google Cloud CLI comes with the Firestore emulator the suite needs anyway.
    expect(await gcloudAvailable()).toBe(true);
    // One per command and set of flags (and query scope): the same form with other names parses alike.
    const form = (argv: readonly string[]) =>
      [argv.slice(1, 5).join(' '), ...argv.filter((a) => a.startsWith('--')).map((a) => (a.startsWith('--query-scope=') ? a : a.split('=')[0])).sort()].join(' ');
    const forms = new Map<string, readonly string[]>();
    for (const argv of invocations.filter((a) => a[1] === 'firestore')) if (!forms.has(form(argv))) forms.set(form(argv), argv);
    const firestore = [...forms.values()];
    const deploys = invocations.filter((argv) => argv[1] === 'functions' && (argv[3] === 'api' || argv[3] === 'worker'));
    const old = ['gcloud', 'firestore', 'indexes', 'fields', 'update', 'purgeTextAt', '--collection-group=texts', '--index=order=ascending,query-scope=collection-group', '--database=(default)', '--project=gradebot-prod'];
    expect(firestore.map((argv) => argv.slice(1, 5).join(' ')).sort()).toEqual([
      'firestore databases create --database=(default)',
      'firestore databases describe --database=(default)',
      'firestore fields ttls update',
      // two and three fields in one collection, three in a collection group
      'firestore indexes composite create',
      'firestore indexes composite create',
      'firestore indexes composite create',
      'firestore indexes fields update',
    ]);
    expect(deploys).toHaveLength(2);

    const results = await checkGcloudParsing([...firestore, ...deploys, old]);
    const byStatus = (status: string) => results.filter((r) => r.status === status).map((r) => `${r.argv.slice(1, 6).join(' ')}: ${r.detail}`);
    expect(byStatus('rejected')).toEqual([expect.stringContaining('valid keys are [array-config, order]; received: query-scope')]);
    expect(byStatus('unclassified')).toEqual([]);
    expect(results.at(-1)?.argv).toBe(old);
  }, 120_000);
});
