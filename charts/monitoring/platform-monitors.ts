import type { Construct } from 'constructs';
import { awsNames, type EnvironmentConfig } from '../../environments';
import {
  METRICS_PATH,
  METRICS_PORT_NAME,
  PodMetricsMonitor,
  ROLLOUT_ROLE_LABEL,
  SCRAPE_LABEL,
  ServiceMetricsMonitor,
  TARGET_LABELS,
} from '../../lib/observability';
import { KYVERNO_NAMESPACE } from '../governance/governance-rules';
import { MONITORING_NAMESPACE } from './endpoints';

/** Namespace the Argo Rollouts controller is installed in. */
export const ARGO_ROLLOUTS_NAMESPACE = 'argo-rollouts';

/**
 * Monitors for the platform controllers, selecting what their upstream charts label and name:
 * Karpenter's Service port `http-metrics`; KEDA's operator Service port `metrics` (present when the
 * KEDA release sets `prometheus.operator.enabled`); the Argo Rollouts controller pods' container
 * port `metrics` (the chart's metrics Service is optional); every Kyverno controller's metrics
 * Service port `metrics-port`. Karpenter, KEDA and Argo Rollouts label their samples with the
 * namespace of the pod or object they describe, so those monitors honour the samples' labels.
 */
export function platformMonitors(scope: Construct, env: EnvironmentConfig): (ServiceMetricsMonitor | PodMetricsMonitor)[] {
  const names = awsNames(env);
  const monitors: (ServiceMetricsMonitor | PodMetricsMonitor)[] = [];
  const base = { namespace: MONITORING_NAMESPACE } as const;
  if (env.components.karpenter) {
    monitors.push(new ServiceMetricsMonitor(scope, 'karpenter', {
      ...base,
      name: 'karpenter',
      targetNamespace: names.podIdentities.karpenter.namespace,
      matchLabels: { 'app.kubernetes.io/name': 'karpenter' },
      port: 'http-metrics',
      honorLabels: true,
    }));
  }
  if (env.components.keda) {
    monitors.push(new ServiceMetricsMonitor(scope, 'keda-operator', {
      ...base,
      name: 'keda-operator',
      targetNamespace: names.podIdentities.keda.namespace,
      matchLabels: { 'app.kubernetes.io/name': 'keda-operator' },
      port: 'metrics',
      honorLabels: true,
    }));
  }
  if (env.components.argoRollouts) {
    monitors.push(new PodMetricsMonitor(scope, 'argo-rollouts', {
      ...base,
      name: 'argo-rollouts',
      targetNamespace: ARGO_ROLLOUTS_NAMESPACE,
      matchLabels: { 'app.kubernetes.io/name': 'argo-rollouts', 'app.kubernetes.io/component': 'rollouts-controller' },
      port: 'metrics',
      honorLabels: true,
    }));
  }
  if (env.components.kyverno) {
    monitors.push(new ServiceMetricsMonitor(scope, 'kyverno', {
      ...base,
      name: 'kyverno',
      targetNamespace: KYVERNO_NAMESPACE,
      matchLabels: { 'app.kubernetes.io/part-of': 'kyverno' },
      port: 'metrics-port',
    }));
  }
  if (env.components.demoApp) {
    monitors.push(applicationMonitor(scope, env.demoApp.appNamespace));
  }
  return monitors;
}

/**
 * Every pod in `namespace` labelled `SCRAPE_LABEL: "true"` is scraped on its `metrics` port; samples
 * carry the workload name and, for Rollout pods, whether they are canary or stable.
 */
export function applicationMonitor(scope: Construct, namespace: string): PodMetricsMonitor {
  return new PodMetricsMonitor(scope, 'applications', {
    namespace: MONITORING_NAMESPACE,
    name: `applications-${namespace}`,
    targetNamespace: namespace,
    matchLabels: { [SCRAPE_LABEL]: 'true' },
    port: METRICS_PORT_NAME,
    path: METRICS_PATH,
    podLabelsAsTargetLabels: { 'app.kubernetes.io/name': TARGET_LABELS.workload, [ROLLOUT_ROLE_LABEL]: TARGET_LABELS.rolloutRole },
  });
}
