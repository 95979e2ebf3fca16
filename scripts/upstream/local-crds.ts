import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../../lib/argocd';
import { UPSTREAM } from '../../lib/upstream/pins';
import { writeCrdFiles } from '../../lib/validation/release-manifests';
import { sanitizeQuotedContinuations } from './sanitize-crd';
import { upstreamPath } from './upstream-dir';

export interface StagedCrds {
  readonly dir: string;
  /** Pinned CRD files staged (whole or in part). */
  readonly files: number;
  /** CRDs the charts ship, staged one per file. */
  readonly chartCrds: number;
  /** Names of pinned CRDs left out because a chart ships its own. */
  readonly replaced: readonly string[];
  dispose(): void;
}

/**
 * Copies every pinned CRD file, unchanged, into one flat temporary folder for
 * `kubectl-validate --local-crds` (which does not descend into subfolders). Files are taken
 * as upstream publishes them: kubectl-validate reads YAML like the API server does, so the Litmus
 * file needs none of the repairs `cdk8s import` does. `chartCrds` (the CRDs the rendered Helm
 * releases ship) are added one per file; a pinned CRD of the same name is left out, because the
 * chart's own is the one Argo CD applies. Call `dispose()` when done.
 */
export function stageLocalCrds(chartCrds: readonly ManifestObject[] = []): StagedCrds {
  const dir = mkdtempSync(join(tmpdir(), 'pinned-crds-'));
  const shipped = new Set(chartCrds.map((c) => c.metadata?.name));
  const replaced: string[] = [];
  let files = 0;
  try {
    for (const [name, component] of Object.entries(UPSTREAM)) {
      for (const crd of component.crds) {
        const target = join(dir, `${name}--${basename(crd.file)}`);
        files++;
        if (shipped.size === 0) {
          copyFileSync(upstreamPath(crd), target);
          continue;
        }
        // Parsed only to learn the names; the file is still copied as published unless a chart replaces part of it.
        const docs = documentsOf(upstreamPath(crd));
        const kept = docs.filter((d) => !shipped.has(d.metadata?.name));
        replaced.push(...docs.filter((d) => shipped.has(d.metadata?.name)).map((d) => d.metadata!.name!));
        if (kept.length === docs.length) copyFileSync(upstreamPath(crd), target);
        // JSON documents are YAML too, and written far faster than YAML for CRDs of this size.
        else if (kept.length > 0) writeFileSync(target, kept.map((d) => `---\n${JSON.stringify(d)}\n`).join(''));
        else files--;
      }
    }
    writeCrdFiles(chartCrds, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, files, chartCrds: chartCrds.length, replaced: replaced.sort(), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const parsed = new Map<string, ManifestObject[]>();

/** The documents of a pinned CRD file, parsed once per process (every environment stages them). */
function documentsOf(path: string): ManifestObject[] {
  let docs = parsed.get(path);
  if (!docs) {
    docs = parseAllDocuments(sanitizeQuotedContinuations(readFileSync(path, 'utf8')))
      .map((d) => d.toJS() as ManifestObject | null)
      .filter((d): d is ManifestObject => d !== null && d !== undefined);
    parsed.set(path, docs);
  }
  return docs;
}
