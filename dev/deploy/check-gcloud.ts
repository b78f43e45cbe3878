import { cloudDeployPlan } from './cloud-plan';
import { parseDeployArgs, readEnvFile, runMain } from './cli';
import { formatCommand } from './command';
import { loadDeployConfig } from './config';
import { checkGcloudParsing, gcloudInvocations } from './gcloud-parse-check';

// `npx tsx dev/deploy/check-gcloud.ts [--vars-file=.env.production]`: offline, with no account,
// checks that the installed gcloud accepts every gcloud command (and probe) `deploy:cloud` would
// run with that env file. Exit code 1 if any is rejected or gives an answer this check cannot read.
runMain(async () => {
  const args = parseDeployArgs(process.argv.slice(2), ['vars-file']);
  const config = loadDeployConfig({ file: readEnvFile(args.options['vars-file'] ?? '.env.production'), shell: process.env });
  const invocations = gcloudInvocations(cloudDeployPlan(config));
  const started = performance.now();
  const results = await checkGcloudParsing(invocations);
  const bad = results.filter((r) => r.status !== 'accepted');
  for (const r of bad) console.log(`${r.status}: ${formatCommand({ argv: r.argv })}\n  ${r.detail}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${results.length - bad.length} of ${results.length} gcloud invocations accepted by the installed gcloud (${seconds} s).`);
  if (bad.length > 0) process.exit(1);
});
