import type { App } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import { HelmRelease } from '../../lib/helm';
import { UPSTREAM } from '../../lib/upstream/pins';
import { AwsSecret, AwsSecretStore, Gp3StorageClass } from '../../lib/workloads';
import { AWS_SECRET_STORE } from '../delivery';
import { PlatformChart } from '../platform-chart';
import { MONITORING_NAMESPACE, MONITORING_SECRETS, MONITORING_STORAGE_CLASS } from './endpoints';
import { OPENCOST_PRICING_CONFIG_MAP, opencostPricingConfig } from './opencost-values';
import { prometheusOperatorCrdsValues } from './prometheus-operator-crds-values';

/** Release rendering only the prometheus-operator CRDs. */
const PROMETHEUS_OPERATOR_CRDS_RELEASE = 'prometheus-operator-crds';

/**
 * What the monitoring releases need before they start, in a folder synced ahead of them: the
 * StorageClass of their volumes, the Secrets Grafana and Alertmanager read (from Secrets
 * Manager through ExternalSecrets), OpenCost's pricing ConfigMap — and the prometheus-operator
 * CRDs as a release of their own, so every chart that ships a ServiceMonitor can come after them.
 */
export class MonitoringPrerequisitesChart extends PlatformChart {
  public readonly crds: HelmRelease;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const names = awsNames(env);
    const namespace = MONITORING_NAMESPACE;

    // Telemetry is bounded by retention: Delete, so a removed release leaves no volume billing on.
    new Gp3StorageClass(this, 'storage-class', { name: MONITORING_STORAGE_CLASS, reclaimPolicy: 'Delete' });

    const store = AwsSecretStore.fromName(AWS_SECRET_STORE);
    const secret = (id: string, name: string, remoteKey: string, properties: string[]) => new AwsSecret(this, id, { name, namespace, store, remoteKey, properties });
    const receivers = MONITORING_SECRETS.alertmanagerReceivers;
    secret('alertmanager-receivers', receivers.name, names.monitoringSecrets.alertmanagerReceivers,
      env.observability.alerting.pagerDuty ? [receivers.keys.slackWebhookUrl, receivers.keys.pagerDutyRoutingKey] : [receivers.keys.slackWebhookUrl]);
    const grafanaAdmin = MONITORING_SECRETS.grafanaAdmin;
    secret('grafana-admin', grafanaAdmin.name, names.monitoringSecrets.grafanaAdmin, [grafanaAdmin.keys.user, grafanaAdmin.keys.password]);

    new k8s.KubeConfigMap(this, 'opencost-pricing', {
      metadata: { name: OPENCOST_PRICING_CONFIG_MAP, namespace, labels: { 'app.kubernetes.io/name': 'opencost' } },
      data: { 'aws.json': `${JSON.stringify(opencostPricingConfig(env), null, 2)}\n` },
    });

    this.crds = new HelmRelease(this, 'prometheus-operator-crds', {
      chart: UPSTREAM['kube-prometheus-stack'].chart,
      releaseName: PROMETHEUS_OPERATOR_CRDS_RELEASE,
      namespace,
      values: prometheusOperatorCrdsValues(),
      provides: [C.crds('monitoring.coreos.com')],
      requires: [C.namespaces],
    });
  }
}
