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
const ARGO_ROLLOUTS_NAMESPACE = 'argo-rollouts';

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
  const controllers: ControllerMonitor[] = [
    { on: env.components.karpenter, pods: false, name: 'karpenter', targetNamespace: names.podIdentities.karpenter.namespace, matchLabels: { 'app.kubernetes.io/name': 'karpenter' }, port: 'http-metrics', honorLabels: true },
    { on: env.components.keda, pods: false, name: 'keda-operator', targetNamespace: names.podIdentities.keda.namespace, matchLabels: { 'app.kubernetes.io/name': 'keda-operator' }, port: 'metrics', honorLabels: true },
    {
      on: env.components.argoRollouts,
      pods: true,
      name: 'argo-rollouts',
      targetNamespace: ARGO_ROLLOUTS_NAMESPACE,
      matchLabels: { 'app.kubernetes.io/name': 'argo-rollouts', 'app.kubernetes.io/component': 'rollouts-controller' },
      port: 'metrics',
      honorLabels: true,
    },
    { on: env.components.kyverno, pods: false, name: 'kyverno', targetNamespace: KYVERNO_NAMESPACE, matchLabels: { 'app.kubernetes.io/part-of': 'kyverno' }, port: 'metrics-port' },
  ];
  const monitors: (ServiceMetricsMonitor | PodMetricsMonitor)[] = controllers
    .filter((c) => c.on)
    .map(({ on: _on, pods, ...props }) => {
      const monitor = { namespace: MONITORING_NAMESPACE, ...props };
      return pods ? new PodMetricsMonitor(scope, props.name, monitor) : new ServiceMetricsMonitor(scope, props.name, monitor);
    });
  if (env.components.demoApp) {
    monitors.push(applicationMonitor(scope, env.demoApp.appNamespace));
  }
  return monitors;
}

/** A controller's metrics monitor while its component is on: on its pods' port or its Service's. */
interface ControllerMonitor {
  readonly on: boolean;
  readonly pods: boolean;
  readonly name: string;
  readonly targetNamespace: string;
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly port: string;
  readonly honorLabels?: boolean;
}

/**
 * Every pod in `namespace` labelled `SCRAPE_LABEL: "true"` is scraped on its `metrics` port; samples
 * carry the workload name and, for Rollout pods, whether they are canary or stable.
 */
function applicationMonitor(scope: Construct, namespace: string): PodMetricsMonitor {
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
