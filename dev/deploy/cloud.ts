import { cloudDeployPlan } from './cloud-plan';
import { parseDeployArgs, readEnvFile, runMain } from './cli';
import { loadDeployConfig } from './config';
import { runPlan } from './runner';

// `npm run deploy:cloud [-- --dry-run] [-- --vars-file=.env.production]`
runMain(async () => {
  const args = parseDeployArgs(process.argv.slice(2), ['vars-file']);
  const file = readEnvFile(args.options['vars-file'] ?? '.env.production');
  const config = loadDeployConfig({ file, shell: process.env });
  // Secrets may come from the file or the shell; gcloud must never stop to ask a question.
  const env = { ...file, ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' };
  await runPlan(cloudDeployPlan(config), { dryRun: args.dryRun, env, print: (line) => console.log(line) });
});
