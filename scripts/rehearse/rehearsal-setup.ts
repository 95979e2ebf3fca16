import { join, resolve } from 'node:path';
import { systemNodeGroupOf, type EnvironmentConfig } from '../../environments';
import type { ManifestObject } from '../../lib/argocd';
import { INSTANCE_TYPES } from '../../lib/capacity/instance-types';
import { maxPodsOf } from '../../lib/rehearsal/kwok-instance-types';
import type { ControlPlaneTools } from '../../lib/rehearsal/control-plane';
import type { SystemNodeGroup } from '../../lib/rehearsal/system-nodes';
import { ArgoRolloutsController } from '../../lib/rehearsal/local-controllers/argo-rollouts';
import type { LocalController, Scenario } from '../../lib/rehearsal/local-controllers/local-controller';
import { CanaryScenario } from '../../lib/rehearsal/scenarios/canary';
import { KedaController } from '../../lib/rehearsal/local-controllers/keda';
import { kyvernoAdmissionDeployment, kyvernoController } from '../../lib/rehearsal/local-controllers/kyverno';
import { policyScenario } from '../../lib/rehearsal/scenarios/policy-scenario';
import { NotApplicableScenario } from '../../lib/rehearsal/scenarios/not-applicable';
import { ScaleToZeroScenario } from '../../lib/rehearsal/scenarios/scale-to-zero';
import type { SyncPlan } from '../../lib/plan/sync-plan';
import { pinnedCrds } from '../upstream/pinned-crds';

const ROOT = resolve(__dirname, '../..');

/** The pinned binaries `bash scripts/tools.sh control-plane` builds. */
export const CONTROL_PLANE_TOOLS: ControlPlaneTools = { binDir: join(ROOT, '.tools', 'bin'), shareDir: join(ROOT, '.tools', 'share') };

/** Kinds whose CRDs the bootstrap installs with Argo CD, before the root Application. */
const ARGO_CD_KINDS = ['Application', 'AppProject', 'ApplicationSet'];

/** Argo CD's pinned CRDs (the bootstrap installs Argo CD before anything is synced). */
export function argoCdCrds(): ManifestObject[] {
  return pinnedCrds().filter((c) => {
    const spec = c.spec as { group?: string; names?: { kind?: string } };
    return spec.group === 'argoproj.io' && ARGO_CD_KINDS.includes(spec.names?.kind ?? '');
  });
}

/** Default root disk of an EKS managed node group (the bootstrap does not change it). */
const NODE_GROUP_DISK = '20Gi';

/**
 * The system node group as fake nodes, from the spec the bootstrap builds the real one from:
 * size, instance type, architecture, taint and EKS's labels, spread over the environment's zones;
 * allocatable as EKS computes it (kube-reserved CPU 6 % of the first core, 1 % of the second,
 * 0.5 % of the next two, 0.25 % above; memory 255 Mi + 11 Mi per pod plus the 100 Mi eviction
 * threshold; max pods by ENIs).
 */
export function systemNodeGroupFor(env: EnvironmentConfig): SystemNodeGroup {
  const spec = systemNodeGroupOf(env);
  const instanceType = spec.instanceTypes[0];
  const row = INSTANCE_TYPES.find((t) => t['node.kubernetes.io/instance-type'] === instanceType);
  if (!row) throw new Error(`${env.name}: system node group instance type ${instanceType} is not in the committed instance-type table (lib/capacity/instance-types.ts)`);
  const vcpus = Number(row['karpenter.k8s.aws/instance-cpu']);
  const memoryMi = Number(row['karpenter.k8s.aws/instance-memory']);
  const pods = maxPodsOf(row['karpenter.k8s.aws/instance-size'], vcpus);
  const cpuReservedM = 60 + (vcpus > 1 ? 10 : 0) + Math.min(Math.max(vcpus - 2, 0), 2) * 5 + Math.max(vcpus - 4, 0) * 2.5;
  return {
    name: spec.name,
    instanceType,
    architecture: spec.architecture,
    size: spec.size,
    maxSize: spec.maxSize,
    zones: env.aws.availabilityZones,
    region: env.aws.region,
    taints: spec.taints,
    labels: spec.nodeLabels,
    allocatable: {
      cpu: `${Math.floor(vcpus * 1000 - cpuReservedM)}m`,
      memory: `${memoryMi - (255 + 11 * pods) - 100}Mi`,
      pods: String(pods),
      'ephemeral-storage': NODE_GROUP_DISK,
    },
  };
}

/** Zones a product workload's replicas must spread over: every zone in prod, unchecked elsewhere. */
export function spreadZonesOf(env: EnvironmentConfig): number {
  return env.tier === 'prod' ? env.aws.availabilityZones.length : 0;
}

/** The destination namespace of the Helm Application installing `chart`, if the plan has one. */
export function chartNamespaceOf(plan: SyncPlan, chart: string): string | undefined {
  return plan.applications.find((a) => a.chart?.name === chart)?.destinationNamespace;
}

/** The platform's controllers the rehearsal runs as local processes for `env` (those it installs). */
export function localControllersFor(env: EnvironmentConfig, plan: SyncPlan): LocalController[] {
  const controllers: LocalController[] = [];
  const rolloutsNamespace = chartNamespaceOf(plan, 'argo-rollouts');
  if (env.components.argoRollouts && rolloutsNamespace) controllers.push(new ArgoRolloutsController({ namespace: rolloutsNamespace }));
  const kedaNamespace = chartNamespaceOf(plan, 'keda');
  if (env.components.keda && kedaNamespace) controllers.push(new KedaController({ namespace: kedaNamespace }));
  if (env.components.kyverno && kyvernoAdmissionDeployment(plan)) controllers.push(kyvernoController);
  return controllers;
}

/** The behaviours the rehearsal exercises for `env` with those controllers running. */
export function scenariosFor(env: EnvironmentConfig, plan: SyncPlan): Scenario[] {
  const scenarios: Scenario[] = [];
  const w = env.demoApp;
  const apiRollout = plan.entries.find((e) => e.object.kind === 'Rollout' && e.namespace === w.appNamespace && e.object.metadata?.name === DEMO_API);
  if (env.components.argoRollouts && apiRollout) {
    scenarios.push(new CanaryScenario({ namespace: w.appNamespace, rollout: DEMO_API, weights: w.canary.weights, minRequests: w.canary.minRequests, analysis: w.canary.analysis }));
  } else {
    scenarios.push(new NotApplicableScenario('canary', `${env.name} has no canary of the demo API (components.argoRollouts ${env.components.argoRollouts}, components.demoApp ${env.components.demoApp})`));
  }
  // Office-hours scaling: a ScaledObject with a cron trigger (not the canary's target, which the
  // canary scenario pauses meanwhile).
  const offHours = plan.entries.find((e) => e.object.kind === 'ScaledObject' && e.namespace === w.appNamespace
    && ((e.object.spec as any)?.triggers ?? []).some((t: any) => t.type === 'cron') && (e.object.spec as any)?.scaleTargetRef?.name !== DEMO_API);
  if (env.components.keda && w.scaleToZeroOffHours && offHours) {
    const target = (offHours.object.spec as any).scaleTargetRef ?? {};
    scenarios.push(new ScaleToZeroScenario({ namespace: w.appNamespace, scaledObject: String(offHours.object.metadata?.name), targetKind: target.kind ?? 'Deployment' }));
  } else {
    scenarios.push(new NotApplicableScenario('scale to zero off hours', `${env.name} does not scale its services to zero off hours (demoApp.scaleToZeroOffHours ${w.scaleToZeroOffHours}${env.components.keda ? '' : ', components.keda false'})`));
  }
  if (env.components.kyverno && kyvernoAdmissionDeployment(plan)) scenarios.push(policyScenario(env));
  else scenarios.push(new NotApplicableScenario('policies', `${env.name} runs no Kyverno admission controller (components.kyverno ${env.components.kyverno})`));
  return scenarios;
}

/** The demo application's API, whose image the canary scenario changes. */
const DEMO_API = 'api';
