import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartRef } from '../../lib/desired';
import { UPSTREAM, type HelmChartPin } from '../../lib/upstream/pins';
import { UPSTREAM_CACHE } from './upstream-dir';

/**
 * The file a chart is kept in, offline and online alike: `charts/<name>-<version>.tgz`, the name
 * `helm pull` gives the package and the name the mirror (`$UPSTREAM_DIR/charts/`) uses.
 */
export function chartArchiveFile(chart: { readonly name: string; readonly version: string }): string {
  return `charts/${chart.name}-${chart.version}.tgz`;
}

/** Every pinned chart of lib/upstream/pins.ts. */
export function pinnedCharts(): HelmChartPin[] {
  return Object.values(UPSTREAM).map((c) => c.chart);
}

/**
 * `helm pull` arguments that download `chart` into `dest` as `<name>-<version>.tgz`: OCI charts by
 * reference (`oci://registry/path/<name>`), Helm repositories with `--repo` (no `helm repo add`).
 */
export function helmPullArgs(chart: HelmChartPin | ChartRef, dest: string): string[] {
  const repository = chart.repository;
  // Argo CD writes an OCI repository without its scheme (public.ecr.aws/karpenter).
  const oci = repository.startsWith('oci://') || !/^https?:\/\//.test(repository);
  const base = oci ? `oci://${repository.replace(/^oci:\/\//, '').replace(/\/+$/, '')}` : repository;
  return oci
    ? ['pull', `${base}/${chart.name}`, '--version', chart.version, '--destination', dest]
    : ['pull', chart.name, '--repo', repository, '--version', chart.version, '--destination', dest];
}

/**
 * Where a chart archive is read from: the mirror when `UPSTREAM_DIR` is set (offline: nothing is
 * downloaded), else `.upstream-cache/` filled by `npm run fetch-upstream`. The error tells how to
 * get a missing one.
 */
export function chartArchivePath(chart: ChartRef, dir: string, offline: boolean): string {
  const path = join(dir, chartArchiveFile(chart));
  if (existsSync(path)) return path;
  throw new Error(
    offline
      ? `${chartArchiveFile(chart)} is not in the mirror ${dir} (UPSTREAM_DIR): add the packaged chart there, or unset UPSTREAM_DIR and run npm run fetch-upstream`
      : `${chartArchiveFile(chart)} not found in ${dir}: run npm run fetch-upstream (it pulls every pinned chart with helm), or set UPSTREAM_DIR to a mirror such as ../shared/upstream`,
  );
}

/** Pulls each chart missing from `UPSTREAM_CACHE/charts/` with `helm pull`; returns the files pulled. */
export function pullCharts(helm: string, charts: readonly HelmChartPin[], dest = UPSTREAM_CACHE): string[] {
  const pulled: string[] = [];
  const failures: string[] = [];
  for (const chart of charts) {
    const target = join(dest, chartArchiveFile(chart));
    if (existsSync(target)) continue;
    const tmp = mkdtempSync(join(dest, '.pull-'));
    try {
      execFileSync(helm, helmPullArgs(chart, tmp), { stdio: ['ignore', 'pipe', 'pipe'] });
      const file = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (!file) throw new Error('helm pull wrote no .tgz');
      mkdirSync(join(dest, 'charts'), { recursive: true });
      renameSync(join(tmp, file), target);
      pulled.push(chartArchiveFile(chart));
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      failures.push(`${chart.name}@${chart.version} from ${chart.repository}: ${stderr || (error instanceof Error ? error.message : String(error))}`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (failures.length > 0) {
    throw new Error(`could not pull ${failures.length} pinned chart(s):\n  ${failures.join('\n  ')}\noffline, set UPSTREAM_DIR to a mirror holding charts/<name>-<version>.tgz (e.g. ../shared/upstream)`);
  }
  return pulled;
}
