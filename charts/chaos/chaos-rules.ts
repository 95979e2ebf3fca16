import type { EnvironmentConfig, NamespaceConfig } from '../../environments';
import type { ConfigValidator } from '../../lib/config/config-validator';

const KUBECTL_TAG = /^v(\d+)\.(\d+)\.(\d+)$/;

/** The namespace Litmus and the drills run in: the one namespace of tier `chaos`. */
export function chaosNamespaceOf(env: EnvironmentConfig): NamespaceConfig | undefined {
  const found = env.namespaces.filter((n) => n.tier === 'chaos');
  return found.length === 1 ? found[0] : undefined;
}

/** Rules of the `chaos` section and of what the drills rely on. */
export function validateChaos(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  const c = env.chaos;
  if (check.boolean('chaos.allowInProd') && env.tier === 'prod') {
    check.expect(c.allowInProd, 'components.chaos',
      'must be false in a prod environment unless chaos.allowInProd is true: drills delete pods and drain nodes of the live service');
  }
  if (c.schedule !== '') check.cron('chaos.schedule');

  if (check.string('chaos.kubectlImageTag', { pattern: KUBECTL_TAG, rule: 'must be a kubectl release tag such as v1.33.5' })) {
    const kubectlMinor = Number(KUBECTL_TAG.exec(c.kubectlImageTag)![2]);
    const clusterMinor = Number(env.cluster.kubernetesVersion.split('.')[1]);
    check.expect(Math.abs(kubectlMinor - clusterMinor) <= 1, 'chaos.kubectlImageTag',
      `must be within one minor version of cluster.kubernetesVersion (${env.cluster.kubernetesVersion}): kubectl's version skew policy`);
  }

  const chaosNamespaces = env.namespaces.filter((n) => n.tier === 'chaos').map((n) => n.name);
  check.expect(chaosNamespaces.length === 1, 'namespaces',
    `must contain exactly one namespace of tier 'chaos' while components.chaos is true (found ${chaosNamespaces.length === 0 ? 'none' : chaosNamespaces.join(', ')}): Litmus and the drills run there`);

  // The drills target the demo application and judge it through Prometheus.
  check.expect(env.components.demoApp, 'components.demoApp', 'must be true while components.chaos is: the drills target the demo API and frontend');
  check.expect(env.components.monitoring, 'components.monitoring', "must be true while components.chaos is: the drills' error-ratio probes query Prometheus");
}
