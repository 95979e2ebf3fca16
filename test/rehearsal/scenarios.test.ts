import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_PLANE_BINARIES, rehearse, type RehearsalReport } from '../../lib/rehearsal';
import { ArgoRolloutsController } from '../../lib/rehearsal/local-controllers/argo-rollouts';
import { KedaController } from '../../lib/rehearsal/local-controllers/keda';
import { CanaryScenario } from '../../lib/rehearsal/scenarios/canary';
import { ScaleToZeroScenario } from '../../lib/rehearsal/scenarios/scale-to-zero';
import { argoCdCrds, CONTROL_PLANE_TOOLS } from '../../scripts/rehearse/rehearsal-setup';
import { SYSTEM_GROUP, INSTANCE_TABLE } from './rehearsal-fixtures';
import { brokenShopPlan, PROMISED_WEIGHTS } from './scenario-fixtures';

const controllers = [new ArgoRolloutsController({ namespace: 'argo-rollouts' }), new KedaController({ namespace: 'keda' })];
const missing = [...CONTROL_PLANE_BINARIES, ...controllers.flatMap((c) => c.binaries)].filter((b) => !existsSync(join(CONTROL_PLANE_TOOLS.binDir, b)));

if (missing.length > 0 && !process.env.CI) {
  test.skip(`scenario rehearsals need ${missing.join(', ')}: build them with bash scripts/tools.sh control-plane controllers`, () => undefined);
} else {
  describe('scenarios with the real controllers (a shop broken on purpose)', () => {
    jest.setTimeout(300_000);
    let report: RehearsalReport;

    beforeAll(async () => {
      const result = await rehearse({
        plan: brokenShopPlan(),
        tools: CONTROL_PLANE_TOOLS,
        systemNodeGroup: SYSTEM_GROUP,
        kubernetesVersion: '1.35',
        preinstalledCrds: argoCdCrds(),
        spreadZones: 0,
        waveTimeoutMs: 30_000,
        instanceTypeTable: INSTANCE_TABLE,
        controllers,
        scenarios: [
          new CanaryScenario({ namespace: 'shop', rollout: 'api', weights: PROMISED_WEIGHTS, minRequests: 0, analysis: true }),
          new ScaleToZeroScenario({ namespace: 'shop', scaledObject: 'worker', targetKind: 'Deployment' }),
        ],
      });
      expect(existsSync(result.dir)).toBe(false); // torn down
      for (const pid of result.pids) expect(() => process.kill(pid, 0)).toThrow(); // controllers stopped by PID too
      report = result.report;
    }, 300_000);

    const result = (name: string) => report.scenarios!.flatMap((s) => s.results).find((r) => r.name === name)!;

    test('the controllers start once their CRDs and namespaces are there, before the next wave', () => {
      expect(report.waves.find((w) => w.wave === '-5')!.controllersStarted).toEqual([expect.stringMatching(/^argo-rollouts /), expect.stringMatching(/^keda /)]);
      expect(report.waves.flatMap((w) => w.standIns).join('\n')).not.toMatch(/ReplicaSet .* for Rollout/); // the real controller made them
    });

    test('fails when a canary leaves out a step of the environment, naming the step', () => {
      const walk = result('canary shop/api: good metrics promote');
      expect(walk.passed).toBe(false);
      expect(walk.details).toContain("setWeight 40 missing: observed 20 → 100, the environment's canary is 20 → 40 → 100");
      expect(report.failures).toContain("scenario \"canary shop/api: good metrics promote\": setWeight 40 missing: observed 20 → 100, the environment's canary is 20 → 40 → 100");
      expect(walk.events.join('\n')).toMatch(/Rollout api: RolloutUpdated: Rollout updated to revision 2/);
      // The analysis itself still works: bad metrics abort, no data pauses.
      expect(result('canary shop/api: bad metrics abort and roll back').passed).toBe(true);
      expect(result('canary shop/api: no data pauses').passed).toBe(true);
    });

    test('fails when a ScaledObject with a cron window has no minimum of zero', () => {
      const s2z = result('scale to zero shop/worker: 0 outside its cron window, up inside, 0 after');
      expect(s2z.passed).toBe(false);
      expect(s2z.details[s2z.details.length - 1]).toMatch(/^outside the window the target stayed at 1 replica\(s\) until it opened at \d\d:\d\d:\d\d: it never scaled to zero \(minReplicaCount 1: scaling to zero needs minReplicaCount 0\)$/);
      expect(report.failures.filter((f) => f.startsWith('scenario')).length).toBe(2);
    });
  });
}
