import { Size, type App } from 'cdk8s';
import { awsNames, type EnvironmentConfig } from '../../environments';
import type { NodePoolCapacity } from '../../environments/capacity-config';
import { Ec2NodeClass, NodePool, parseGoDuration, type CpuArchitecture, type NodePoolLimits } from '../../lib/capacity';
import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import { HelmRelease } from '../../lib/helm';
import { NODE_POOLS, SPOT_TAINT } from '../../lib/scheduling';
import { UPSTREAM } from '../../lib/upstream/pins';
import { PlatformChart } from '../platform-chart';
import { disruptionBudgets } from './disruption-budgets';
import { karpenterValues } from './karpenter-values';

/**
 * Karpenter and the capacity it provisions: one EC2NodeClass, a tainted spot pool for
 * interruption-tolerant workloads and an untainted on-demand pool for stateful ones and as
 * fallback, plus the controller's Helm values.
 *
 * Pool order and Graviton: NodePool `weight` orders pools, not architectures. The spot pool
 * (weight 50) is tried before on-demand (weight 10), so a workload tolerating `SPOT_TAINT` gets spot
 * and falls back to on-demand when spot is exhausted or at its limit; untolerating workloads only
 * fit on-demand. Both pools offer arm64 and amd64; a workload with a multi-arch image carries
 * `GRAVITON_PREFERENCE` (preferred node affinity), which Karpenter honours (`preferencePolicy:
 * Respect`) by launching arm64 first. amd64-only images stay off arm64 (see the architecture check).
 */
export class CapacityChart extends PlatformChart {
  public readonly nodeClass: Ec2NodeClass;
  public readonly spotStatelessPool?: NodePool;
  public readonly onDemandPool?: NodePool;
  public readonly karpenter: HelmRelease;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const names = awsNames(env);
    const capacity = env.capacity;
    const discovery = { [names.discoveryTagKey]: names.discoveryTagValue };

    this.nodeClass = new Ec2NodeClass(this, 'node-class', {
      name: 'default',
      amiFamily: capacity.amiFamily,
      amiVersion: capacity.amiAliasVersion,
      role: names.karpenterNodeRole,
      subnetSelectorTags: discovery,
      securityGroupSelectorTags: discovery,
      volumeSize: Size.gibibytes(capacity.rootVolumeGiB),
      tags: { 'cost-center': env.ownership.costCenter, environment: env.name, team: env.ownership.team },
    });

    const architectures: CpuArchitecture[] = capacity.preferArm64 ? ['arm64', 'amd64'] : ['amd64'];
    const shared = {
      nodeClass: this.nodeClass,
      architectures,
      expireAfter: parseGoDuration(capacity.expireAfter),
      consolidateAfter: parseGoDuration(capacity.consolidateAfter),
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      budgets: disruptionBudgets(capacity.disruption),
    } as const;

    if (capacity.spot.enabled) {
      this.spotStatelessPool = new NodePool(this, NODE_POOLS.spotStateless, {
        ...shared,
        name: NODE_POOLS.spotStateless,
        capacityTypes: ['spot'],
        taints: [SPOT_TAINT],
        limits: limitsOf(capacity.spot),
        weight: 50,
      });
    }
    if (capacity.onDemand.enabled) {
      this.onDemandPool = new NodePool(this, NODE_POOLS.onDemand, {
        ...shared,
        name: NODE_POOLS.onDemand,
        capacityTypes: ['on-demand'],
        limits: limitsOf(capacity.onDemand),
        weight: 10,
      });
    }

    this.karpenter = new HelmRelease(this, 'karpenter', {
      chart: UPSTREAM.karpenter.chart,
      releaseName: 'karpenter',
      namespace: names.podIdentities.karpenter.namespace,
      values: karpenterValues(env),
      provides: [C.crds('karpenter.sh'), C.crds('karpenter.k8s.aws'), C.controller('karpenter')],
      requires: [C.namespaces],
    });
  }
}

function limitsOf(pool: NodePoolCapacity): NodePoolLimits {
  return { cpu: pool.maxCpu, memory: Size.gibibytes(pool.maxMemoryGiB) };
}
