// `npx tsx scripts/pod-security.ts [-- --env a,b] [--dist DIR]` (also the last step of
// `npm run policies`): every pod template Argo CD would apply — ours and the Helm releases' —
// against the Pod Security level its destination namespace enforces, evaluated by the pinned
// Kyverno CLI's podSecurity rules (the upstream pod-security-admission library). Exit 1 on any
// violation, or when a release cannot be rendered.
import { selectByName } from '../lib/config/select-by-name';
import { checkerCli, cliArgs, parseArgs } from '../lib/cli/args';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { environments } from '../environments';
import { describeRef, refOf } from '../lib/argocd/resource-ref';
import type { DesiredState } from '../lib/desired';
import {
  evaluatePodSecurity,
  formatPodSecurityViolation,
  hasPodTemplate,
  kyvernoPssVersion,
  namespacePodSecurity,
  type PodSecurityTarget,
} from '../lib/security/pod-security';
import { releaseLabel } from '../lib/validation/release-manifests';
import { desiredStateIn } from './desired/desired-state-of';

const ROOT = resolve(__dirname, '..');
export const KYVERNO = join(ROOT, '.tools', 'bin', 'kyverno');

/** Every object of `state` with a pod template, in the namespace its pods are created in. */
function podSecurityTargets(state: DesiredState): PodSecurityTarget[] {
  return state.applications.flatMap((app) =>
    app.objects.flatMap((object, i) => {
      if (!hasPodTemplate(object)) return [];
      const namespace = object.metadata?.namespace ?? app.destinationNamespace;
      const where = app.kind === 'helm' ? `${releaseLabel(state.env, app)}: ` : `${state.env}: Application ${app.name}: `;
      const origin = app.kind === 'helm' ? app.origins[i] : `${app.source}/${app.origins[i]}`;
      return [{ label: `${where}${describeRef({ ...refOf(object), namespace })} (${origin})`, object, namespace }];
    }),
  );
}

/** Checks one environment and prints the outcome; true when nothing is violated. */
export function checkPodSecurity(state: DesiredState, binary = KYVERNO): boolean {
  if (!existsSync(binary)) {
    console.log(`${state.env}: Pod Security: FAILED: ${relative(ROOT, binary)} not found: install it with bash scripts/tools.sh kyverno`);
    return false;
  }
  const targets = podSecurityTargets(state);
  const namespaceObjects = state.applications.flatMap((a) => a.objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace'));
  const namespaces = namespacePodSecurity(namespaceObjects, targets.map((t) => t.namespace));
  const work = mkdtempSync(join(tmpdir(), `pod-security-${state.env}-`));
  try {
    const result = evaluatePodSecurity({ binary, workDir: work, targets, namespaces, cacheDir: join(ROOT, '.cache', 'tool-runs') });
    console.log(
      `${state.env}: Pod Security (Kyverno podSecurity): ${targets.length} pod templates: ${result.evaluated} evaluated at baseline/restricted, ` +
        `${result.privileged} in privileged namespaces; ${result.violations.length} violation${result.violations.length === 1 ? '' : 's'}`,
    );
    // One line per enforced level and version, naming its namespaces (and why, when no label decided).
    const lines = new Map<string, string[]>();
    for (const ns of namespaces.values()) {
      const head = ns.level === 'privileged' ? 'privileged (nothing enforced)' : `${ns.level} at ${kyvernoPssVersion(ns.pinnedVersion).version} (${kyvernoPssVersion(ns.pinnedVersion).note})`;
      lines.set(head, [...(lines.get(head) ?? []), ns.source.startsWith('Namespace label') ? ns.namespace : `${ns.namespace} (${ns.source})`]);
    }
    for (const [head, names] of lines) console.log(`  ${head}: ${names.join(', ')}`);
    for (const v of result.violations) console.log(`  VIOLATION ${formatPodSecurityViolation(v).replace(/\n/g, '\n  ')}`);
    for (const error of state.renderErrors) console.log(`  NOT CHECKED (release not rendered) ${error.split('\n')[0]}`);
    return result.violations.length === 0 && state.renderErrors.length === 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Command line of `npm run pod-security`. */
const POD_SECURITY_CLI = checkerCli('tsx scripts/pod-security.ts', 'Checks every pod template against the Pod Security level its namespace enforces (Kyverno CLI).', 'check only these environments');

/** The environments of `--env` (default all) and the dist folder of `--dist`. */
function podSecurityArgs(argv: readonly string[]): { dist: string; names: string[] } {
  const args = parseArgs(argv, POD_SECURITY_CLI);
  const value = (flag: string) => args.values.get(flag);
  const names = selectByName(value('--env'), environments).map((e) => e.name);
  return { dist: value('--dist') ?? 'dist', names };
}

/** Pod Security for the selected environments; true when all pass. */
async function podSecurityCommand(argv: readonly string[]): Promise<boolean> {
  const { dist, names } = podSecurityArgs(argv);
  let ok = true;
  for (const name of names) {
    const env = environments.find((e) => e.name === name)!;
    const { state, error } = await desiredStateIn(env, resolve(ROOT, dist), dist);
    if (!state) {
      console.log(`${name}: Pod Security: NOT CHECKED: ${error}`);
      ok = false;
      continue;
    }
    ok = checkPodSecurity(state) && ok;
  }
  return ok;
}

if (require.main === module && cliArgs(process.argv.slice(2), POD_SECURITY_CLI, 'pod security')) {
  podSecurityCommand(process.argv.slice(2)).then(
    (ok) => {
      console.log(ok ? 'pod security: OK' : 'pod security: FAILED');
      process.exitCode = ok ? 0 : 1;
    },
    (error: unknown) => {
      console.error(`pod security: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
