// `npm run validate [-- --env a,b] [--dist DIR]`: checks the rendered output the way the cluster
// will. Every object of dist/<env>/ and every object of every Helm release Argo CD renders from
// dist/<env>/argocd goes through kubectl-validate (built-in schemas of the environment's
// Kubernetes version + the pinned CRDs and the CRDs the charts ship, CEL rules included); a
// release that does not render is an error; every Helm values file is compared with its chart's
// pinned default values. Exit 1 on any error.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { environments, type EnvironmentConfig } from '../environments';
import { checkerCli, cliArgs, runMain, type ParsedArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { listFiles } from '../lib/render/atomic-write';
import { RELEASE_INDEX_PATH, type ReleaseIndexEntry } from '../lib/render/release-index';
import { checkChartValues, type ReleaseValues } from '../lib/validation/chart-values';
import { UPSTREAM } from '../lib/upstream/pins';
import { formatManifestError, kubectlValidate } from '../lib/validation/kubectl-validate';
import { chartCrds } from '../lib/validation/release-manifests';
import { formatReleaseError, validateReleases } from '../lib/validation/release-validation';
import { desiredStateIn } from './desired/desired-state-of';
import { pinnedChartDefaults } from './upstream/chart-defaults';
import { stageLocalCrds } from './upstream/local-crds';
import { upstreamDir } from './upstream/upstream-dir';
import { VALUES_ALLOWLIST } from './upstream/values-allowlist';

const ROOT = resolve(__dirname, '..');
export const KUBECTL_VALIDATE = join(ROOT, '.tools', 'bin', 'kubectl-validate');
/** kubectl-validate's output by content hash of its inputs (git-ignored). */
const VALIDATE_CACHE = join(ROOT, '.cache', 'kubectl-validate');
const HELM_VALUES = 'helm-values/';

/** Files of `dist/<env>/` that are Kubernetes objects (everything but the Helm values). */
export function manifestFiles(envDir: string): string[] {
  return listFiles(envDir).filter((f) => !f.startsWith(HELM_VALUES));
}

/** The Helm releases of `dist/<env>/` with their values; errors for files the index does not explain. */
export function releasesOf(envDir: string, label: string): { releases: ReleaseValues[]; errors: string[] } {
  const files = listFiles(envDir).filter((f) => f.startsWith(HELM_VALUES));
  if (files.length === 0) return { releases: [], errors: [] };
  if (!files.includes(RELEASE_INDEX_PATH)) return { releases: [], errors: [`${label}/${RELEASE_INDEX_PATH} is missing: re-render with npx tsx main.ts`] };
  const index = JSON.parse(readFileSync(join(envDir, RELEASE_INDEX_PATH), 'utf8')) as ReleaseIndexEntry[];
  const listed = new Set([RELEASE_INDEX_PATH, ...index.map((r) => r.values)]);
  const errors = files.filter((f) => !listed.has(f)).map((f) => `${label}/${f}: not listed in ${RELEASE_INDEX_PATH}; re-render with npx tsx main.ts`);
  const releases: ReleaseValues[] = [];
  for (const entry of index) {
    const path = join(envDir, entry.values);
    if (!existsSync(path)) errors.push(`${label}/${RELEASE_INDEX_PATH}: lists ${entry.values}, which does not exist`);
    else releases.push({ source: `${label}/${entry.values}`, chart: entry.chart, values: parse(readFileSync(path, 'utf8')) ?? {} });
  }
  return { releases, errors };
}

const CLI = checkerCli('npm run validate --', 'Checks dist/ with kubectl-validate (pinned CRDs) and the Helm values against the pinned chart defaults.', 'validate only these environments');

function optionsOf(args: ParsedArgs): { dist: string; only?: string[] } {
  const value = (flag: string) => args.values.get(flag);
  const only = value('--env')?.split(',').filter(Boolean);
  if (only && only.length === 0) throw new Error('--env needs a comma-separated list of environments');
  return { dist: value('--dist') ?? 'dist', only };
}

async function main(args: ParsedArgs): Promise<number> {
  const { dist, only } = optionsOf(args);
  const distDir = resolve(ROOT, dist);
  // Render order of environments/, then unknown folders (reported below) by name.
  const order = (name: string) => {
    const i = environments.findIndex((e) => e.name === name);
    return i < 0 ? environments.length : i;
  };
  const rendered = existsSync(distDir) ? readdirSync(distDir).filter((d) => statSync(join(distDir, d)).isDirectory()) : [];
  rendered.sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  const names = only ?? rendered;
  if (names.length === 0) throw new Error(`${dist}/ holds no environment: render first with npx tsx main.ts`);
  const targets: { name: string; env: EnvironmentConfig }[] = [];
  const errors: string[] = [];
  for (const name of names) {
    const env = environments.find((e) => e.name === name);
    if (!env) errors.push(`${dist}/${name}: no environment named ${name} in environments/ (stale output? re-render)`);
    else if (!rendered.includes(name)) errors.push(`${dist}/${name} does not exist: render it with npx tsx main.ts -- --env ${name}`);
    else targets.push({ name, env });
  }
  for (const error of errors) console.log(error);
  if (!existsSync(KUBECTL_VALIDATE)) throw new Error(`${KUBECTL_VALIDATE} not found: install it with bash scripts/tools.sh kubectl-validate`);

  const pinnedFiles = Object.values(UPSTREAM).reduce((n, c) => n + c.crds.length, 0);
  console.log(`kubectl-validate: ${pinnedFiles} pinned CRD files from ${upstreamDir()}, plus the CRDs each environment's charts ship`);
  for (const { name, env } of targets) {
    const envDir = join(distDir, name);
    const version = env.cluster.kubernetesVersion;
    const { state, error } = await desiredStateIn(env, distDir, dist);
    const crds = stageLocalCrds(state ? chartCrds(state) : []);
    const work = mkdtempSync(join(tmpdir(), `releases-${name}-`));
    try {
      const files = manifestFiles(envDir);
      const result = kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: envDir, files, crdDirs: [crds.dir], kubernetesVersion: version, cacheDir: VALIDATE_CACHE });
      const verdict = result.errors.length === 0 ? 'ok' : `${result.errors.length} invalid`;
      console.log(`  ${name.padEnd(10)} Kubernetes ${version}  ${String(result.documents).padStart(4)} objects in ${files.length} files: ${verdict}`);
      for (const e of result.errors) console.log(`    ${formatManifestError(e, `${dist}/${name}/`).replace(/\n/g, '\n    ')}`);
      errors.push(...result.errors.map((e) => `${dist}/${name}/${e.file}: ${e.object ? `${e.object}: ` : ''}${e.message}`));

      if (!state) {
        console.log(`  ${''.padEnd(10)} Helm releases: NOT CHECKED: ${error}`);
        errors.push(error!);
        continue;
      }
      const releases = validateReleases(state, { binary: KUBECTL_VALIDATE, kubernetesVersion: version, crdDirs: [crds.dir], workDir: work, cacheDir: VALIDATE_CACHE });
      const invalid = releases.errors.filter((e) => e.object).length;
      const notRendered = releases.errors.length - invalid;
      const replaced = crds.replaced.length > 0 ? ` (${crds.replaced.length} in place of the pinned ones)` : '';
      const releaseVerdict = releases.errors.length === 0 ? 'ok' : [invalid > 0 ? `${invalid} invalid` : '', notRendered > 0 ? `${notRendered} not rendered` : ''].filter(Boolean).join(', ');
      console.log(`  ${''.padEnd(10)} Helm releases: ${String(releases.objects).padStart(4)} objects of ${releases.releases} releases, ${crds.chartCrds} chart CRDs${replaced}: ${releaseVerdict}`);
      for (const e of releases.errors) console.log(`    ${formatReleaseError(e).replace(/\n/g, '\n    ')}`);
      errors.push(...releases.errors.map((e) => `${e.release}: ${e.object ? `${e.object}: ` : ''}${e.message}`));
    } finally {
      crds.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  }

  const releases: ReleaseValues[] = [];
  const indexErrors: string[] = [];
  for (const { name } of targets) {
    const found = releasesOf(join(distDir, name), `${dist}/${name}`);
    releases.push(...found.releases);
    indexErrors.push(...found.errors);
  }
  errors.push(...indexErrors);
  // An allowlist entry can only be called unused when every environment was looked at.
  const all = environments.every((e) => targets.some((t) => t.name === e.name));
  const values = checkChartValues(releases, { defaultsOf: pinnedChartDefaults, allowlist: VALUES_ALLOWLIST, failUnusedAllowlist: all });
  const charts = [...new Set(values.checked.map((r) => r.chart.name))].sort();
  console.log(`chart values: ${values.checked.length} values files checked against pinned chart defaults${charts.length > 0 ? ` (${charts.join(', ')})` : ''}`);
  for (const line of values.unchecked) console.log(`  ${line}`);
  for (const error of [...indexErrors, ...values.errors]) console.log(`  ${error}`);
  if (!all) console.log('  (unused allowlist entries are not checked when only some environments are validated)');
  errors.push(...values.errors);

  console.log(errors.length === 0 ? 'validate: no errors' : `validate: ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  return errors.length === 0 ? 0 : 1;
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  const args = cliArgs(process.argv.slice(2), CLI, 'validate');
  if (args) runMain('validate', () => main(args));
}
