// `npm run rehearse [-- --env a,b] [--keep] [--wave-timeout SECONDS] [--root DIR]`: brings up a
// throw-away Kubernetes control plane on 127.0.0.1 (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler, kwok and Karpenter's kwok provider, built by `bash scripts/tools.sh control-plane`),
// creates the system node group, applies each environment the way Argo CD would, waits for health
// between waves, reports per wave and checks the platform's invariants on the live cluster; the
// platform's own controllers (`bash scripts/tools.sh controllers`) run as local processes from the
// wave that installs them, and scenarios (canary, scale to zero …) exercise them at the end.
// Exit 1 when any environment fails, 2 on a usage or start-up error.
import { selectByName } from '../lib/config/select-by-name';
import { cliArgs, usage, type CliSpec, type ParsedArgs, envOption, ROOT_OPTION, runMain } from '../lib/cli/args';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environments, type EnvironmentConfig } from '../environments';
import { buildSyncPlan } from '../lib/plan';
import { CONTROL_PLANE_BINARIES } from '../lib/rehearsal/control-plane';
import { missingControllerBinaries, rehearse } from '../lib/rehearsal/rehearsal';
import { formatSummary } from '../lib/rehearsal/rehearsal-report';
import { desiredStateOf } from './desired/desired-state-of';
import { argoCdCrds, CONTROL_PLANE_TOOLS, localControllersFor, scenariosFor, spreadZonesOf, systemNodeGroupFor } from './rehearse/rehearsal-setup';
import { pinnedCrds } from './upstream/pinned-crds';

const ROOT = resolve(__dirname, '..');

interface Args {
  readonly envs: EnvironmentConfig[];
  readonly keep: boolean;
  readonly waveTimeoutMs: number;
  readonly root: string;
}

/** Command line of `npm run rehearse`. */
const REHEARSE_CLI: CliSpec = {
  command: 'npm run rehearse --',
  summary: 'Applies each environment to a throw-away local control plane in Argo CD\'s order with the platform\'s controllers running, checks its invariants live and exercises canaries and scale to zero.',
  options: {
    ...envOption('rehearse only these environments (default: all)'),
    '--keep': { description: 'leave the cluster running (one environment) and print its KUBECONFIG' },
    '--wave-timeout': { value: '<seconds>', description: 'how long a wave may take to become healthy (default: 90)' },
    ...ROOT_OPTION,
  },
};

function parseArgs(parsed: ParsedArgs): Args {
  const names = parsed.values.get('--env');
  const keep = parsed.flags.has('--keep');
  let waveTimeoutMs = 90_000;
  const timeout = parsed.values.get('--wave-timeout');
  if (timeout !== undefined) {
    const s = Number(timeout);
    if (!Number.isFinite(s) || s <= 0) throw new Error(`--wave-timeout ${timeout}: a positive number of seconds\n${usage(REHEARSE_CLI)}`);
    waveTimeoutMs = s * 1000;
  }
  const root = resolve(parsed.values.get('--root') ?? ROOT);
  const envs = selectByName(names, environments);
  if (keep && envs.length !== 1) throw new Error(`--keep needs exactly one --env (it leaves that cluster running)\n${usage(REHEARSE_CLI)}`);
  return { envs, keep, waveTimeoutMs, root };
}

async function main(parsed: ParsedArgs): Promise<number> {
  const args = parseArgs(parsed);
  const missing = CONTROL_PLANE_BINARIES.filter((b) => !existsSync(join(CONTROL_PLANE_TOOLS.binDir, b)));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')} in .tools/bin: build them with bash scripts/tools.sh control-plane`);
  if (!existsSync(join(args.root, 'dist'))) throw new Error(`${join(args.root, 'dist')} does not exist: render first with npm run synth`);
  const preinstalledCrds = argoCdCrds();
  let failed = false;
  for (const env of args.envs) {
    const envStart = Date.now();
    const state = await desiredStateOf(env, args.root);
    const plan = buildSyncPlan(state, pinnedCrds());
    const controllers = localControllersFor(env, plan);
    const missingControllers = missingControllerBinaries(controllers, CONTROL_PLANE_TOOLS.binDir);
    if (missingControllers.length > 0) throw new Error(`missing ${missingControllers.join(', ')} in .tools/bin: build them with bash scripts/tools.sh controllers`);
    const result = await rehearse({
      controllers,
      scenarios: scenariosFor(env, plan),
      plan,
      tools: CONTROL_PLANE_TOOLS,
      systemNodeGroup: systemNodeGroupFor(env),
      kubernetesVersion: env.cluster.kubernetesVersion,
      preinstalledCrds,
      spreadZones: spreadZonesOf(env),
      waveTimeoutMs: args.waveTimeoutMs,
      keep: args.keep,
      log: (line) => console.log(line),
    });
    const report = { ...result.report, failures: [...state.renderErrors.map((e) => `not rehearsed, Argo CD could not render it: ${e}`), ...result.report.failures] };
    console.log(formatSummary(report));
    console.log(`== rehearsal ${env.name}: ${report.failures.length === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - envStart) / 1000)} s (rendering included)\n`);
    if (report.failures.length > 0) failed = true;
    if (args.keep) {
      console.log(`\nThe cluster is still running (PIDs ${result.pids.join(' ')}). Look around with:\n  export KUBECONFIG=${result.kubeconfig}\n  ${join(CONTROL_PLANE_TOOLS.binDir, 'kubectl')} get nodes,nodeclaims,pods -A\nPress Ctrl-C to stop it and remove ${result.dir}.`);
      await new Promise(() => setInterval(() => undefined, 1 << 30)); // until SIGINT/SIGTERM, which stops it
    }
  }
  return failed ? 1 : 0;
}

const cli = require.main === module ? cliArgs(process.argv.slice(2), REHEARSE_CLI, 'rehearse') : undefined;
if (cli) runMain('rehearse', () => main(cli), { failureCode: 2 });
