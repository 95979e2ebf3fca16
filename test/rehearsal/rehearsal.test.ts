import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_PLANE_BINARIES, rehearse, type RehearsalReport } from '../../lib/rehearsal';
import { argoCdCrds, CONTROL_PLANE_TOOLS } from '../../scripts/rehearse/rehearsal-setup';
import { fixturePlan, INSTANCE_TABLE, SYSTEM_GROUP, type Defect } from './rehearsal-fixtures';

const missing = CONTROL_PLANE_BINARIES.filter((b) => !existsSync(join(CONTROL_PLANE_TOOLS.binDir, b)));

/** A real rehearsal of the small synthetic environment on a throw-away control plane. */
async function rehearseFixture(defect?: Defect): Promise<RehearsalReport> {
  const result = await rehearse({
    plan: fixturePlan(defect),
    tools: CONTROL_PLANE_TOOLS,
    systemNodeGroup: SYSTEM_GROUP,
    kubernetesVersion: '1.35',
    preinstalledCrds: argoCdCrds(),
    spreadZones: 0,
    waveTimeoutMs: 25_000,
    instanceTypeTable: INSTANCE_TABLE,
  });
  expect(existsSync(result.dir)).toBe(false); // torn down
  for (const pid of result.pids) expect(() => process.kill(pid, 0)).toThrow();
  return result.report;
}

if (missing.length > 0 && !process.env.CI) {
  test.skip(`rehearsals need ${missing.join(', ')}: build them with bash scripts/tools.sh control-plane`, () => undefined);
} else {
  describe('rehearsal on a real control plane (small synthetic environment)', () => {
    jest.setTimeout(300_000);

    test('fails when a controller synced before Karpenter does not tolerate the system-node taint', async () => {
      const report = await rehearseFixture('controller-without-system-toleration');
      const text = report.failures.join('\n');
      expect(text).toMatch(/wave -6: not healthy after 25 s: Deployment controllers\/controller \(test-controller\): 0\/1 available/);
      expect(report.waves.find((w) => w.wave === '-6')!.pending.join('\n')).toMatch(/Pod controllers\/controller-.*Unschedulable: .*untolerated taint.*\[does not tolerate CriticalAddonsOnly=true:NoSchedule\]/);
      expect(text).toMatch(/invariant "pods synced before Karpenter can add nodes \(wave < 1\) ran on the system node group test-system": Pod controllers\/controller-\S+ \(test-controller\) runs on \S+ \(NodePool on-demand\)/);
      // Nothing else is wrong with the environment: no rejection, and every later wave healthy.
      expect(report.waves.flatMap((w) => w.rejections)).toEqual([]);
      expect(report.waves.filter((w) => w.unhealthy.length > 0).map((w) => w.wave)).toEqual(['-6']);
    });

    test('fails when a StatefulSet is allowed on spot', async () => {
      const report = await rehearseFixture('statefulset-allowed-on-spot');
      expect(report.failures).toEqual([expect.stringMatching(/^invariant "no stateful pod on a spot node": Pod shop\/db-0 is stateful but runs on spot node /)]);
      const launched = report.waves.flatMap((w) => w.nodeClaims);
      expect(launched.some((n) => n.nodePool === 'spot-stateless' && n.capacityType === 'spot')).toBe(true);
    });

    test('fails when a namespace quota is too small for its workloads', async () => {
      const report = await rehearseFixture('quota-too-small');
      // The ReplicaSet controller's FailedCreate event (it may be recorded after the wave it belongs to).
      expect(report.waves.flatMap((w) => w.rejections)).toContainEqual(expect.objectContaining({ object: expect.stringMatching(/^ReplicaSet shop\/web-/), source: 'ResourceQuota', message: expect.stringMatching(/exceeded quota: compute/) }));
      expect(report.failures.join('\n')).toMatch(/wave 5: not healthy after 25 s: Deployment shop\/web \(test-web\): 0\/2 available; .*exceeded quota: compute/);
    });
  });
}
