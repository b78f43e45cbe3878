import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DEFAULT_JAR = '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';

export const EMULATOR_INSTALL_HELP = `The Firestore emulator needs Java 17+ and Google's cloud-firestore-emulator component.
Install them:
  Debian/Ubuntu:  apt-get install -y openjdk-17-jre-headless
                  then install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install) and run
                  gcloud components install cloud-firestore-emulator
                  (or: apt-get install -y google-cloud-cli-firestore-emulator)
  macOS:          brew install openjdk@17 && brew install --cask google-cloud-sdk && gcloud components install cloud-firestore-emulator
Or point FIRESTORE_EMULATOR_JAR at cloud-firestore-emulator.jar.`;

export interface EmulatorOptions {
  host?: string;
  port: number;
  /** A folder holding an earlier export to load at start. */
  importDir?: string;
  jarPath?: string;
  /**
   * Run the JVM in its own process group, so a Ctrl-C in the terminal reaches only us and we can
   * export the data before stopping it.
   */
  detached?: boolean;
  /** Called with each line the emulator prints (it is chatty; default: dropped). */
  onOutput?: (line: string) => void;
}

export interface FirestoreEmulator {
  host: string;
  port: number;
  /** "host:port", the form FIRESTORE_EMULATOR_HOST takes. */
  address: string;
  /** Write every project's data to `dir` (replacing what was there). */
  exportTo(projectId: string, dir: string): Promise<void>;
  /** Delete every document of one project. */
  reset(projectId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Throws a clear message with install steps when Java or the emulator jar is missing. */
export function checkEmulatorInstalled(jarPath = DEFAULT_JAR): void {
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (java.error || java.status !== 0) throw new Error(`Java was not found on PATH.\n${EMULATOR_INSTALL_HELP}`);
  if (!existsSync(jarPath)) throw new Error(`The Firestore emulator was not found at ${jarPath}.\n${EMULATOR_INSTALL_HELP}`);
}

/** The metadata file an export leaves (in the folder or the one export folder inside it). */
function findExportMetadata(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.overall_export_metadata')) return join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = findExportMetadata(join(dir, entry.name));
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Starts Google's Firestore emulator (Java, run directly so that stopping it leaves no JVM behind)
 * and resolves once `GET /` answers "Ok".
 */
export async function startFirestoreEmulator(opts: EmulatorOptions): Promise<FirestoreEmulator> {
  const jarPath = opts.jarPath ?? DEFAULT_JAR;
  checkEmulatorInstalled(jarPath);
  const host = opts.host ?? '127.0.0.1';
  const args = ['-Duser.language=en', '-cp', jarPath, 'com.google.cloud.datastore.emulator.firestore.CloudFirestore'];
  args.push('--host', host, '--port', String(opts.port));
  const metadata = opts.importDir ? findExportMetadata(resolve(opts.importDir)) : undefined;
  if (metadata) args.push('--import-data', metadata);

  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });
  const lines: string[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 50) lines.shift();
      opts.onOutput?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const base = `http://${host}:${opts.port}`;
  await waitUntilReady(base, child, lines);

  return {
    host,
    port: opts.port,
    address: `${host}:${opts.port}`,
    async exportTo(projectId, dir) {
      // Export beside the old copy and swap, so a failed export never loses the last good one.
      const final = resolve(dir);
      const target = `${final}.next`;
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      const res = await fetch(`${base}/emulator/v1/projects/${projectId}:export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ database: `projects/${projectId}/databases/(default)`, export_directory: target }),
      });
      if (!res.ok) throw new Error(`Firestore emulator export failed: ${res.status} ${await res.text()}`);
      rmSync(final, { recursive: true, force: true });
      renameSync(target, final);
    },
    async reset(projectId) {
      const res = await fetch(`${base}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`Firestore emulator reset failed: ${res.status}`);
    },
    stop: () => stopChild(child).finally(() => process.removeListener('exit', killOnExit)),
  };
}

async function waitUntilReady(base: string, child: ChildProcess, lines: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`The Firestore emulator exited (code ${exited}):\n${lines.join('\n')}`);
    try {
      const res = await fetch(`${base}/`);
      if (res.ok && (await res.text()).trim() === 'Ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`The Firestore emulator did not answer on ${base} within ${timeoutMs / 1000}s:\n${lines.join('\n')}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
