import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentConfig } from '../../environments';
import type { SyncPlan } from '../../lib/plan/sync-plan';
import { KubeClient } from '../../lib/rehearsal/kube-client';
import { kyvernoController } from '../../lib/rehearsal/local-controllers/kyverno';
import type { LocalControllerContext, ScenarioResult } from '../../lib/rehearsal/local-controllers/local-controller';
import { ProcessGroup } from '../../lib/rehearsal/processes';
import { rehearse } from '../../lib/rehearsal/rehearsal';
import type { RehearsalReport } from '../../lib/rehearsal/rehearsal-report';
import { policyScenario } from '../../lib/rehearsal/scenarios/policy-scenario';
import { argoCdCrds, CONTROL_PLANE_TOOLS, spreadZonesOf, systemNodeGroupFor } from './rehearsal-setup';

export interface PolicyRehearsal {
  readonly report: RehearsalReport;
  readonly results: readonly ScenarioResult[];
  readonly notExercised: readonly string[];
  /** Seconds: the deploy-day rehearsal, Kyverno's start, the policy scenario. */
  readonly seconds: { readonly rehearsal: number; readonly kyvernoStart: number; readonly scenario: number };
}

/**
 * Rehearses `plan` on a throw-away control plane, then starts Kyverno's admission controller
 * against it and runs the policy scenario; everything started is stopped by PID afterwards, also
 * on failure.
 */
export async function rehearsePolicies(env: EnvironmentConfig, plan: SyncPlan, log: (line: string) => void = () => undefined, binDir = CONTROL_PLANE_TOOLS.binDir): Promise<PolicyRehearsal> {
  const t0 = Date.now();
  const rehearsal = await rehearse({
    plan,
    tools: CONTROL_PLANE_TOOLS,
    systemNodeGroup: systemNodeGroupFor(env),
    kubernetesVersion: env.cluster.kubernetesVersion,
    preinstalledCrds: argoCdCrds(),
    spreadZones: spreadZonesOf(env),
    keep: true,
    log,
  });
  const processes = new ProcessGroup();
  const onExit = () => processes.killAllNow();
  process.on('exit', onExit);
  try {
    const t1 = Date.now();
    const kubeconfig = readFileSync(rehearsal.kubeconfig, 'utf8');
    const server = /server: (\S+)/.exec(kubeconfig)![1];
    const token = /token: (\S+)/.exec(kubeconfig)![1];
    const client = new KubeClient(server, token, readFileSync(join(rehearsal.dir, 'pki', 'ca.crt'), 'utf8'));
    mkdirSync(join(rehearsal.dir, 'logs'), { recursive: true });
    const ctx: LocalControllerContext = { env: env.name, plan, client, kubeconfig: rehearsal.kubeconfig, dir: rehearsal.dir, processes, binDir, log };
    if (!(await kyvernoController.canStart(ctx))) throw new Error(`${env.name}: Kyverno cannot start: its CRDs, namespace or configuration are missing after the last wave`);
    await kyvernoController.start(ctx);
    const t2 = Date.now();
    const scenario = policyScenario(env);
    const results = await scenario.run(ctx);
    const t3 = Date.now();
    return { report: rehearsal.report, results, notExercised: scenario.notExercised ?? [], seconds: { rehearsal: (t1 - t0) / 1000, kyvernoStart: (t2 - t1) / 1000, scenario: (t3 - t2) / 1000 } };
  } catch (error) {
    const dead = processes.exited();
    throw dead.length > 0 ? new Error(`${error instanceof Error ? error.message : String(error)}\n${dead.join('\n')}`) : error;
  } finally {
    await processes.stopAll();
    process.off('exit', onExit);
    await rehearsal.stop();
  }
}

/** One line per result, then its details and Kyverno's events, indented. */
export function formatScenarioResults(env: string, results: readonly ScenarioResult[], notExercised: readonly string[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.passed ? 'PASS' : 'FAIL'} ${env}: ${r.name}`);
    for (const d of r.details) lines.push(`       ${d}`);
    for (const e of r.events) lines.push(`       event ${e}`);
  }
  if (notExercised.length > 0) lines.push(`  not exercised:`, ...notExercised.map((n) => `    - ${n}`));
  return lines.join('\n');
}
