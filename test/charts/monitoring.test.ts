import { MonitoringChart } from '../../charts/monitoring';
import { ENDPOINTS } from '../../charts/monitoring/endpoints';
import { HelmRelease } from '../../lib/helm';
import { DASHBOARD_SIDECAR_LABEL } from '../../lib/observability';
import { unknownValuePaths } from '../../lib/validation/chart-values';
import { UPSTREAM } from '../../lib/upstream/pins';
import { pinnedChartDefaults } from '../../scripts/upstream/chart-defaults';
import { VALUES_ALLOWLIST } from '../../scripts/upstream/values-allowlist';
import { env, envWith, findAll, findOne, render, testApp, type K8sObject } from '../util';

function build(name: string, config = env(name)) {
  const chart = new MonitoringChart(testApp(), 'monitoring', config);
  const releases = new Map(chart.node.findAll().filter(HelmRelease.isHelmRelease).map((r) => [r.releaseName, r.values as Record<string, any>]));
  return { chart, objects: render(chart), releases };
}

const prod = build('prod');
const dev = build('dev');
const kps = (b: ReturnType<typeof build>) => b.releases.get('kube-prometheus-stack')!;

describe('MonitoringChart', () => {
  test('snapshot (prod): objects and Helm values', () => {
    expect(prod.objects).toMatchSnapshot();
    expect(Object.fromEntries(prod.releases)).toMatchSnapshot();
  });

  test('every object is named, namespaced in monitoring (except the StorageClass) and carries the common labels', () => {
    for (const o of prod.objects) {
      if (o.kind !== 'StorageClass') expect({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace }).toEqual({ kind: o.kind, name: o.metadata.name, namespace: 'monitoring' });
      expect(o.metadata.labels).toMatchObject({ 'cost-center': 'cc-1042', team: 'platform' });
    }
  });

  describe('kube-prometheus-stack values', () => {
    test('take the pinned chart', () => {
      expect(prod.chart.kubePrometheusStack.chart).toBe(UPSTREAM['kube-prometheus-stack'].chart);
    });

    test('every key path exists in the chart defaults (88.5.3)', () => {
      const defaults = pinnedChartDefaults(UPSTREAM['kube-prometheus-stack'].chart);
      expect(defaults).toBeDefined(); // set UPSTREAM_DIR to the upstream mirror
      for (const b of [dev, prod]) expect(unknownValuePaths(kps(b), defaults)).toEqual([]);
    });

    test('pick up every monitor and rule, not only the release\'s own', () => {
      const spec = kps(prod).prometheus.prometheusSpec;
      for (const kind of ['serviceMonitor', 'podMonitor', 'rule', 'probe', 'scrapeConfig']) expect(spec[`${kind}SelectorNilUsesHelmValues`]).toBe(false);
    });

    test('do not scrape the EKS-managed control plane', () => {
      for (const component of ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy']) expect(kps(prod)[component]).toEqual({ enabled: false });
      expect(kps(prod).defaultRules.rules).toMatchObject({ etcd: false, kubeControllerManager: false, kubeProxy: false });
    });

    test('size retention and gp3 storage per environment', () => {
      const specOf = (b: ReturnType<typeof build>) => kps(b).prometheus.prometheusSpec;
      expect(specOf(dev)).toMatchObject({ retention: '3d', retentionSize: '17GB', replicas: 1 });
      expect(specOf(dev).storageSpec.volumeClaimTemplate.spec).toMatchObject({ storageClassName: 'monitoring-gp3', resources: { requests: { storage: '20Gi' } } });
      expect(specOf(prod)).toMatchObject({ retention: '30d', retentionSize: '170GB', replicas: 2, podAntiAffinity: 'hard' });
      expect(specOf(prod).resources).toEqual({ requests: { cpu: '2000m', memory: '8Gi' }, limits: { cpu: '4000m', memory: '8Gi' } });
      expect(findOne(prod.objects, 'StorageClass', 'monitoring-gp3').parameters).toMatchObject({ type: 'gp3', encrypted: 'true' });
    });

    test('run highly available in prod: 2 Prometheus, 3 Alertmanager, disruption budgets', () => {
      expect(kps(prod).alertmanager.alertmanagerSpec.replicas).toBe(3);
      expect(kps(prod).alertmanager.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
      expect(kps(prod).prometheus.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
      expect(kps(dev).alertmanager.podDisruptionBudget.enabled).toBe(false);
      expect(kps(dev).alertmanager.alertmanagerSpec.podAntiAffinity).toBeUndefined();
    });
  });

  describe('Alertmanager', () => {
    const config = (b: ReturnType<typeof build>) => kps(b).alertmanager.config;

    test('reads receiver credentials from the mounted ExternalSecret, never inline', () => {
      const spec = kps(prod).alertmanager.alertmanagerSpec;
      expect(spec.secrets).toEqual(['alertmanager-receivers']);
      const [, slack, pagerduty] = config(prod).receivers;
      expect(slack.slack_configs[0].api_url_file).toBe('/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url');
      expect(slack.slack_configs[0].api_url).toBeUndefined();
      expect(pagerduty.pagerduty_configs[0].routing_key_file).toBe('/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key');
      expect(JSON.stringify(config(prod))).not.toMatch(/hooks\.slack\.com|routing_key"/);
      const secret = findOne(prod.objects, 'ExternalSecret', 'alertmanager-receivers', 'monitoring');
      expect(secret.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'aws-secrets-manager' });
      expect(secret.spec.data.map((d: any) => [d.secretKey, d.remoteRef.key])).toEqual([
        ['pagerduty-routing-key', 'prod/monitoring/alertmanager'],
        ['slack-webhook-url', 'prod/monitoring/alertmanager'],
      ]);
    });

    test('pages critical alerts in prod and still posts them to Slack', () => {
      const routes = config(prod).route.routes;
      expect(config(prod).route.receiver).toBe('slack');
      expect(routes.map((r: any) => r.receiver)).toEqual(['null', 'null', 'pagerduty', 'slack']);
      expect(routes[2]).toMatchObject({ matchers: ['severity = "critical"'], continue: true });
    });

    test('dev has no PagerDuty receiver, route or key', () => {
      expect(config(dev).receivers.map((r: any) => r.name)).toEqual(['null', 'slack']);
      expect(config(dev).route.routes.map((r: any) => r.receiver)).toEqual(['null', 'null', 'slack']);
      expect(config(dev).receivers[1].slack_configs[0].channel).toBe('#platform-alerts-dev');
      expect(findOne(dev.objects, 'ExternalSecret', 'alertmanager-receivers').spec.data.map((d: any) => d.secretKey)).toEqual(['slack-webhook-url']);
    });
  });

  describe('Grafana', () => {
    const grafana = kps(prod).grafana;

    test('has Prometheus, Loki and Tempo data sources and the dashboard sidecar', () => {
      expect(grafana.sidecar.dashboards).toMatchObject({ enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' });
      expect(grafana.sidecar.datasources).toMatchObject({ enabled: true, uid: 'prometheus' });
      expect(grafana.additionalDataSources.map((d: any) => [d.type, d.uid, d.url])).toEqual([
        ['loki', 'loki', ENDPOINTS.loki],
        ['tempo', 'tempo', ENDPOINTS.tempo],
      ]);
    });

    test('takes its admin credentials from an ExternalSecret', () => {
      expect(grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
      expect(findOne(prod.objects, 'ExternalSecret', 'grafana-admin').spec.data.map((d: any) => d.remoteRef)).toEqual([
        { key: 'prod/monitoring/grafana-admin', property: 'admin-password' },
        { key: 'prod/monitoring/grafana-admin', property: 'admin-user' },
      ]);
    });
  });

  describe('monitors', () => {
    test('scrape Karpenter, KEDA, Argo Rollouts, Kyverno and the applications', () => {
      const monitors = [...findAll(prod.objects, 'ServiceMonitor'), ...findAll(prod.objects, 'PodMonitor')];
      const summary = monitors.map((m) => {
        const endpoint = (m.spec.endpoints ?? m.spec.podMetricsEndpoints)[0];
        return [m.kind, m.metadata.name, m.spec.namespaceSelector.matchNames[0], endpoint.port];
      });
      expect(summary.sort()).toEqual([
        ['PodMonitor', 'applications-apps', 'apps', 'metrics'],
        ['PodMonitor', 'argo-rollouts', 'argo-rollouts', 'metrics'],
        ['ServiceMonitor', 'karpenter', 'karpenter', 'http-metrics'],
        ['ServiceMonitor', 'keda-operator', 'keda', 'metrics'],
        ['ServiceMonitor', 'kyverno', 'kyverno', 'metrics-port'],
      ]);
      expect(findOne(prod.objects, 'PodMonitor', 'applications-apps').spec.selector.matchLabels).toEqual({ 'platform.example.com/scrape': 'true' });
    });

    test('follow the component toggles', () => {
      const off = build('dev', envWith('dev', { components: { keda: false, kyverno: false, demoApp: false } }));
      expect([...findAll(off.objects, 'ServiceMonitor'), ...findAll(off.objects, 'PodMonitor')].map((m) => m.metadata.name).sort()).toEqual(['argo-rollouts', 'karpenter']);
      expect(findAll(off.objects, 'PrometheusRule').map((r) => r.metadata.name).sort()).toEqual(['platform-capacity', 'platform-delivery']);
      expect(findOne(off.objects, 'PrometheusRule', 'platform-delivery').spec.groups.map((g: any) => g.name)).toEqual(['argo-rollouts']);
    });
  });

  describe('rules', () => {
    const alerts = (o: K8sObject[]) => findAll(o, 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules)).filter((r: any) => r.alert);

    test('every alert carries a severity, a summary and a description', () => {
      for (const rule of alerts(prod.objects)) {
        expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
        expect(rule.annotations.summary).toBeTruthy();
        expect(rule.annotations.description).toBeTruthy();
      }
    });

    test('cover provisioning, spot interruptions, KEDA, rollouts and the API SLO with upstream metric names', () => {
      const byName = new Map<string, string>(alerts(prod.objects).map((r: any) => [r.alert, r.expr]));
      expect([...byName.keys()].sort()).toEqual([
        'DemoApiErrorBudgetBurn',
        'KarpenterCloudProviderErrors',
        'KarpenterNodePoolNearLimit',
        'KarpenterPodsWaitingForCapacity',
        'KarpenterSlowNodeProvisioning',
        'KarpenterSpotInterruptionRateHigh',
        'KarpenterUnschedulablePods',
        'KedaScalerErrors',
        'RolloutAborted',
        'RolloutAnalysisFailed',
        'RolloutFailed',
      ]);
      expect(byName.get('KarpenterSpotInterruptionRateHigh')).toContain('karpenter_interruption_received_messages_total{message_type="spot_interrupted"}');
      expect(byName.get('KarpenterSlowNodeProvisioning')).toContain('karpenter_pods_provisioning_startup_duration_seconds_bucket');
      expect(byName.get('KedaScalerErrors')).toContain('keda_scaler_detail_errors_total');
      expect(byName.get('RolloutAborted')).toContain('rollout_info{phase="Abort"}');
    });

    test('the SLO burn rate uses the environment objective on 1h/5m and 6h/30m windows', () => {
      const slo = findOne(prod.objects, 'PrometheusRule', 'slo-demo-api').spec.groups[1].rules;
      expect(slo[0].expr).toContain('slo:sli_error:ratio_rate1h{slo="demo-api"} > (14.4 * (1 - 0.999))');
      expect(slo[1].expr).toContain('slo:sli_error:ratio_rate30m{slo="demo-api"} > (6 * (1 - 0.999))');
      const devSlo = findOne(dev.objects, 'PrometheusRule', 'slo-demo-api').spec.groups[1].rules;
      expect(devSlo[0].expr).toContain('(1 - 0.995)');
    });
  });

  describe('dashboards', () => {
    const dashboards = findAll(prod.objects, 'ConfigMap').filter((c) => c.metadata.labels?.[DASHBOARD_SIDECAR_LABEL.key] === DASHBOARD_SIDECAR_LABEL.value);
    const json = (uid: string) => JSON.parse(dashboards.find((d) => d.metadata.name === `dashboard-${uid}`)!.data[`${uid}.json`]);
    const titles = (uid: string) => json(uid).panels.filter((p: any) => p.type !== 'row').map((p: any) => p.title);
    const exprs = (uid: string) => json(uid).panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr)).join('\n');

    test('three dashboards ship as sidecar ConfigMaps', () => {
      expect(dashboards.map((d) => d.metadata.name).sort()).toEqual(['dashboard-platform-capacity', 'dashboard-platform-provisioning', 'dashboard-platform-service']);
    });

    test('Capacity & spot savings: nodes and vCPU by capacity type and arch, spot share, hourly cost', () => {
      expect(json('platform-capacity').title).toBe('Capacity & spot savings');
      expect(titles('platform-capacity')).toEqual(expect.arrayContaining(['Nodes by capacity type and architecture', 'vCPU by capacity type and architecture', 'Spot share of vCPU', 'Estimated hourly cost', 'Spot savings per hour', 'Estimated hourly cost (price table)']));
      expect(exprs('platform-capacity')).toContain('count by (capacity_type, arch)');
      expect(exprs('platform-capacity')).toContain('karpenter_cloudprovider_instance_type_offering_price_estimate');
      // The price-table panel uses the cost model's amd64 on-demand vCPU price.
      expect(exprs('platform-capacity')).toContain('* 0.038850');
    });

    test('Provisioning & disruption: pending to running latency, consolidation and interruptions', () => {
      expect(exprs('platform-provisioning')).toContain('karpenter_pods_provisioning_startup_duration_seconds_bucket');
      expect(exprs('platform-provisioning')).toContain('karpenter_voluntary_disruption_decisions_total');
      expect(exprs('platform-provisioning')).toContain('karpenter_interruption_received_messages_total');
    });

    test('Service: RED per workload, canary vs stable', () => {
      const e = exprs('platform-service');
      expect(titles('platform-service')).toEqual(expect.arrayContaining(['Request rate', 'Error ratio (5xx)', 'Latency p95', 'Canary error ratio minus stable']));
      expect(e).toContain('sum by (workload, rollout_role) (rate(http_requests_total{namespace="apps", workload=~"$workload"}');
      expect(e).toContain('rollout_role="canary"');
      expect(e).toContain('http_request_duration_seconds_bucket');
    });
  });

  describe('logs, traces and cost releases', () => {
    test('Loki keeps logs in the environment bucket for the configured retention, no credentials', () => {
      const loki = prod.releases.get('loki')!;
      expect(loki.loki.storage).toEqual({ type: 's3', bucketNames: { chunks: 'platform-prod-logs-333333333333', ruler: 'platform-prod-logs-333333333333', admin: 'platform-prod-logs-333333333333' }, s3: { region: 'eu-west-1' } });
      expect(loki.loki.limits_config.retention_period).toBe('744h');
      expect(loki.serviceAccount.name).toBe('loki');
      expect(JSON.stringify(loki)).not.toMatch(/access_key|secret_access/i);
    });

    test('the collector receives OTLP and exports traces to Tempo, logs to Loki', () => {
      const config = prod.releases.get('otel-collector')!.config;
      expect(config.service.pipelines.traces).toEqual({ receivers: ['otlp'], processors: ['memory_limiter', 'probabilistic_sampler', 'batch'], exporters: ['otlp/tempo'] });
      expect(config.exporters['otlp/tempo'].endpoint).toBe(ENDPOINTS.tempoOtlpGrpc);
      expect(config.exporters['otlphttp/loki'].endpoint).toBe(`${ENDPOINTS.loki}/otlp`);
      expect(config.processors.probabilistic_sampler.sampling_percentage).toBe(10);
      expect(dev.releases.get('otel-collector')!.config.processors.probabilistic_sampler.sampling_percentage).toBe(100);
    });

    test('Tempo keeps traces for the configured retention on gp3', () => {
      const tempo = prod.releases.get('tempo')!;
      expect(tempo.tempo.retention).toBe('336h');
      expect(tempo.persistence).toEqual({ enabled: true, size: '50Gi', storageClassName: 'monitoring-gp3' });
    });

    test('OpenCost reads spot prices from the data feed and recognises Karpenter spot nodes', () => {
      const pricing = JSON.parse(findOne(prod.objects, 'ConfigMap', 'opencost-aws-pricing').data['aws.json']);
      expect(pricing).toMatchObject({
        provider: 'aws',
        spotLabel: 'karpenter.sh/capacity-type',
        spotLabelValue: 'spot',
        awsSpotDataBucket: 'platform-prod-spot-feed-333333333333',
        awsSpotDataPrefix: 'spot-data-feed',
        awsSpotDataRegion: 'eu-west-1',
        projectID: '333333333333',
        CPU: '0.038850',
      });
      const opencost = prod.releases.get('opencost')!;
      expect(opencost.opencost.customPricing).toMatchObject({ enabled: true, createConfigmap: false, configmapName: 'opencost-aws-pricing' });
      expect(opencost.opencost.prometheus.internal).toEqual({ enabled: true, serviceName: 'kube-prometheus-stack-prometheus', namespaceName: 'monitoring', port: 9090 });
    });

    test('every release takes its chart from the pins', () => {
      const pinned = Object.values(UPSTREAM).map((u) => u.chart);
      for (const release of prod.chart.releases) expect(pinned).toContain(release.chart);
      expect(prod.chart.releases.map((r) => r.releaseName)).toEqual(['kube-prometheus-stack', 'loki', 'tempo', 'otel-collector', 'opencost', 'alloy']);
    });

    test('Loki, Tempo and Alloy values use only keys of their pinned charts (allowlisted pass-through keys aside)', () => {
      const known = new Set(VALUES_ALLOWLIST.map((e) => `${e.chart} ${e.path}`));
      for (const name of ['loki', 'tempo', 'alloy'] as const) {
        const defaults = pinnedChartDefaults(UPSTREAM[name].chart);
        expect(defaults).toBeDefined(); // set UPSTREAM_DIR to the upstream mirror
        for (const b of [dev, prod]) {
          const unknown = unknownValuePaths(b.releases.get(name)!, defaults).filter((path) => !known.has(`${name} ${path}`));
          expect(unknown).toEqual([]);
        }
      }
    });
  });

  describe('Loki', () => {
    test('is a published chart version (8.2.0 was never released)', () => {
      expect(UPSTREAM.loki.chart.version).toBe('8.1.3');
      expect(UPSTREAM.loki.chartValues.file).toBe(`chart-values/loki-${UPSTREAM.loki.chart.version}.yaml`);
    });

    test('runs one single binary behind the Service Alloy pushes to', () => {
      const loki = prod.releases.get('loki')!;
      expect(loki).toMatchObject({ deploymentMode: 'SingleBinary', singleBinary: { replicas: 1 }, gateway: { enabled: false } });
      expect(ENDPOINTS.lokiPush).toBe('http://loki.monitoring.svc.cluster.local:3100/loki/api/v1/push');
    });
  });

  describe('Tempo', () => {
    const tempo = prod.releases.get('tempo')!;

    test('keeps the Jaeger receiver keys the chart dereferences, without endpoints', () => {
      const jaeger = tempo.tempo.receivers.jaeger;
      expect(jaeger).not.toBeNull();
      expect(Object.keys(jaeger.protocols).sort()).toEqual(['grpc', 'thrift_binary', 'thrift_compact', 'thrift_http']);
      for (const protocol of Object.values(jaeger.protocols)) expect(protocol).toEqual({ endpoint: null });
    });

    test('configures only the OTLP receiver in the distributor', () => {
      expect(tempo.config).toContain('toYaml (pick .Values.tempo.receivers "otlp")');
      expect(tempo.config).not.toContain('toYaml .Values.tempo.receivers');
      expect(tempo.tempo.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
    });
  });

  describe('Alloy', () => {
    const alloy = prod.releases.get('alloy')!;

    test('is a DaemonSet in the monitoring namespace on every node', () => {
      const release = prod.chart.releases.find((r) => r.releaseName === 'alloy')!;
      expect(release.namespace).toBe('monitoring');
      expect(release.chart).toBe(UPSTREAM.alloy.chart);
      expect(alloy.controller.type).toBe('daemonset');
      expect(alloy.controller.tolerations).toEqual([{ operator: 'Exists' }]);
    });

    test('reads pod logs from the node read-only and pushes them to Loki', () => {
      expect(alloy.alloy.mounts).toMatchObject({ varlog: true, dockercontainers: false });
      const pipeline: string = alloy.alloy.configMap.content;
      expect(pipeline).toContain('replacement   = "/var/log/pods/*$1/*.log"');
      expect(pipeline).toContain('field = "spec.nodeName=" + sys.env("NODE_NAME")');
      expect(pipeline).toContain(`url = "${ENDPOINTS.lokiPush}"`);
      expect(alloy.alloy.extraEnv).toEqual([{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]);
    });

    test('runs hardened and sized, with its own ServiceMonitor and no phone-home', () => {
      expect(alloy.alloy.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
      expect(alloy.alloy.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
      expect(alloy.configReloader.resources.limits).toBeDefined();
      expect(alloy.serviceMonitor).toEqual({ enabled: true });
      expect(alloy.alloy.enableReporting).toBe(false);
      expect(alloy.crds).toEqual({ create: false });
    });

    test('reads pods and namespaces only, never Secrets', () => {
      const rules = [...alloy.rbac.rules, ...alloy.rbac.clusterRules];
      expect(rules.flatMap((r: { resources: string[] }) => r.resources).sort()).toEqual(['namespaces', 'pods']);
      for (const rule of rules) expect(rule.verbs).toEqual(['get', 'list', 'watch']);
    });
  });
});
