import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlatform } from '../../charts/platform';
import type { EnvironmentConfig } from '../../environments';
import { buildSyncPlan } from '../../lib/plan';
import { CONTROL_PLANE_BINARIES } from '../../lib/rehearsal/control-plane';
import { KYVERNO_BINARY } from '../../lib/rehearsal/local-controllers/kyverno';
import { renderApp } from '../../lib/render/render-app';
import { writeTree } from '../../lib/render/atomic-write';
import { desiredStateOf } from '../../scripts/desired/desired-state-of';
import { rehearse } from '../../lib/rehearsal/rehearsal';
import { kyvernoController } from '../../lib/rehearsal/local-controllers/kyverno';
import { policyScenario } from '../../lib/rehearsal/scenarios/policy-scenario';
import { argoCdCrds, CONTROL_PLANE_TOOLS, spreadZonesOf, systemNodeGroupFor } from '../../scripts/rehearse/rehearsal-setup';
import { pinnedCrds } from '../../scripts/upstream/pinned-crds';
import { env, tempDir } from '../util';

const missing = [...CONTROL_PLANE_BINARIES, KYVERNO_BINARY].filter((b) => !existsSync(join(CONTROL_PLANE_TOOLS.binDir, b)));

/** The sync plan of `config`, rendered into a scratch dist/ (not the checkout's). */
async function planOf(config: EnvironmentConfig) {
  const root = tempDir('policy-scenario-');
  writeTree(join(root, 'dist', config.name), renderApp(buildPlatform(config), `environments/${config.name}`));
  return buildSyncPlan(await desiredStateOf(config, root), pinnedCrds());
}

if (missing.length > 0 && !process.env.CI) {
  test.skip(`the policy scenario needs ${missing.join(', ')}: bash scripts/tools.sh control-plane controllers`, () => undefined);
} else {
  describe('policy scenario on a real control plane with Kyverno\'s admission controller', () => {
    jest.setTimeout(600_000);

    test('fails when a policy is switched to Audit in prod, naming that policy; every other promise holds', async () => {
      const prod = env('prod');
      const broken: EnvironmentConfig = { ...prod, governance: { ...prod.governance, policyActions: { 'require-run-as-non-root': 'Audit' } } };
      // Only Kyverno runs: the other controllers' scenarios have tests of their own.
      const { report, dir, pids } = await rehearse({
        plan: await planOf(broken),
        tools: CONTROL_PLANE_TOOLS,
        systemNodeGroup: systemNodeGroupFor(broken),
        kubernetesVersion: broken.cluster.kubernetesVersion,
        preinstalledCrds: argoCdCrds(),
        spreadZones: spreadZonesOf(broken),
        controllers: [kyvernoController],
        scenarios: [policyScenario(broken)],
      });
      expect(existsSync(dir)).toBe(false); // torn down
      for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(); // Kyverno stopped by PID too
      expect(report.waves.flatMap((w) => w.controllersStarted ?? []).join('\n')).toMatch(/^kyverno /m);
      const run = { results: (report.scenarios ?? []).flatMap((s) => s.results) };
      const failed = run.results.filter((r) => !r.passed);
      expect(failed.map((r) => r.name)).toEqual(['policies: require-run-as-non-root denies runs as root (runAsUser 0, runAsNonRoot false)']);
      expect(failed[0].details.join('\n')).toMatch(/prod: require-run-as-non-root admitted runs as root .*: the live cluster only audits it \(validationActions Audit\), but prod must deny every policy/);
      // The other policies deny their bad example, naming themselves, with Kyverno's own events.
      const denials = run.results.filter((r) => /^policies: [a-z-]+ denies /.test(r.name) && r.passed);
      expect(denials).toHaveLength(11);
      for (const d of denials) expect(d.details.join('\n')).toMatch(/denied \(\d+\): admission webhook ".*kyverno.*" denied the request: Policy [a-z-]+ failed/);
      expect(run.results.find((r) => r.name === 'policies: every rendered workload is admitted')?.passed).toBe(true);
      expect(run.results.filter((r) => /exception/.test(r.name)).map((r) => [r.name, r.passed])).toEqual([
        [expect.stringMatching(/^policies: an exception exempts exactly its workload from /), true],
        [expect.stringMatching(/^policies: an expired exception no longer exempts its workload from /), true],
      ]);
    });
  });
}
