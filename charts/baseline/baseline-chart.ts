import { maxClusterNodes } from '../capacity/max-cluster-nodes';
import type { App } from 'cdk8s';
import type { EnvironmentConfig, NamespaceTier } from '../../environments';
import { PlatformNamespace, type PodSecurityLevel } from '../../lib/baseline';
import { PlatformChart } from '../platform-chart';

/**
 * Pod Security per namespace tier. Monitoring runs node-exporter (host network and paths), chaos
 * runs Litmus helpers that need host access, and security runs the Trivy node collector (read-only
 * host paths for the CIS node checks), so those cannot be `restricted`.
 */
export const POD_SECURITY: Readonly<Record<NamespaceTier, PodSecurityLevel>> = {
  apps: 'restricted',
  data: 'restricted',
  platform: 'baseline',
  monitoring: 'privileged',
  chaos: 'privileged',
  security: 'privileged',
};

/** Tiers whose every workload this repository renders, so default-deny can be complete. */
const DEFAULT_DENY_TIERS: readonly NamespaceTier[] = ['apps', 'data'];

/** Namespaces with Pod Security labels, quotas, limit ranges and default-deny networking. */
export class BaselineChart extends PlatformChart {
  public readonly namespaces: ReadonlyMap<string, PlatformNamespace>;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const namespaces = new Map<string, PlatformNamespace>();
    let maxNodes: number | undefined;
    const nodes = () => (maxNodes ??= maxClusterNodes(env));
    for (const ns of env.namespaces) {
      namespaces.set(
        ns.name,
        new PlatformNamespace(this, ns.name, {
          name: ns.name,
          podSecurity: POD_SECURITY[ns.tier],
          podSecurityVersion: env.cluster.kubernetesVersion,
          quotaCpu: ns.quotaCpu + (ns.quotaPerNode ? round(ns.quotaPerNode.cpu * nodes()) : 0),
          quotaMemoryGiB: ns.quotaMemoryGiB + (ns.quotaPerNode ? round(ns.quotaPerNode.memoryGiB * nodes()) : 0),
          quotaPods: ns.quotaPods + (ns.quotaPerNode ? Math.ceil(ns.quotaPerNode.pods * nodes()) : 0),
          defaultDeny: DEFAULT_DENY_TIERS.includes(ns.tier),
          labels: { 'platform.example.com/tier': ns.tier },
        }),
      );
    }
    this.namespaces = namespaces;

    // Prometheus scrapes application and data pods.
    const monitoring = [...namespaces.values()].find((n) => env.namespaces.find((c) => c.name === n.name)?.tier === 'monitoring');
    if (monitoring) {
      for (const ns of env.namespaces.filter((n) => DEFAULT_DENY_TIERS.includes(n.tier))) namespaces.get(ns.name)!.allowFrom(monitoring);
    }
  }
}

/** Up to the next tenth: quotas stay readable and never round below the need. */
function round(value: number): number {
  return Math.ceil(value * 10) / 10;
}
