// `npm run policies [-- --env a,b] [--dist DIR]`: runs the Kyverno policies with the real engine
// (the pinned Kyverno CLI in .tools/bin, `bash scripts/tools.sh kyverno`):
//   1. `kyverno test test/policies`: every policy against committed passing and failing workloads;
//   2. conformance: every rendered workload of each environment, and every workload of the Helm
//      releases Argo CD renders for it, against that environment's rendered policies and
//      exceptions (which select the application namespaces), after checking that a deliberately
//      bad workload is reported by every policy (so the run can fail at all);
//   3. Pod Security: every pod template against the level its namespace enforces
//      (scripts/pod-security.ts).
// Render first (npx tsx main.ts). Exit 1 on any failed test, violation, blind policy or release
// that does not render.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { environments } from '../environments';
import { describeRef, refOf } from '../lib/argocd/resource-ref';
import type { DesiredState } from '../lib/desired';
import { workloadKindOf } from '../lib/governance/workload-kinds';
import { helmApplications, releaseLabel } from '../lib/validation/release-manifests';
import { desiredStateIn } from './desired/desired-state-of';
import { checkPodSecurity } from './pod-security';
import {
  canaryMisses,
  canaryWorkload,
  cliValues,
  planConformance,
  reportViolations,
  type ConformancePlan,
  type RenderedObject,
  type ReportResult,
} from '../lib/governance/conformance';
import { checkerCli, cliArgs, runMain, type ParsedArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { listFiles } from '../lib/render/atomic-write';
import { cachedToolRun } from '../lib/tool-cache';

const ROOT = resolve(__dirname, '..');
const KYVERNO = join(ROOT, '.tools', 'bin', 'kyverno');
const SUITES = join(ROOT, 'test', 'policies');
/** Kyverno's verdicts by the content hash of the CLI and of every file it reads (lib/tool-cache). */
const TOOL_RUNS = join(ROOT, '.cache', 'tool-runs');

/** A Kyverno CLI run that reads `inputs` (files or folders; `work` is its scratch folder). */
function kyverno(args: readonly string[], inputs: readonly string[], work?: string): { status: number; stdout: string; stderr: string } {
  const run = cachedToolRun({ binary: KYVERNO, args, cwd: ROOT, inputs, workDir: work, cacheDir: TOOL_RUNS, maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** Step 1: the committed suites. */
function runSuites(): boolean {
  // The suites read their own folder and the policies rendered for prod.
  const run = kyverno(['test', relative(ROOT, SUITES), '--remove-color', '--fail-only'], [SUITES, join(ROOT, 'dist', 'prod', 'governance')]);
  const summary = /Test Summary: .*/.exec(run.stdout)?.[0] ?? 'no summary';
  if (run.status !== 0) {
    console.log(run.stdout + run.stderr);
    console.log(`kyverno test ${relative(ROOT, SUITES)}: FAILED (${summary})`);
    return false;
  }
  console.log(`kyverno test ${relative(ROOT, SUITES)}: ${summary}`);
  return true;
}

/** A rendered object and the file `kyverno apply` reads it from. */
type Located = RenderedObject & { readonly path: string };

function readRendered(envDir: string, label: string): Located[] {
  return listFiles(envDir)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('helm-values/'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(envDir, f), 'utf8'))
        .map((d) => d.toJS())
        .filter((o) => o && typeof o === 'object')
        .map((object) => ({ file: `${label}/${f}`, object, path: join(envDir, f) })),
    );
}

/**
 * The workloads of the rendered Helm releases, each written to its own file under `dir` in the
 * namespace Argo CD puts it (its own, or the Application's destination), named by environment,
 * Application, release, chart@version, object and template.
 */
function releaseWorkloads(state: DesiredState, dir: string): Located[] {
  mkdirSync(dir, { recursive: true });
  return helmApplications(state).flatMap((app) =>
    app.objects.flatMap((object, i) => {
      if (!workloadKindOf(object)) return [];
      const placed = { ...object, metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? app.destinationNamespace } };
      const path = join(dir, `${app.name}-${i}.yaml`);
      writeFileSync(path, stringify(placed));
      return [{ file: `${releaseLabel(state.env, app)}: ${describeRef(refOf(placed))} (${app.origins[i]})`, object: placed as RenderedObject['object'], path }];
    }),
  );
}

/** `kyverno apply` of the plan's policies and exceptions to `resources`; the report's results. */
function apply(plan: ConformancePlan, pathOf: (o: RenderedObject) => string, resources: readonly string[], work: string): ReportResult[] {
  const values = join(work, 'values.yaml');
  writeFileSync(values, stringify(cliValues(plan)));
  const args = [
    'apply',
    ...plan.policies.map(pathOf),
    ...resources.flatMap((r) => ['--resource', r]),
    ...plan.exceptions.flatMap((e) => ['--exception', pathOf(e)]),
    '--values-file',
    values,
    '--policy-report',
    '--output-format',
    'json',
    '--remove-color',
  ];
  const run = kyverno(args, [...plan.policies.map(pathOf), ...resources, ...plan.exceptions.map(pathOf), values], work);
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`kyverno apply printed no report (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const report = JSON.parse(run.stdout.slice(start)) as { results?: ReportResult[] };
  return report.results ?? [];
}

/** Step 2, one environment: its rendered workloads and, when rendered, its releases' workloads. */
function checkEnvironment(name: string, envDir: string, label: string, state: DesiredState | undefined): boolean {
  const work = mkdtempSync(join(tmpdir(), `policies-${name}-`));
  try {
    const ours = readRendered(envDir, label);
    const releases = state ? releaseWorkloads(state, join(work, 'releases')) : [];
    const located = [...ours, ...releases];
    const paths = new Map<RenderedObject, string>(located.map((o) => [o, o.path]));
    const pathOf = (o: RenderedObject) => paths.get(o)!;
    const plan = planConformance(located);
    if (plan.policies.length === 0) {
      console.log(`${name}: no policies rendered (kyverno disabled): ${plan.workloads.length} workloads unchecked`);
      return true;
    }
    const canary = join(work, 'canary.yaml');
    writeFileSync(canary, stringify(canaryWorkload(plan.governedNamespaces[0])));
    const misses = canaryMisses(plan, apply(plan, pathOf, [canary], work));

    const resources = plan.workloads.map(pathOf);
    const violations = reportViolations(plan, resources.length > 0 ? apply(plan, pathOf, resources, work) : []);

    const fromRelease = new Set<RenderedObject>(releases);
    const actions = [...new Set(plan.policies.map((p) => ((p.object.spec as { validationActions?: string[] }).validationActions ?? []).join('+')))].join(', ');
    const governedReleases = plan.governed.filter((w) => fromRelease.has(w)).length;
    console.log(
      `${name}: ${plan.policies.length} policies (${actions}), ${plan.exceptions.length} exceptions; ` +
        `${plan.workloads.length} workloads: ${plan.governed.length} in ${plan.governedNamespaces.join(', ')}, ` +
        `${plan.outside.length} outside; canary reported by ${plan.policies.length - misses.length}/${plan.policies.length} policies; ` +
        `${violations.length} violations`,
    );
    for (const w of plan.outside.filter((o) => !fromRelease.has(o))) console.log(`  not governed: ${w.file}`);
    const outsideReleases = new Map<string, number>();
    for (const w of plan.outside.filter((o) => fromRelease.has(o))) outsideReleases.set(w.object.metadata!.namespace!, (outsideReleases.get(w.object.metadata!.namespace!) ?? 0) + 1);
    console.log(
      `  Helm releases: ${releases.length} workloads, ${governedReleases} in governed namespaces (checked above); not governed: ` +
        `${[...outsideReleases].sort().map(([ns, n]) => `${ns} ${n}`).join(', ') || 'none'}`,
    );
    if (!state) console.log('  Helm releases: NOT CHECKED: they could not be rendered');
    for (const error of state?.renderErrors ?? []) console.log(`  NOT CHECKED (release not rendered) ${error.split('\n')[0]}`);
    for (const m of misses) console.log(`  BLIND: ${m} did not report the deliberately bad workload; the check cannot fail`);
    for (const v of violations) console.log(`  VIOLATION ${v.file}: ${v.policy}: ${v.message}`);
    return misses.length === 0 && violations.length === 0 && state !== undefined && state.renderErrors.length === 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const CLI = checkerCli('npm run policies --', 'Runs the Kyverno policy suites, then every rendered workload against its environment\'s policies.', 'check only these environments');

async function main(args: ParsedArgs): Promise<number> {
  if (!existsSync(KYVERNO)) {
    console.error(`${relative(ROOT, KYVERNO)} not found: install it with bash scripts/tools.sh kyverno`);
    return 1;
  }
  const value = (flag: string) => args.values.get(flag);
  const dist = resolve(ROOT, value('--dist') ?? 'dist');
  const only = value('--env')?.split(',').filter(Boolean);
  const selected = only ? environments.filter((e) => only.includes(e.name)) : environments;
  const unknown = only?.filter((n) => !environments.some((e) => e.name === n)) ?? [];
  if (unknown.length > 0 || selected.length === 0) {
    console.error(`--env ${unknown.join(',') || '(empty)'}: unknown environment; expected one of ${environments.map((e) => e.name).join(', ')}`);
    return 1;
  }

  // The suites test the policies as rendered for prod (dist/prod/governance).
  const required = [join(ROOT, 'dist', 'prod', 'governance'), ...selected.map((e) => join(dist, e.name))];
  const missing = [...new Set(required)].filter((d) => !existsSync(d));
  if (missing.length > 0) {
    console.error(`not rendered: ${missing.map((d) => relative(ROOT, d)).join(', ')}; run npx tsx main.ts first`);
    return 1;
  }
  let ok = runSuites();
  const states = new Map<string, DesiredState>();
  for (const env of selected) {
    const envDir = join(dist, env.name);
    const { state, error } = await desiredStateIn(env, dist, relative(ROOT, dist));
    if (state) states.set(env.name, state);
    else console.log(`${env.name}: Helm releases: NOT RENDERED: ${error}`);
    ok = checkEnvironment(env.name, envDir, relative(ROOT, envDir), state) && ok;
  }
  console.log('Pod Security Admission: every pod template against the level its namespace enforces');
  for (const env of selected) {
    const state = states.get(env.name);
    ok = (state ? checkPodSecurity(state) : false) && ok;
  }
  console.log(ok ? 'policies: OK' : 'policies: FAILED');
  return ok ? 0 : 1;
}

exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), CLI, 'policies');
if (args) runMain('policies', () => main(args));
