import type { EnvironmentConfig } from '../../environments';
import { UPSTREAM } from '../../lib/upstream/pins';

/** Litmus release the operator, runner, exporter and experiment images come from: the one whose CRDs are pinned. */
export const LITMUS_VERSION = UPSTREAM.litmus.appVersion;

/** Litmus images on Docker Hub (not the chart's default analytics proxy). */
export const LITMUS_IMAGES = {
  operator: 'docker.io/litmuschaos/chaos-operator',
  runner: 'docker.io/litmuschaos/chaos-runner',
  exporter: 'docker.io/litmuschaos/chaos-exporter',
  goRunner: 'docker.io/litmuschaos/go-runner',
} as const;

/**
 * Values for the litmus-core chart (chaos operator, CRDs, optional exporter). Every key exists in
 * the chart's default values (chart-values/litmus-core-<version>.yaml of the upstream mirror).
 */
export function litmusValues(env: EnvironmentConfig): Record<string, unknown> {
  const monitoring = env.components.monitoring;
  return {
    replicaCount: 1,
    // The chart's images are an older release; run the operator and runner matching the pinned CRDs.
    operator: { image: { repository: LITMUS_IMAGES.operator, tag: LITMUS_VERSION, pullPolicy: 'IfNotPresent' } },
    runner: { image: { repository: LITMUS_IMAGES.runner, tag: LITMUS_VERSION } },
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    },
    // One operator for the cluster: engines live in the chaos namespace, targets elsewhere.
    operatorMode: 'standard',
    // No usage analytics leave the cluster.
    policies: { monitoring: { disabled: true } },
    // Chaos results as Prometheus metrics, next to the drilled services' own.
    exporter: {
      enabled: monitoring,
      serviceMonitor: { enabled: monitoring },
      image: { repository: LITMUS_IMAGES.exporter, tag: LITMUS_VERSION, pullPolicy: 'IfNotPresent' },
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '100m', memory: '128Mi' },
      },
    },
  };
}
