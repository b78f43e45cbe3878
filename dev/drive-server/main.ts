import { loadCoreConfig } from '../../cloud/config/core';
import { startDriveServer } from './server';

/** `npx tsx dev/drive-server/main.ts`: the local Drive on its own, on DRIVE_PORT (8095). */
async function main(): Promise<void> {
  const config = loadCoreConfig(process.env);
  const dataDir = process.env.GRADEBOT_DATA_DIR ?? '.data';
  const drive = await startDriveServer({ host: config.host, port: config.ports.drive, statePath: `${dataDir}/drive-state.json` });
  const token = drive.issueOAuthToken('teacher@westbrook.example');
  console.log(`Local Drive + Docs:  ${drive.url}`);
  console.log(`Token for teacher@westbrook.example:  ${token}`);
  console.log(`Picker:  ${drive.pickerUrl({ oauthToken: token })}`);
  const stop = () => void drive.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
