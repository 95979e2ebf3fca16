// `npm run fetch-upstream [-- --force]`: downloads every pinned CRD and chart default values file
// (lib/upstream/pins.ts) into .upstream-cache/. With UPSTREAM_DIR set, nothing is downloaded: the
// mirror is only checked to hold every pinned file (a missing CRD fails, missing chart defaults
// are reported). UPSTREAM_BASE_URL replaces the host of the
// pinned URLs (a mirror of raw.githubusercontent.com).
import { cliArgs, type CliSpec } from '../lib/cli/args';
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
  return 0;
}

exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), CLI, 'fetch-upstream');
if (args) main(args.flags.has('--force')).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`fetch-upstream: ${error instanceof Error ? error.message : String(error)}`);
    console.error(OFFLINE_HINT);
    process.exitCode = 1;
  },
);
