import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UPSTREAM } from '../../lib/upstream/pins';
import { upstreamPath } from './upstream-dir';

/**
 * Copies every pinned CRD file, unchanged, into one flat temporary folder for
 * `kubectl-validate --local-crds` (which does not descend into subfolders). Files are taken
 * as upstream publishes them: kubectl-validate reads YAML like the API server does, so the Litmus
 * file needs none of the repairs `cdk8s import` does. Call `dispose()` when done.
 */
export function stageLocalCrds(): { readonly dir: string; readonly files: number; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pinned-crds-'));
  let files = 0;
  try {
    for (const [name, component] of Object.entries(UPSTREAM)) {
      for (const crd of component.crds) {
        copyFileSync(upstreamPath(crd), join(dir, `${name}--${basename(crd.file)}`));
        files++;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, files, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
