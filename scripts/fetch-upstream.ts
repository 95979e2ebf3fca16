// `npm run fetch-upstream [-- --force]`: downloads every pinned CRD and chart default values file
// (lib/upstream/pins.ts) into .upstream-cache/. With UPSTREAM_DIR set, nothing is downloaded: the
// mirror is only checked to hold every pinned file (a missing CRD fails, missing chart defaults
// are reported). UPSTREAM_BASE_URL replaces the host of the
// pinned URLs (a mirror of raw.githubusercontent.com).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HELM } from './desired/desired-state-of';
import { chartArchiveFile, pinnedCharts, pullCharts } from './upstream/chart-archives';
import { cliArgs, type CliSpec, runMain } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { fetchPinnedFiles, missingPinnedFiles } from './upstream/fetch-pinned';
import { allPinnedFiles, OFFLINE_HINT, resolveUpstreamDirEnv, UPSTREAM_CACHE } from './upstream/upstream-dir';

const CLI: CliSpec = {
  command: 'npm run fetch-upstream --',
  summary: 'Downloads the pinned CRDs and chart default values into .upstream-cache/ (with UPSTREAM_DIR set: checks that mirror).',
  options: { '--force': { description: 'download files that are already present too' } },
};

async function main(force: boolean): Promise<number> {
  const files = allPinnedFiles();
  const mirror = resolveUpstreamDirEnv();
  if (mirror) {
    // Charts: Argo CD must be able to fetch every pinned chart; the mirror must hold each one.
    const charts = pinnedCharts().map(chartArchiveFile);
    const missingCharts = charts.filter((f) => !existsSync(join(mirror, f)));
    if (missingCharts.length > 0) {
      console.error(`UPSTREAM_DIR=${mirror} lacks ${missingCharts.length} of ${charts.length} pinned charts (the plan reports each as a render failure):\n  ${missingCharts.join('\n  ')}`);
    } else {
      console.log(`UPSTREAM_DIR=${mirror} holds all ${charts.length} pinned charts`);
    }
    const missing = missingPinnedFiles(mirror, files);
    if (missing.length === 0) {
      console.log(`UPSTREAM_DIR=${mirror} holds all ${files.length} pinned files; nothing to download`);
      return 0;
    }
    // Without a CRD, objects of its kinds cannot be validated; without chart defaults, the
    // chart's values are only reported as not checked.
    const crds = missing.filter((f) => f.startsWith('crds/'));
    const log = crds.length > 0 ? console.error : console.log;
    log(`UPSTREAM_DIR=${mirror} lacks ${missing.length} of ${files.length} pinned files:\n  ${missing.join('\n  ')}`);
    if (crds.length > 0) {
      console.error('unset UPSTREAM_DIR to download them into .upstream-cache/, or update the mirror');
      return 1;
    }
    console.log('the Helm values of these charts will be reported as not checked');
    return 0;
  }
  const result = await fetchPinnedFiles({ files, dest: UPSTREAM_CACHE, baseUrl: process.env.UPSTREAM_BASE_URL, force });
  console.log(`${UPSTREAM_CACHE}: ${result.downloaded.length} downloaded, ${result.present.length} already present, ${files.length} pinned`);
  // Charts come from their Helm repositories (OCI included), as Argo CD fetches them.
  if (!existsSync(HELM)) throw new Error(`${HELM} not found: build it with bash scripts/tools.sh helm, then run npm run fetch-upstream again`);
  const pulled = pullCharts(HELM, pinnedCharts());
  console.log(`${UPSTREAM_CACHE}/charts: ${pulled.length} pulled, ${pinnedCharts().length} pinned`);
  return 0;
}

exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), CLI, 'fetch-upstream');
if (args) runMain('fetch-upstream', () => main(args.flags.has('--force')), { hint: OFFLINE_HINT });
