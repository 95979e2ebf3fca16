import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-29';
import { REPLICAS_MANAGED_BY_ANNOTATION } from '../../../lib/argocd/replicas-managed-by';
import { CAPACITY_TYPE_LABEL, SPOT_TOLERATION } from '../../../lib/scheduling';
import { WebService, type WebServiceProps } from '../../../lib/workloads';
import { findAll, findOne, render } from '../../util';
import { IMAGE, ownedChart, PROMETHEUS } from './fixtures';

const props: WebServiceProps = {
  name: 'api',
  namespace: 'apps',
  image: IMAGE,
  ingress: { scheme: 'internet-facing', path: '/api', groupName: 'demo', groupOrder: 10 },
  analysis: { prometheusAddress: PROMETHEUS },
  canarySteps: [{ weight: 20, pause: Duration.minutes(2) }, { weight: 40, pause: Duration.seconds(90) }],
};

function build(overrides: Partial<WebServiceProps> = {}) {
  const chart = ownedChart();
  const service = new WebService(chart, 'api', { ...props, ...overrides });
  return { chart, service };
}

describe('WebService', () => {
  test('snapshot', () => {
    const { chart, service } = build();
    service.scaleOnRequestRate({ prometheusAddress: PROMETHEUS, requestsPerSecond: 50 });
    expect(render(chart)).toMatchSnapshot();
  });

  test('canary Rollout with ALB traffic routing, stable/canary services and background analysis', () => {
    const { chart } = build();
    const objects = render(chart);
    const rollout = findOne(objects, 'Rollout', 'api');
    const canary = rollout.spec.strategy.canary;
    expect(canary.trafficRouting.alb).toEqual({ ingress: 'api', rootService: 'api', servicePort: 80 });
    expect([canary.stableService, canary.canaryService]).toEqual(['api-stable', 'api-canary']);
    expect(canary.steps).toEqual([{ setWeight: 20 }, { pause: { duration: '2m' } }, { setWeight: 40 }, { pause: { duration: '90s' } }]);
    expect(canary.analysis).toEqual({ templates: [{ templateName: 'api-canary' }], startingStep: 1 });
    expect(canary.canaryMetadata.labels).toEqual({ 'platform.example.com/rollout-role': 'canary' });
    expect(findAll(objects, 'Service').map((s) => s.metadata.name).sort()).toEqual(['api', 'api-canary', 'api-stable']);
    expect(findOne(objects, 'AnalysisTemplate', 'api-canary').spec.metrics.map((m: any) => m.name)).toEqual(['success-rate', 'latency-p99']);
  });

  test('ALB Ingress points at the root service on the use-annotation port', () => {
    const ingress = findOne(render(build().chart), 'Ingress', 'api');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.rules[0].http.paths[0]).toEqual({ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'use-annotation' } } } });
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80}]',
      'alb.ingress.kubernetes.io/group.name': 'demo',
      'alb.ingress.kubernetes.io/group.order': '10',
    });
  });

  test('pods are restricted, sized, probed, labelled, spot-tolerant and prefer Graviton', () => {
    const pod = findOne(render(build().chart), 'Rollout').spec.template;
    expect(pod.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'api', team: 'payments', 'cost-center': 'cc-7', 'platform.example.com/scrape': 'true' });
    const spec = pod.spec;
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.automountServiceAccountToken).toBe(false);
    const container = spec.containers[0];
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
    });
    expect(container.imagePullPolicy).toBe('Always');
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    // Liveness differs from readiness: a TCP connect, so a slow dependency never restarts the pod.
    expect(container.livenessProbe.httpGet).toBeUndefined();
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(container.ports.map((p: any) => p.name)).toEqual(['http', 'metrics']);
    expect(spec.tolerations).toEqual([SPOT_TOLERATION]);
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } });
    const affinity = spec.affinity.nodeAffinity;
    expect(affinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['amd64', 'arm64']);
    // Spot first (weight 100: on-demand is the fallback), then Graviton.
    expect(affinity.preferredDuringSchedulingIgnoredDuringExecution.map((p: any) => [p.weight, p.preference.matchExpressions[0].key, p.preference.matchExpressions[0].values])).toEqual([
      [100, 'karpenter.sh/capacity-type', ['spot']],
      [50, 'kubernetes.io/arch', ['arm64']],
    ]);
  });

  test('an amd64-only image is required onto amd64 and prefers nothing; spot: false pins it to on-demand', () => {
    const spec = findOne(render(build({ architectures: ['amd64'], spot: false }).chart), 'Rollout').spec.template.spec;
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['amd64']);
    expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.nodeSelector).toEqual({ [CAPACITY_TYPE_LABEL]: 'on-demand' });
  });

  test('without a scaler the Rollout sets replicas and carries no managed-by annotation', () => {
    const rollout = findOne(render(build({ minReplicas: 3 }).chart), 'Rollout');
    expect(rollout.spec.replicas).toBe(3);
    expect(rollout.metadata.annotations).toBeUndefined();
  });

  test('scaleOnCpu renders an HPA on the Rollout and hands it the replica count', () => {
    const { chart, service } = build();
    service.scaleOnCpu({ targetUtilizationPercent: 60 });
    const objects = render(chart);
    const hpa = findOne(objects, 'HorizontalPodAutoscaler', 'api');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api' });
    expect(hpa.spec.metrics[0].resource).toEqual({ name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } });
    const rollout = findOne(objects, 'Rollout');
    expect(rollout.spec.replicas).toBeUndefined();
    expect(rollout.metadata.annotations![REPLICAS_MANAGED_BY_ANNOTATION]).toBe('hpa');
  });

  test('scaleOnRequestRate and scaleOnCron share one ScaledObject that scales the Rollout to zero off-hours', () => {
    const { chart, service } = build({ minReplicas: 2, maxReplicas: 6 });
    service.scaleOnRequestRate({ prometheusAddress: PROMETHEUS, requestsPerSecond: 40 });
    service.scaleOnCron({ timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5' });
    const objects = render(chart);
    const scaled = findOne(objects, 'ScaledObject', 'api');
    expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api' });
    expect([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount]).toEqual([0, 6]);
    expect(scaled.spec.triggers).toEqual([
      {
        type: 'prometheus',
        name: 'request-rate',
        metadata: { serverAddress: PROMETHEUS, query: 'sum(rate(http_requests_total{namespace="apps",workload="api"}[2m]))', threshold: '40' },
      },
      { type: 'cron', name: 'cron', metadata: { timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '2' } },
    ]);
    const rollout = findOne(objects, 'Rollout');
    expect(rollout.spec.replicas).toBeUndefined();
    expect(rollout.metadata.annotations![REPLICAS_MANAGED_BY_ANNOTATION]).toBe('keda');
    expect(service.replicasManagedBy).toBe('keda');
  });

  test('request-rate scaling alone keeps the floor at minReplicas', () => {
    const { chart, service } = build({ minReplicas: 2 });
    service.scaleOnRequestRate({ prometheusAddress: PROMETHEUS, requestsPerSecond: 40 });
    expect(findOne(render(chart), 'ScaledObject').spec.minReplicaCount).toBe(2);
  });

  test('PodDisruptionBudget allows one pod down by default', () => {
    expect(findOne(render(build().chart), 'PodDisruptionBudget', 'api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } });
  });

  test('without ingress and analysis: no Ingress, no AnalysisTemplate, canary by replica ratio', () => {
    const objects = render(build({ ingress: undefined, analysis: undefined }).chart);
    expect(findAll(objects, 'Ingress')).toHaveLength(0);
    expect(findAll(objects, 'AnalysisTemplate')).toHaveLength(0);
    const canary = findOne(objects, 'Rollout').spec.strategy.canary;
    expect(canary.trafficRouting).toBeUndefined();
    expect(canary.analysis).toBeUndefined();
  });

  test('network intents render ingress at the target and egress at the source', () => {
    const chart = ownedChart();
    const frontend = new WebService(chart, 'frontend', { ...props, name: 'frontend', ingress: undefined, analysis: undefined });
    const api = new WebService(chart, 'api', { ...props, ingress: undefined, analysis: undefined });
    api.allowFrom(frontend);
    api.allowFromCidr('10.30.0.0/16', 'alb');
    api.allowEgressTo('10.30.0.0/16', 5432, 'aurora');
    const objects = render(chart);
    const ingress = findOne(objects, 'NetworkPolicy', 'api-from-frontend');
    expect(ingress.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api' });
    expect(ingress.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'frontend' });
    expect(ingress.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(findOne(objects, 'NetworkPolicy', 'frontend-to-api').spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(findOne(objects, 'NetworkPolicy', 'api-from-alb').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.30.0.0/16' } }]);
    expect(findOne(objects, 'NetworkPolicy', 'api-to-aurora').spec.egress[0]).toEqual({ to: [{ ipBlock: { cidr: '10.30.0.0/16' } }], ports: [{ protocol: 'TCP', port: 5432 }] });
  });

  test.each([
    ['an ingress CIDR has host bits set', (api: WebService) => api.allowFromCidr('10.30.0.1/16', 'alb'), 'NetworkPolicy api-from-alb: cidr = "10.30.0.1/16": must be an IPv4 CIDR with no host bits set, e.g. 10.0.0.0/16'],
    ['an egress CIDR is not a CIDR', (api: WebService) => api.allowEgressTo('aurora.local', 5432, 'aurora'), 'NetworkPolicy api-to-aurora: cidr = "aurora.local": must be an IPv4 CIDR with no host bits set'],
    ['an egress port is out of range', (api: WebService) => api.allowEgressTo('10.30.0.0/16', 70000, 'aurora'), 'NetworkPolicy api-to-aurora: port = 70000: must be a port from 1 to 65535'],
    ['a namespace egress port is not an integer', (api: WebService) => api.allowEgressToNamespace('monitoring', 43.17), 'NetworkPolicy api-to-monitoring: port = 43.17: must be a port from 1 to 65535'],
  ])('fails when %s', (_what, open, message) => {
    const api = new WebService(ownedChart(), 'api', { ...props, ingress: undefined, analysis: undefined });
    expect(() => open(api)).toThrow(message);
  });

  test('fails when HPA and KEDA would scale the same Rollout', () => {
    const { service } = build();
    service.scaleOnCpu();
    expect(() => service.scaleOnRequestRate({ prometheusAddress: PROMETHEUS, requestsPerSecond: 10 })).toThrow(
      'WebService api: scaleOnRequestRate() needs KEDA, but a HorizontalPodAutoscaler already scales this target; an HPA and a KEDA ScaledObject on one target fight over its replicas',
    );
    const other = build().service;
    other.scaleOnCron({ timezone: 'UTC', start: '0 7 * * *', end: '0 20 * * *' });
    expect(() => other.scaleOnCpu()).toThrow('WebService api: scaleOnCpu() needs a HorizontalPodAutoscaler, but KEDA already scales this target');
  });

  test('fails when scaling to zero meets a PodDisruptionBudget with minAvailable >= 1', () => {
    const { service } = build({ minAvailable: 1 });
    expect(() => service.scaleOnCron({ timezone: 'UTC', start: '0 7 * * *', end: '0 20 * * *' })).toThrow(
      'WebService api: minAvailable = 1 contradicts scaling to zero (scaleOnCron() scales it to zero outside the window)',
    );
  });

  test('fails when the analysis has no metric source', () => {
    expect(() => build({ analysis: { prometheusAddress: '' } })).toThrow(
      'CanaryAnalysis api: prometheusAddress = "": the analysis needs a configured metric source, an http(s) URL of Prometheus',
    );
  });

  test('fails when request-rate scaling has no Prometheus', () => {
    expect(() => build().service.scaleOnRequestRate({ prometheusAddress: 'prometheus:9090', requestsPerSecond: 5 })).toThrow(
      'WebService api: prometheusAddress = "prometheus:9090": scaleOnRequestRate() needs the http(s) URL of Prometheus',
    );
  });

  test('fails when canary weights do not increase', () => {
    expect(() => build({ canarySteps: [{ weight: 50 }, { weight: 20 }] })).toThrow('WebService api: canarySteps[1].weight = 20: must be greater than the previous weight (50)');
  });

  test('fails when a canary weight is out of range', () => {
    expect(() => build({ canarySteps: [{ weight: 0 }] })).toThrow('WebService api: canarySteps[0].weight = 0: must be an integer percentage from 1 to 99 (100 follows the last step)');
    // 100 is the step after the last one, never a step of its own (one rule with the configuration).
    expect(() => build({ canarySteps: [{ weight: 50 }, { weight: 100 }] })).toThrow('WebService api: canarySteps[1].weight = 100: must be an integer percentage from 1 to 99 (100 follows the last step)');
  });

  test('fails when there are no canary steps', () => {
    expect(() => build({ canarySteps: [] })).toThrow('WebService api: canarySteps is empty');
  });

  test('fails when the image uses latest or no tag', () => {
    expect(() => build({ image: `${IMAGE.split(':')[0]}:latest` })).toThrow("must be <registry>/<repository>:<tag> or @sha256:<digest>, with a pinned tag other than 'latest'");
    expect(() => build({ image: 'demo/api' })).toThrow('WebService api: image = demo/api');
  });

  test('fails when minReplicas is below 1', () => {
    expect(() => build({ minReplicas: 0 })).toThrow('WebService api: minReplicas = 0: must be at least 1; use scaleOnCron() to scale to zero off-hours');
  });

  test('fails when maxReplicas is below minReplicas', () => {
    expect(() => build({ minReplicas: 4, maxReplicas: 2 })).toThrow('WebService api: maxReplicas = 2: must be an integer >= max(1, minReplicas = 4)');
  });

  test('fails when both minAvailable and maxUnavailable are set', () => {
    expect(() => build({ minAvailable: 1, maxUnavailable: 1 })).toThrow('WebService api: minAvailable = 1 and maxUnavailable = 1: set only one');
  });

  test('fails when the chart lacks an ownership label', () => {
    const chart = new Chart(Testing.app(), 'bare');
    expect(() => new WebService(chart, 'api', props)).toThrow("WebService api: pod template has no 'cost-center' label: set it on the chart or in props.labels");
  });

  test('fails when a trigger is added twice', () => {
    const { service } = build();
    service.scaleOnCron({ timezone: 'UTC', start: '0 7 * * *', end: '0 20 * * *' });
    expect(() => service.scaleOnCron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *' })).toThrow("WebService api: scaleOnCron() was already called: one 'cron' trigger per target");
  });

  test('fails when the cron schedule is malformed', () => {
    expect(() => build().service.scaleOnCron({ timezone: 'Dublin', start: '0 7 * * *', end: '0 20 * * *' })).toThrow('WebService api: timezone = "Dublin": must be an IANA time zone');
    expect(() => build().service.scaleOnCron({ timezone: 'UTC', start: 'at 7', end: '0 20 * * *' })).toThrow('WebService api: start = "at 7": has 2 fields; needs exactly 5');
  });

  test('fails when the CPU target is out of range', () => {
    expect(() => build().service.scaleOnCpu({ targetUtilizationPercent: 120 })).toThrow('WebService api: targetUtilizationPercent = 120: must be an integer from 1 to 100');
  });

  test('livenessCheckPath gives liveness an HTTP endpoint of its own; secretFiles mount read-only', () => {
    const { chart } = build({ livenessCheckPath: '/livez', secretFiles: { token: { secretName: 'api-token', key: 'token' } } });
    const pod = findOne(render(chart), 'Rollout').spec.template.spec;
    expect(pod.containers[0].livenessProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(pod.containers[0].readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'secret-files', mountPath: '/run/secrets', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'secret-files', projected: { defaultMode: 0o440, sources: [{ secret: { name: 'api-token', items: [{ key: 'token', path: 'token' }] } }] } });
  });

  test('fails when livenessCheckPath is the readiness path', () => {
    expect(() => build({ livenessCheckPath: '/healthz' })).toThrow(
      'WebService api: livenessCheckPath = /healthz: must be an absolute path other than the readiness path /healthz (or unset for a TCP check)',
    );
  });

  test('fails when a secretFiles key is not a file name', () => {
    expect(() => build({ secretFiles: { '../token': { secretName: 'api-token', key: 'token' } } })).toThrow(
      'WebService api: secretFiles key = "../token": must be a file name',
    );
  });

  test('fails when an ephemeral storage request exceeds its limit', () => {
    const resources = {
      cpu: { request: Cpu.millis(100), limit: Cpu.millis(500) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
      ephemeralStorage: { request: Size.gibibytes(2), limit: Size.gibibytes(1) },
    };
    expect(() => build({ resources })).toThrow('WebService api: resources.ephemeralStorage.request = 2048Mi exceeds the limit 1024Mi: a request must not exceed its limit');
  });

  test('fails when a request exceeds its limit', () => {
    expect(() => build({ resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(500) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } } })).toThrow(
      'WebService api: resources.cpu.request = 2 exceeds the limit 500m',
    );
  });
});
