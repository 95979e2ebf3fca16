import type { App } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { HelmRelease } from '../../lib/helm';
import { AlertRules, GrafanaDashboard, type PodMetricsMonitor, type ServiceMetricsMonitor } from '../../lib/observability';
import { UPSTREAM } from '../../lib/upstream/pins';
import { AwsSecret, AwsSecretStore, Gp3StorageClass } from '../../lib/workloads';
import { AWS_SECRET_STORE } from '../delivery';
import { PlatformChart } from '../platform-chart';
import { alloyValues } from './alloy-values';
import { capacityDashboard } from './dashboards/capacity-dashboard';
import { provisioningDashboard } from './dashboards/provisioning-dashboard';
import { serviceDashboard } from './dashboards/service-dashboard';
import { MONITORING_NAMESPACE, MONITORING_SECRETS, MONITORING_STORAGE_CLASS, RELEASES } from './endpoints';
import { kubePrometheusStackValues } from './kube-prometheus-stack-values';
import { lokiValues } from './loki-values';
import { OPENCOST_PRICING_CONFIG_MAP, opencostPricingConfig, opencostValues } from './opencost-values';
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
    const names = awsNames(env);
    const namespace = MONITORING_NAMESPACE;

    // Telemetry is bounded by retention: Delete, so a removed release leaves no volume billing on.
    new Gp3StorageClass(this, 'storage-class', { name: MONITORING_STORAGE_CLASS, reclaimPolicy: 'Delete' });

    const store = AwsSecretStore.fromName(AWS_SECRET_STORE);
    const receivers = MONITORING_SECRETS.alertmanagerReceivers;
    new AwsSecret(this, 'alertmanager-receivers', {
      name: receivers.name,
      namespace,
      store,
      remoteKey: names.monitoringSecrets.alertmanagerReceivers,
      properties: env.observability.alerting.pagerDuty
        ? [receivers.keys.slackWebhookUrl, receivers.keys.pagerDutyRoutingKey]
        : [receivers.keys.slackWebhookUrl],
    });
    const grafanaAdmin = MONITORING_SECRETS.grafanaAdmin;
    new AwsSecret(this, 'grafana-admin', {
      name: grafanaAdmin.name,
      namespace,
      store,
      remoteKey: names.monitoringSecrets.grafanaAdmin,
      properties: [grafanaAdmin.keys.user, grafanaAdmin.keys.password],
    });

    this.kubePrometheusStack = new HelmRelease(this, 'kube-prometheus-stack', {
      chart: UPSTREAM['kube-prometheus-stack'].chart,
      releaseName: RELEASES.kubePrometheusStack,
      namespace,
      values: kubePrometheusStackValues(env),
    });
    const loki = new HelmRelease(this, 'loki', { chart: UPSTREAM['loki'].chart, releaseName: RELEASES.loki, namespace, values: lokiValues(env) });
    const tempo = new HelmRelease(this, 'tempo', { chart: UPSTREAM['tempo'].chart, releaseName: RELEASES.tempo, namespace, values: tempoValues(env) });
    const collector = new HelmRelease(this, 'otel-collector', {
      chart: UPSTREAM['opentelemetry-collector'].chart,
      releaseName: RELEASES.otelCollector,
      namespace,
      values: otelCollectorValues(env),
    });
    const opencost = new HelmRelease(this, 'opencost', { chart: UPSTREAM['opencost'].chart, releaseName: RELEASES.opencost, namespace, values: opencostValues(env) });
    const alloy = new HelmRelease(this, 'alloy', { chart: UPSTREAM['alloy'].chart, releaseName: RELEASES.alloy, namespace, values: alloyValues() });
    this.releases = [this.kubePrometheusStack, loki, tempo, collector, opencost, alloy];

    new k8s.KubeConfigMap(this, 'opencost-pricing', {
      metadata: { name: OPENCOST_PRICING_CONFIG_MAP, namespace, labels: { 'app.kubernetes.io/name': RELEASES.opencost } },
      data: { 'aws.json': `${JSON.stringify(opencostPricingConfig(env), null, 2)}\n` },
    });

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
      serviceDashboard(env.workloads.appNamespace, env.observability.slo.apiAvailability),
    ].map((dashboard) => new GrafanaDashboard(this, `dashboard-${dashboard.uid}`, { namespace, dashboard }));
  }
}
