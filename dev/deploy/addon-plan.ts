import type { DeployCommand } from './command';

export interface AddonDeployConfig {
  /** The clasp executable (clasp 3; `npm install -g @google/clasp`). */
  clasp: string;
  /** The bundle folder `npm run build` writes and `.clasp.json`'s rootDir names. */
  bundleDir: string;
  /** The versioned deployment the Marketplace listing points at; unset: push to HEAD only. */
  deploymentId?: string;
  /** Description of the new version. */
  description: string;
}

/** `deploy:addon`: build, check the bundle is there, push it, then move the listed deployment to it. */
export function addonDeployPlan(c: AddonDeployConfig): DeployCommand[] {
  return [
    { argv: ['npm', 'run', 'build'] },
    { argv: ['test', '-f', `${c.bundleDir}/appsscript.json`] },
    { argv: ['test', '-f', '.clasp.json'] },
    // --force: the manifest changes with every scope or URL we add; the build is the source of truth.
    { argv: [c.clasp, 'push', '--force'] },
    ...(c.deploymentId ? [{ argv: [c.clasp, 'update-deployment', c.deploymentId, `--description=${c.description}`] }] : []),
  ];
}
