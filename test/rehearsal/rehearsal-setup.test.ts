import { environments } from '../../environments';
import type { SyncPlan } from '../../lib/plan';
import { rehearse } from '../../lib/rehearsal/rehearsal';
import { ArgoRolloutsController } from '../../lib/rehearsal/local-controllers/argo-rollouts';
import { KedaController } from '../../lib/rehearsal/local-controllers/keda';
import { kyvernoController } from '../../lib/rehearsal/local-controllers/kyverno';
import { CanaryScenario } from '../../lib/rehearsal/scenarios/canary';
import { NotApplicableScenario } from '../../lib/rehearsal/scenarios/not-applicable';
import { ScaleToZeroScenario } from '../../lib/rehearsal/scenarios/scale-to-zero';
import { CONTROL_PLANE_TOOLS, localControllersFor, scenariosFor, systemNodeGroupFor } from '../../scripts/rehearse/rehearsal-setup';

const env = (name: string) => environments.find((e) => e.name === name)!;

/** The parts of a sync plan the set-up reads: the controllers' Applications and the demo app's objects. */
function planWith(objects: { kind: string; name: string; spec?: unknown }[]): SyncPlan {
  return {
    applications: [{ name: 'x-argo-rollouts', chart: { name: 'argo-rollouts' }, destinationNamespace: 'argo-rollouts' }, { name: 'x-keda', chart: { name: 'keda' }, destinationNamespace: 'keda' }],
    entries: objects.map((o) => ({ object: { apiVersion: 'v1', kind: o.kind, metadata: { name: o.name }, spec: o.spec }, namespace: 'apps' })),
  } as unknown as SyncPlan;
}

const cron = { type: 'cron', metadata: { timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '1' } };
const demoApp = planWith([
  { kind: 'Rollout', name: 'api' },
  { kind: 'ScaledObject', name: 'api', spec: { scaleTargetRef: { kind: 'Rollout', name: 'api' }, triggers: [cron] } },
  { kind: 'ScaledObject', name: 'frontend', spec: { scaleTargetRef: { kind: 'Rollout', name: 'frontend' }, triggers: [cron] } },
  { kind: 'ScaledObject', name: 'worker', spec: { scaleTargetRef: { kind: 'Deployment', name: 'worker' }, triggers: [{ type: 'aws-sqs-queue' }] } },
]);

describe('rehearsal set-up per environment', () => {
  test('runs Argo Rollouts and KEDA in the namespaces their Applications install into', () => {
    const controllers = localControllersFor(env('prod'), demoApp);
    expect(controllers.map((c) => c.name)).toEqual(['argo-rollouts', 'keda']);
    expect(controllers[0]).toBeInstanceOf(ArgoRolloutsController);
    expect(controllers[1]).toBeInstanceOf(KedaController);
  });

  test('runs the Kyverno admission controller and the policy scenario where the plan installs Kyverno', () => {
    const admission = { object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'kyverno-admission-controller', labels: { 'app.kubernetes.io/component': 'admission-controller', 'app.kubernetes.io/part-of': 'kyverno' } } }, namespace: 'kyverno' };
    const withKyverno = { ...demoApp, entries: [...demoApp.entries, admission] } as unknown as SyncPlan;
    expect(localControllersFor(env('prod'), withKyverno)).toContain(kyvernoController);
    const policies = scenariosFor(env('prod'), withKyverno).find((s) => s.name === 'policies')!;
    expect(policies).not.toBeInstanceOf(NotApplicableScenario);
    expect(policies.controllers).toEqual(['kyverno']);
  });

  test('dev: the canary of the API, and the frontend sleeping off hours (not the canary target)', () => {
    const scenarios = scenariosFor(env('dev'), demoApp);
    expect(scenarios[0]).toBeInstanceOf(CanaryScenario);
    expect(scenarios[1]).toBeInstanceOf(ScaleToZeroScenario);
    expect(scenarios.map((s) => s.name)).toEqual(['canary apps/api', 'scale to zero apps/frontend', 'policies']);
    expect(scenarios[2]).toBeInstanceOf(NotApplicableScenario); // no Kyverno admission controller in this plan
    expect(scenarios[1].controllers).toEqual(['keda', 'argo-rollouts']);
  });

  test('prod: the canary; scale to zero is not applicable', async () => {
    const scenarios = scenariosFor(env('prod'), demoApp);
    expect(scenarios[0]).toBeInstanceOf(CanaryScenario);
    expect(scenarios[1]).toBeInstanceOf(NotApplicableScenario);
    expect(await scenarios[1].run(undefined as never)).toEqual([{ name: 'scale to zero off hours', passed: true, applicable: false, details: ['not applicable: prod does not scale its services to zero off hours (demoApp.scaleToZeroOffHours false)'], events: [] }]);
  });

  test('fails before starting anything when a controller binary is missing, naming the build command', async () => {
    await expect(rehearse({
      plan: demoApp, tools: { ...CONTROL_PLANE_TOOLS, binDir: '/nonexistent' }, systemNodeGroup: systemNodeGroupFor(env('dev')), kubernetesVersion: '1.35', preinstalledCrds: [], spreadZones: 0,
      controllers: [new ArgoRolloutsController({ namespace: 'argo-rollouts' })],
    })).rejects.toThrow('missing rollouts-controller in /nonexistent: build them with bash scripts/tools.sh controllers');
  });
});
