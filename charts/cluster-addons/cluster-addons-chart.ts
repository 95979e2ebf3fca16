import type { App } from 'cdk8s';
import type { EnvironmentConfig } from '../../environments';
import { HelmRelease } from '../../lib/helm';
import { UPSTREAM } from '../../lib/upstream/pins';
import { PlatformChart } from '../platform-chart';
import { metricsServerValues } from './metrics-server-values';

/** Namespace of the cluster add-ons: beside the ones EKS installs (CoreDNS, kube-proxy). */
export const CLUSTER_ADDONS_NAMESPACE = 'kube-system';

/**
 * Cluster add-ons Kubernetes APIs are served by: metrics-server, which backs the resource metrics
 * API every HorizontalPodAutoscaler reads. Only a Helm release; nothing of its own is rendered.
 */
export class ClusterAddonsChart extends PlatformChart {
  public readonly metricsServer: HelmRelease;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    this.metricsServer = new HelmRelease(this, 'metrics-server', {
      chart: UPSTREAM['metrics-server'].chart,
      releaseName: 'metrics-server',
      namespace: CLUSTER_ADDONS_NAMESPACE,
      values: metricsServerValues(env),
    });
  }
}
