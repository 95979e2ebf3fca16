import type { App } from 'cdk8s';
import type { EnvironmentConfig } from '../../environments';
import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import { HelmRelease } from '../../lib/helm';
import { AlertRules, GrafanaDashboard, type PodMetricsMonitor, type ServiceMetricsMonitor } from '../../lib/observability';
import { UPSTREAM } from '../../lib/upstream/pins';
import { PlatformChart } from '../platform-chart';
import { alloyValues } from './alloy-values';
import { capacityDashboard } from './dashboards/capacity-dashboard';
import { provisioningDashboard } from './dashboards/provisioning-dashboard';
import { serviceDashboard } from './dashboards/service-dashboard';
import { MONITORING_NAMESPACE, MONITORING_STORAGE_CLASS, NODE_AGENTS_NAMESPACE, RELEASES } from './endpoints';
import { kubePrometheusStackValues } from './kube-prometheus-stack-values';
import { lokiValues } from './loki-values';
import { OPENCOST_PRICING_CONFIG_MAP, opencostValues } from './opencost-values';
import { otelCollectorValues } from './otel-collector-values';
import { platformMonitors } from './platform-monitors';
import { capacityRuleGroups } from './rules/capacity-alerts';
import { deliveryRuleGroups } from './rules/delivery-alerts';
import { sloRuleGroups } from './rules/slo-alerts';
import { tempoValues } from './tempo-values';

/**
 * Metrics, alerts, dashboards, logs, traces and cost allocation: kube-prometheus-stack, Loki,
 * Tempo, the OpenTelemetry Collector, OpenCost and Alloy (pod logs to Loki) as Helm releases, plus this platform's own
 * monitors, rules and dashboards as typed objects. Credentials arrive through ExternalSecrets;
 * none is rendered.
 */
export class MonitoringChart extends PlatformChart {
  public readonly kubePrometheusStack: HelmRelease;
  public readonly releases: readonly HelmRelease[];
  public readonly monitors: readonly (ServiceMetricsMonitor | PodMetricsMonitor)[];
  public readonly rules: readonly AlertRules[];
  public readonly dashboards: readonly GrafanaDashboard[];

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const namespace = MONITORING_NAMESPACE;

    this.kubePrometheusStack = new HelmRelease(this, 'kube-prometheus-stack', {
      chart: UPSTREAM['kube-prometheus-stack'].chart,
      releaseName: RELEASES.kubePrometheusStack,
      namespace,
      values: kubePrometheusStackValues(env),
      provides: [C.controller('prometheus-operator')],
      requires: [C.crds('monitoring.coreos.com'), C.secrets(namespace), C.storageClass(MONITORING_STORAGE_CLASS), C.nodePools],
    });
    const onCapacity = [C.namespaces, C.nodePools, C.storageClass(MONITORING_STORAGE_CLASS)];
    const loki = new HelmRelease(this, 'loki', { chart: UPSTREAM['loki'].chart, releaseName: RELEASES.loki, namespace, values: lokiValues(env), requires: onCapacity });
    const tempo = new HelmRelease(this, 'tempo', { chart: UPSTREAM['tempo'].chart, releaseName: RELEASES.tempo, namespace, values: tempoValues(env), requires: onCapacity });
    const collector = new HelmRelease(this, 'otel-collector', {
      chart: UPSTREAM['opentelemetry-collector'].chart,
      releaseName: RELEASES.otelCollector,
      namespace,
      values: otelCollectorValues(env),
      requires: onCapacity,
    });
    const opencost = new HelmRelease(this, 'opencost', {
      chart: UPSTREAM['opencost'].chart,
      releaseName: RELEASES.opencost,
      namespace,
      values: opencostValues(env),
      requires: [...onCapacity, C.config(OPENCOST_PRICING_CONFIG_MAP), C.crds('monitoring.coreos.com')],
    });
    // A DaemonSet on every node: needs no NodePool, only the ServiceMonitor CRD.
    const alloy = new HelmRelease(this, 'alloy', { chart: UPSTREAM['alloy'].chart, releaseName: RELEASES.alloy, namespace: NODE_AGENTS_NAMESPACE, values: alloyValues(), requires: [C.namespaces, C.crds('monitoring.coreos.com')] });
    this.releases = [this.kubePrometheusStack, loki, tempo, collector, opencost, alloy];

    this.monitors = platformMonitors(this, env);

    const rules: AlertRules[] = [];
    if (env.components.karpenter) rules.push(new AlertRules(this, 'capacity-rules', { name: 'platform-capacity', namespace, groups: capacityRuleGroups() }));
    if (env.components.keda || env.components.argoRollouts) {
      const groups = deliveryRuleGroups().filter((g) => (g.name === 'keda' ? env.components.keda : env.components.argoRollouts));
      rules.push(new AlertRules(this, 'delivery-rules', { name: 'platform-delivery', namespace, groups }));
    }
    if (env.components.demoApp) rules.push(new AlertRules(this, 'slo-rules', { name: 'slo-demo-api', namespace, groups: sloRuleGroups(env) }));
    this.rules = rules;

    this.dashboards = [
      capacityDashboard(),
      provisioningDashboard(),
      // The demo services and the demo API's SLO: only while the demo app is rendered.
      ...(env.components.demoApp ? [serviceDashboard(env.demoApp.appNamespace, env.observability.slo.apiAvailability)] : []),
    ].map((dashboard) => new GrafanaDashboard(this, `dashboard-${dashboard.uid}`, { namespace, dashboard }));
  }
}
