import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { EnvironmentConfig } from '../../environments';
import { desiredState, HelmTemplate, type DesiredState } from '../../lib/desired';
import { chartArchiveFile, chartArchivePath, pullCharts } from '../upstream/chart-archives';
import { crdApiVersions, pinnedCrds } from '../upstream/pinned-crds';
import { upstreamDir } from '../upstream/upstream-dir';

const ROOT = resolve(__dirname, '../..');
export const HELM = join(ROOT, '.tools', 'bin', 'helm');
/** Rendered chart output by content hash (git-ignored); helm template is deterministic. */
const HELM_CACHE = join(ROOT, '.cache', 'helm-template');

let shared: HelmTemplate | undefined;
let apiVersions: string[] | undefined;

export interface DesiredStateOfOptions {
  /**
   * Online, `helm pull` a chart missing from `.upstream-cache/charts/` instead of failing: the
   * published side of a diff may name a chart version the source no longer pins.
   * @default false
   */
  readonly pullMissingCharts?: boolean;
}

/**
 * Everything Argo CD would apply for `env` from the `dist/` under `root` (default: this checkout),
 * Helm releases rendered with the pinned charts (`$UPSTREAM_DIR/charts/` offline,
 * `.upstream-cache/charts/` online) and the real `helm`.
 */
export function desiredStateOf(env: EnvironmentConfig, root = ROOT, options: DesiredStateOfOptions = {}): Promise<DesiredState> {
  shared ??= new HelmTemplate({ binary: HELM, cacheDir: HELM_CACHE });
  apiVersions ??= crdApiVersions(pinnedCrds());
  const dir = upstreamDir();
  const offline = Boolean(process.env.UPSTREAM_DIR);
  return desiredState({
    root,
    env: env.name,
    kubernetesVersion: env.cluster.kubernetesVersion,
    apiVersions,
    helm: shared,
    chartArchive: (chart) => {
      if (options.pullMissingCharts && !offline && !existsSync(join(dir, chartArchiveFile(chart)))) pullCharts(HELM, [chart], dir);
      return chartArchivePath(chart, dir, offline);
    },
  });
}

/**
 * Everything Argo CD applies for `env` from the dist folder `distDir` (`label` names it in
 * messages), or why it cannot be had. Applications name their folders `dist/<env>/…`, so
 * `distDir` must be a folder called dist.
 */
export async function desiredStateIn(env: EnvironmentConfig, distDir: string, label: string): Promise<{ state?: DesiredState; error?: string }> {
  if (!existsSync(join(distDir, env.name, 'argocd'))) {
    return { error: `${label}/${env.name}/argocd does not exist: the Helm releases Argo CD applies cannot be rendered; re-render with npx tsx main.ts` };
  }
  if (basename(distDir) !== 'dist') return { error: `${label}: releases can only be rendered from a folder named dist (Applications read dist/<env>/…)` };
  try {
    return { state: await desiredStateOf(env, dirname(distDir)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
