import { execFileSync } from 'node:child_process';
import { addonDeployPlan } from './addon-plan';
import { parseDeployArgs, runMain } from './cli';
import { runPlan } from './runner';

/** "GradeBot <commit>" when in a git checkout, so a deployment names what it runs. */
function describeVersion(): string {
  try {
    return `GradeBot ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`;
  } catch {
    return `GradeBot ${new Date().toISOString()}`;
  }
}

// `npm run deploy:addon [-- --dry-run] [-- --deployment-id=AKfy…]`
runMain(async () => {
  const args = parseDeployArgs(process.argv.slice(2), ['deployment-id', 'description']);
  const plan = addonDeployPlan({
    clasp: process.env.CLASP_BIN || 'clasp',
    bundleDir: 'dist/addon',
    deploymentId: args.options['deployment-id'] || process.env.ADDON_DEPLOYMENT_ID || undefined,
    description: args.options.description ?? describeVersion(),
  });
  await runPlan(plan, { dryRun: args.dryRun, env: process.env, print: (line) => console.log(line) });
});
