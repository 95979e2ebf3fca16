import type { App } from 'cdk8s';
import type { EnvironmentConfig, NamespaceTier } from '../../environments';
import { PlatformNamespace, type PodSecurityLevel } from '../../lib/baseline';
import { PlatformChart } from '../platform-chart';

/**
 * Pod Security per namespace tier. Monitoring runs node-exporter (host network and paths) and
 * chaos runs Litmus helpers that need host access, so those two cannot be `restricted`.
 */
export const POD_SECURITY: Readonly<Record<NamespaceTier, PodSecurityLevel>> = {
  apps: 'restricted',
  data: 'restricted',
  platform: 'baseline',
  monitoring: 'privileged',
  chaos: 'privileged',
};

/** Tiers whose every workload this repository renders, so default-deny can be complete. */
const DEFAULT_DENY_TIERS: readonly NamespaceTier[] = ['apps', 'data'];

/** Namespaces with Pod Security labels, quotas, limit ranges and default-deny networking. */
export class BaselineChart extends PlatformChart {
  public readonly namespaces: ReadonlyMap<string, PlatformNamespace>;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const namespaces = new Map<string, PlatformNamespace>();
    for (const ns of env.namespaces) {
      namespaces.set(
        ns.name,
        new PlatformNamespace(this, ns.name, {
          name: ns.name,
          podSecurity: POD_SECURITY[ns.tier],
          podSecurityVersion: env.cluster.kubernetesVersion,
          quotaCpu: ns.quotaCpu,
          quotaMemoryGiB: ns.quotaMemoryGiB,
          quotaPods: ns.quotaPods,
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
