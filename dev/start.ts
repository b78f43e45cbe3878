import { loadConfig } from '../cloud/config';
import { createLogger } from '../cloud/log';
import { startLocalStack } from './stack';

/** `npm start`: the whole product locally on the embedded defaults. */
async function main(): Promise<void> {
  const started = performance.now();
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new Error(`GradeBot needs Node 22 or newer (this is ${process.version}). Run it through "npm start", which uses the Node 22 that "npm install" put in node_modules.`);

  // Local: no Google metadata server to probe for credentials.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const config = loadConfig({ GRADEBOT_ENV: 'local', LOG_LEVEL: 'WARNING', ...process.env });
  const logger = createLogger({ level: config.logLevel });
  const dataDir = process.env.GRADEBOT_DATA_DIR ?? '.data';
  const stack = await startLocalStack({ config, logger, dataDir, emulatorJar: process.env.FIRESTORE_EMULATOR_JAR,
    seedDemo: process.env.SEED_DEMO_DATA !== 'false',
  });

  const width = Math.max(...stack.urls.map((u) => u.label.length));
  console.log('\nGradeBot is running locally:\n');
  for (const { label, url } of stack.urls) console.log(`  ${label.padEnd(width)}  ${url}`);
  console.log(`\nReady in ${((performance.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop (data is kept in ${dataDir}/).\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving data and stopping…`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`\nGradeBot could not start:\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
