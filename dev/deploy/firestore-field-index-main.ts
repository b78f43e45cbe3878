import { execFileSync } from 'node:child_process';
import { parseDeployArgs, runMain } from './cli';
import { ensureCollectionGroupFieldIndex } from './firestore-field-index';

// Step of deploy:cloud:
// `npx tsx dev/deploy/firestore-field-index-main.ts --project=P --database=D --collection-group=C --field=F`.
// Authenticates as the operator's gcloud account; see firestore-field-index.ts for why not gcloud.
runMain(async () => {
  const { options } = parseDeployArgs(process.argv.slice(2), ['project', 'database', 'collection-group', 'field']);
  const { project, database, field } = options;
  const collectionGroup = options['collection-group'];
  if (!project || !database || !collectionGroup || !field) throw new Error('--project, --database, --collection-group and --field are required.');
  await ensureCollectionGroupFieldIndex(
    { project, database, collectionGroup, field },
    {
      fetch: (url, init) => fetch(url, init),
      accessToken: () => execFileSync('gcloud', ['auth', 'print-access-token'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim(),
      log: (line) => console.log(line),
    },
  );
});
